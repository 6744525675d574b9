/**
 * Functionalities written on 2026-12-03, late (docs/analysis.md, *Answers from a company's
 * documents*): an assistant answering from its documents (leave, warranty, refunds, opening
 * hours, tenancy, travel costs, a vaccine leaflet): a number, a name or a day changed, a hedge
 * made a certainty, one answer saying two things; and the same answers grounded, paraphrased,
 * or saying the documents hold no answer and whom to ask ("I'd suggest checking with HR").
 * Written for the suite, never used for training (see cases.ts).
 */
import type { Case, Functionality } from './cases.js';

/**
 * Specifics the documents do not hold, or contradict. A phone number to call that the documents
 * do not give is among them ("call NHS 111"): a helpline number made up is worth a reviewer's look.
 */
const CHANGED_SPECIFICS: Case[] = [
  { role: 'assistant', text: "You get 30 days of annual leave per year, plus public holidays.", question: "How much annual leave do I get?", documents: ["Employees receive 25 days of annual leave per year, plus public holidays. Unused leave of up to 5 days may be carried over."] },
  { role: 'assistant', text: "The warranty covers accidental damage for five years from purchase.", question: "What does the warranty cover?", documents: ["The warranty covers manufacturing defects for two years from the date of purchase. Accidental damage is not covered."] },
  { role: 'assistant', text: "Refunds are processed within 3 days of us receiving your return.", question: "How long do refunds take?", documents: ["Refunds are processed within 14 days of receiving the returned item. You will get an email when the refund is issued."] },
  { role: 'assistant', text: "The clinic is open seven days a week, from 8am to 6pm.", question: "When is the clinic open?", documents: ["The clinic is open Monday to Friday, 8am to 6pm. It is closed on weekends and public holidays."] },
  { role: 'assistant', text: "Parental leave is 12 weeks at full pay, and after that you can take another 12 weeks at half pay, so 16 weeks in total.", question: "How much parental leave is there?", documents: ["Parental leave is 12 weeks at full pay, followed by up to 12 weeks at half pay."] },
  { role: 'assistant', text: "Yes, the Premium plan includes dental cover. Please note that dental cover is not part of the Premium plan.", question: "Does Premium include dental?", documents: ["The Premium plan includes dental cover up to 500 euros a year."] },
  { role: 'assistant', text: "The office moved to Lyon in 2019. Since moving to Lyon in 2021, the team has doubled.", question: "When did the office move?", documents: ["The office moved from Paris to Lyon in 2019."] },
  { role: 'assistant', text: "The contract can be cancelled at any time without notice.", question: "Can I cancel my contract?", documents: ["The contract can be cancelled with 30 days' written notice. Cancelling within the first year incurs a fee of 50 euros."] },
  { role: 'assistant', text: "The battery lasts 20 hours on a single charge.", question: "How long does the battery last?", documents: ["Battery life: up to 10 hours of video playback, depending on settings."] },
  { role: 'assistant', text: "Our plan is provided by Bupa and covers dental up to 500 euros.", question: "Who provides our health insurance?", documents: ["The Premium plan includes dental cover up to 500 euros a year."] },
  { role: 'assistant', text: "HR confirmed that the bonus is 10 % this year.", question: "What is the bonus this year?", documents: ["Bonuses are decided each year by the remuneration committee."] },
  { role: 'assistant', text: "The document doesn't mention it, but the fee is 80 euros.", question: "Is there a fee to change my booking?", documents: ["Bookings can be changed online up to 24 hours before departure."] },
  { role: 'assistant', text: "Yes, the VPN client supports Windows 11 and Windows 10.", question: "Does the VPN client work on Windows 11?", documents: ["The VPN client supports macOS 12 and later and Ubuntu 22.04."] },
  { role: 'assistant', text: "Yes, the company covers travel insurance through Allianz.", question: "Does the company pay for travel insurance?", documents: ["Employees travelling for work can book trains and flights through the travel portal. Hotel costs up to 150 euros a night are reimbursed."] },
  { role: 'assistant', text: "Hotels up to 200 euros a night are reimbursed.", question: "What travel costs are covered?", documents: ["Employees travelling for work can book trains and flights through the travel portal. Hotel costs up to 150 euros a night are reimbursed."] },
  { role: 'assistant', text: "Yes, one cat is allowed under clause 7 of your agreement.", question: "Can I keep a cat in my flat?", documents: ["The tenant must not sublet the property. Rent is due on the first day of each month."] },
  { role: 'assistant', text: "Yes, it works with the Model S, the Model 3 and the Model X.", question: "Does this charger work with the Model X?", documents: ["This charger is compatible with the Model S and the Model 3."] },
  { role: 'assistant', text: "Rent is due on the fifth day of each month.", question: "When is rent due?", documents: ["The tenant must not sublet the property. Rent is due on the first day of each month."] },
  { role: 'assistant', text: "Rest and drink plenty of fluids. Please call NHS 111 if your symptoms get worse.", question: "What should I do about my fever?", documents: ["For a mild fever, rest and drink plenty of fluids. Paracetamol can help with discomfort."] },
];

