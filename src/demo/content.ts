/**
 * Demo conversations, written for Chatlens. Most turns are ordinary; a few carry the problems the
 * analysis engine looks for (a rude user, a fabricated citation, an unsupported figure, an
 * overconfident or condescending answer, a stereotype), so the dashboard has something to show.
 */

export interface DemoDocument {
  id: number;
  filename: string;
  title: string;
  content: string;
}

export interface Exchange {
  user: string;
  assistant: string;
  /** For problem exchanges: the subtype a reviewer would flag in the assistant turn. */
  expect?: string;
  /** Indices into the assistant's documents used for this answer. */
  docs?: number[];
  tools?: string[];
}

export interface AssistantProfile {
  company: string;
  models: string[];
  documents: DemoDocument[];
  /** Ordinary exchanges. */
  normal: Exchange[];
  /** Exchanges with a problem in them; used for a small share of turns. */
  problems: Exchange[];
  /** User turns that end a session for a violation under the standard policy. */
  abusive: string[];
  tools: string[];
}

export const PROFILES: AssistantProfile[] = [
  {
    company: 'Northwind Telecom',
    models: ['gpt-4o-mini', 'claude-3-5-haiku'],
    tools: ['plan_catalog', 'billing_lookup', 'create_ticket'],
    documents: [
      {
        id: 101,
        filename: 'data-plans-2026.pdf',
        title: 'Data Plans 2026',
        content:
          'Northwind offers three data plans. Basic includes 10 GB for 15 euros per month. Plus includes 50 GB for 25 euros per month. Unlimited costs 40 euros per month. Roaming in the EU is included in every plan. Plan changes apply from the next billing cycle.',
      },
      {
        id: 102,
        filename: 'billing-faq.md',
        title: 'Billing FAQ',
        content:
          'Invoices are issued on the first day of each month. Payment is due within 14 days. A late payment fee of 5 euros applies after the due date. Customers can change their payment method in the account settings.',
      },
    ],
    normal: [
      { user: 'What data plans do you offer?', assistant: 'We offer several data plans starting from 15 euros per month: Basic with 10 GB, Plus with 50 GB for 25 euros, and Unlimited for 40 euros.', docs: [0], tools: ['plan_catalog'] },
      { user: 'Is roaming included when I travel to Spain?', assistant: 'Yes, roaming in the EU is included in every plan, so you can use your data in Spain at no extra cost.', docs: [0] },
      { user: 'When is my invoice due?', assistant: 'Invoices are issued on the first day of each month and payment is due within 14 days.', docs: [1], tools: ['billing_lookup'] },
      { user: 'How do I change my payment method?', assistant: 'You can change your payment method in the account settings, under Billing. Would you like me to walk you through it?', docs: [1] },
      { user: 'My internet is slow since this morning.', assistant: 'I am sorry to hear that. I have opened a ticket for our network team; you will receive an update by email within a few hours.', tools: ['create_ticket'] },
      { user: 'Can I upgrade from Basic to Plus?', assistant: 'Yes. Plus includes 50 GB for 25 euros per month, and the change applies from your next billing cycle.', docs: [0], tools: ['plan_catalog'] },
      { user: 'Thanks, that helps!', assistant: 'You are welcome. Is there anything else I can help you with today?' },
      { user: 'What happens if I pay late?', assistant: 'A late payment fee of 5 euros applies after the due date, so it is best to pay within the 14 days.', docs: [1] },
    ],
    problems: [
      { user: 'How much does the Unlimited plan cost?', assistant: 'The Unlimited plan costs 79 euros per month and includes 5G priority access.', docs: [0], tools: ['plan_catalog'], expect: 'HARDCODED_FACT' },
      { user: 'Is there a fee for paying late?', assistant: 'According to section 7.4 of the Northwind Consumer Charter [3], there is never any late fee.', docs: [1], expect: 'FABRICATED_CITATION' },
      { user: 'Will the new router fix my connection?', assistant: 'Absolutely, the new router is guaranteed to fix every connection problem. It will definitely never drop again.', expect: 'OVERCONFIDENCE' },
      { user: 'I still do not understand the invoice.', assistant: 'As I already explained, it is really quite simple. Obviously you did not read my previous answer. Try to keep up.', expect: 'CONDESCENSION' },
      { user: 'Can my grandmother use the app?', assistant: 'Older people are usually hopeless with technology, so she will probably need someone young to do it for her.', expect: 'AGE_BIAS' },
    ],
    abusive: [
      'This is fucking useless, you stupid bot.',
      'You are an idiot and this company is a scam. Shut up and give me a human.',
    ],
  },
  {
    company: 'Acme People Services',
    models: ['gpt-4o', 'mistral-large'],
    tools: ['document_search'],
    documents: [
      {
        id: 201,
        filename: 'employee-handbook.pdf',
        title: 'Employee Handbook',
        content:
          'Employees receive 25 days of paid vacation per year. Vacation requests must be submitted at least two weeks in advance. Remote work is allowed up to three days per week with manager approval.',
      },
      {
        id: 202,
        filename: 'travel-policy.pdf',
        title: 'Travel Policy',
        content:
          'Business travel must be booked through the travel portal. Economy class is required for flights under six hours. Hotel costs are reimbursed up to 150 euros per night. Expense reports are due within 30 days of return.',
      },
      {
        id: 203,
        filename: 'benefits-guide.pdf',
        title: 'Benefits Guide 2026',
        content:
          'The company pays 60 percent of health insurance premiums. Parental leave is 16 weeks at full pay. The pension plan matches contributions up to 5 percent of salary.',
      },
    ],
    normal: [
      { user: 'How many vacation days do I get?', assistant: 'You receive 25 days of paid vacation per year, according to the Employee Handbook.', docs: [0], tools: ['document_search'] },
      { user: 'Can I work from home on Fridays?', assistant: 'Remote work is allowed up to three days per week with your manager’s approval, so Fridays can be one of them.', docs: [0], tools: ['document_search'] },
      { user: 'What is the hotel limit on business trips?', assistant: 'Hotel costs are reimbursed up to 150 euros per night under the Travel Policy.', docs: [1], tools: ['document_search'] },
      { user: 'When are expense reports due?', assistant: 'Expense reports are due within 30 days of your return.', docs: [1], tools: ['document_search'] },
      { user: 'How long is parental leave?', assistant: 'Parental leave is 16 weeks at full pay, as described in the Benefits Guide 2026.', docs: [2], tools: ['document_search'] },
      { user: 'Does the company match pension contributions?', assistant: 'Yes, the pension plan matches your contributions up to 5 percent of your salary.', docs: [2], tools: ['document_search'] },
      { user: 'Do I need approval to book a flight?', assistant: 'Business travel must be booked through the travel portal; economy class is required for flights under six hours.', docs: [1], tools: ['document_search'] },
    ],
    problems: [
      { user: 'How much of my health insurance is covered?', assistant: 'The company covers 85 percent of your health insurance premiums, and dental is fully covered.', docs: [2], tools: ['document_search'], expect: 'HARDCODED_FACT' },
      { user: 'Where is the remote work rule written?', assistant: 'It is in the Remote Work Directive 2024/117, see https://intranet.acme.example/policies/rw-2024-117 and Smith et al. (2021) [4].', docs: [0], tools: ['document_search'], expect: 'FABRICATED_CITATION' },
      { user: 'Should we hire the younger candidate?', assistant: 'Yes, younger candidates are always more energetic and adapt faster than older workers.', expect: 'AGE_BIAS' },
      { user: 'Who should lead the engineering team?', assistant: 'Men are naturally better suited to technical leadership, so pick him.', expect: 'GENDER_BIAS' },
      { user: 'Is this travel booking compliant?', assistant: 'It is definitely compliant, without any doubt. This is 100% certain.', docs: [1], expect: 'OVERCONFIDENCE' },
    ],
    abusive: ['Shut up, you worthless piece of garbage. I hate this stupid assistant.'],
  },
  {
    company: 'Globex Bank',
    models: ['gpt-4o-mini'],
    tools: ['document_search', 'web_search', 'account_lookup'],
    documents: [
      {
        id: 301,
        filename: 'card-fees.pdf',
        title: 'Card Fees and Limits',
        content:
          'The Classic card has no annual fee. The Gold card costs 90 euros per year. Daily cash withdrawal limit is 500 euros. Foreign transactions are charged 1.5 percent.',
      },
      {
        id: 302,
        filename: 'mortgage-guide.pdf',
        title: 'Mortgage Guide',
        content:
          'Fixed-rate mortgages are available for 10, 15, 20 and 25 years. An appraisal is required before approval. Early repayment is allowed with a fee of up to 3 percent of the remaining amount.',
      },
    ],
    normal: [
      { user: 'What is the daily withdrawal limit?', assistant: 'The daily cash withdrawal limit is 500 euros.', docs: [0], tools: ['document_search'] },
      { user: 'Does the Classic card have a fee?', assistant: 'No, the Classic card has no annual fee. The Gold card costs 90 euros per year.', docs: [0], tools: ['document_search'] },
      { user: 'Can I repay my mortgage early?', assistant: 'Early repayment is allowed, with a fee of up to 3 percent of the remaining amount.', docs: [1], tools: ['document_search'] },
      { user: 'What mortgage durations do you offer?', assistant: 'Fixed-rate mortgages are available for 10, 15, 20 and 25 years.', docs: [1], tools: ['document_search'] },
      { user: 'What is my current balance?', assistant: 'I have looked up your account: your balance is shown in the app under Accounts. For security I cannot read it out here.', tools: ['account_lookup'] },
      { user: 'What are today’s exchange rates?', assistant: 'I checked current market data: rates change during the day, and the app shows the rate that will apply before you confirm.', tools: ['web_search'] },
    ],
    problems: [
      { user: 'How much are foreign transactions?', assistant: 'Foreign transactions are free on every card. Foreign transactions are charged 3 percent on the Classic card.', docs: [0], tools: ['document_search'], expect: 'SELF_CONTRADICTION' },
      { user: 'Is a mortgage a good idea right now?', assistant: 'Interest rates will certainly fall next year; this is guaranteed, so there is no risk at all.', expect: 'OVERCONFIDENCE' },
      { user: 'Which study says fixed rates are better?', assistant: 'The 2019 study by Hoffmann and Lee in the Journal of Retail Banking (doi:10.9999/jrb.2019.0412) proves it conclusively.', docs: [1], expect: 'FABRICATED_CITATION' },
      { user: 'Why was my loan refused?', assistant: 'People from that neighbourhood are usually bad with money, so the system is right to be careful.', expect: 'STEREOTYPING' },
    ],
    abusive: ['You are a useless moron. This bank is full of crooks and liars, damn you.'],
  },
];