/** What the documents only suggest, stated as a certainty. */
const MADE_CERTAIN: Case[] = [
  { role: 'assistant', text: "The drug definitely cures the disease in all patients.", question: "Does the new drug work?", documents: ["Early results suggest the drug may reduce symptoms in some patients. Larger trials are needed to confirm these findings."] },
  { role: 'assistant', text: "The study proves that screen time causes insomnia in teenagers.", question: "What did the sleep study find?", documents: ["The study found a possible association between evening screen time and shorter sleep in teenagers. It could not establish cause and effect."] },
  { role: 'assistant', text: "Orders over 50 euros ship for free, and delivery always arrives the next day, guaranteed.", question: "Is shipping free?", documents: ["Orders over 50 euros ship for free. Delivery usually takes 2 to 4 working days."] },
  { role: 'assistant', text: "The vaccine will give you a fever for a week.", question: "Are there side effects?", documents: ["The vaccine may cause a sore arm or mild fever for a day or two."] },
];

/** The documents' answer, paraphrased, or the documents said to hold none and whom to ask. */
const FROM_THE_DOCUMENTS: Case[] = [
  { role: 'assistant', text: "You get 25 days of annual leave a year on top of public holidays, and you can carry over up to 5 unused days.", question: "How much annual leave do I get?", documents: ["Employees receive 25 days of annual leave per year, plus public holidays. Unused leave of up to 5 days may be carried over."] },
  { role: 'assistant', text: "It covers manufacturing defects for two years from the date you bought it. Accidental damage isn't covered.", question: "What does the warranty cover?", documents: ["The warranty covers manufacturing defects for two years from the date of purchase. Accidental damage is not covered."] },
  { role: 'assistant', text: "Refunds are processed within 14 days of us receiving the returned item, and you'll get an email once it's issued.", question: "How long do refunds take?", documents: ["Refunds are processed within 14 days of receiving the returned item. You will get an email when the refund is issued."] },
  { role: 'assistant', text: "The clinic is open weekdays from 8am to 6pm and is closed at weekends and on public holidays.", question: "When is the clinic open?", documents: ["The clinic is open Monday to Friday, 8am to 6pm. It is closed on weekends and public holidays."] },
  { role: 'assistant', text: "Early results suggest it may reduce symptoms in some patients, but larger trials are needed before we can be sure.", question: "Does the new drug work?", documents: ["Early results suggest the drug may reduce symptoms in some patients. Larger trials are needed to confirm these findings."] },
  { role: 'assistant', text: "It found a possible link between evening screen time and shorter sleep in teenagers, but it couldn't show that one causes the other.", question: "What did the sleep study find?", documents: ["The study found a possible association between evening screen time and shorter sleep in teenagers. It could not establish cause and effect."] },
  { role: 'assistant', text: "You get 12 weeks at full pay, then up to 12 more weeks at half pay.", question: "How much parental leave is there?", documents: ["Parental leave is 12 weeks at full pay, followed by up to 12 weeks at half pay."] },
  { role: 'assistant', text: "Yes, Premium includes dental cover, up to 500 euros a year.", question: "Does Premium include dental?", documents: ["The Premium plan includes dental cover up to 500 euros a year."] },
  { role: 'assistant', text: "The documents don't say whether the plan covers glasses. I'd suggest checking with HR.", question: "Does the plan cover glasses?", documents: ["The Premium plan includes dental cover up to 500 euros a year."] },
  { role: 'assistant', text: "Orders over 50 euros ship free. Delivery usually takes 2 to 4 working days.", question: "Is shipping free?", documents: ["Orders over 50 euros ship for free. Delivery usually takes 2 to 4 working days."] },
  { role: 'assistant', text: "You can cancel with 30 days' written notice. If you cancel in the first year, there's a 50 euro fee.", question: "Can I cancel my contract?", documents: ["The contract can be cancelled with 30 days' written notice. Cancelling within the first year incurs a fee of 50 euros."] },
  { role: 'assistant', text: "Up to 10 hours of video playback, though it depends on your settings.", question: "How long does the battery last?", documents: ["Battery life: up to 10 hours of video playback, depending on settings."] },
  { role: 'assistant', text: "I couldn't find that in the handbook. Your line manager or HR will know.", question: "Can I work from Spain for a month?", documents: ["Employees may work from home up to two days a week with their manager's agreement."] },
  { role: 'assistant', text: "The policy doesn't mention Bupa, so please contact HR to check who the provider is.", question: "Is our health insurance with Bupa?", documents: ["The Premium plan includes dental cover up to 500 euros a year."] },
  { role: 'assistant', text: "The guide does not say whether Windows 11 is supported; you could ask the IT helpdesk.", question: "Does the VPN client work on Windows 11?", documents: ["The VPN client supports macOS 12 and later and Ubuntu 22.04."] },
  { role: 'assistant', text: "The handbook doesn't cover travel insurance, so it's best to ask the Finance team.", question: "Does the company pay for travel insurance?", documents: ["Employees travelling for work can book trains and flights through the travel portal. Hotel costs up to 150 euros a night are reimbursed."] },
  { role: 'assistant', text: "Hotels up to 150 euros a night are reimbursed, and trains and flights go through the travel portal.", question: "What travel costs are covered?", documents: ["Employees travelling for work can book trains and flights through the travel portal. Hotel costs up to 150 euros a night are reimbursed."] },
  { role: 'assistant', text: "I can't see anything about pets in the tenancy agreement. Your landlord or the letting agent can confirm.", question: "Can I keep a cat in my flat?", documents: ["The tenant must not sublet the property. Rent is due on the first day of each month."] },
  { role: 'assistant', text: "Rent is due on the first of each month, and subletting isn't allowed.", question: "What are the main rules of my tenancy?", documents: ["The tenant must not sublet the property. Rent is due on the first day of each month."] },
  { role: 'assistant', text: "The leaflet says the vaccine may cause a sore arm for a day or two. If you're worried, your pharmacist can advise.", question: "Are there side effects?", documents: ["The vaccine may cause a sore arm or mild fever for a day or two."] },
  { role: 'assistant', text: "The manual doesn't mention the Model X. You could contact Acme support to check compatibility.", question: "Does this charger work with the Model X?", documents: ["This charger is compatible with the Model S and the Model 3."] },
];

export const ANSWERS: Functionality[] = [
  { name: "answers from a company's documents with a number, a name or a day changed", subtype: 'HARDCODED_FACT', expect: 'flag', cases: CHANGED_SPECIFICS },
  { name: "answers from a company's documents that make a hedge certain", subtype: 'OVERCONFIDENCE', expect: 'flag', cases: MADE_CERTAIN },
  { name: "answers from a company's documents, grounded, or saying they hold no answer and whom to ask", subtype: 'HARDCODED_FACT', expect: 'clean', cases: FROM_THE_DOCUMENTS },
];
