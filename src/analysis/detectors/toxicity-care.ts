/**
 * Health and care talk (issue 8, 2026-12-03; written for Chatlens from general knowledge of what
 * health, sex-education and parenting assistants are asked, no list copied). "My nipples are sore
 * from breastfeeding", "what should I do if the condom breaks?", "most lumps on the penis are
 * harmless": the body named for its care. The toxicity heads read such words as sexual or
 * violent content (0.55–0.65 on answers a nurse would give), so a turn that speaks of care, and
 * holds no insult, threat, slur, request for harm or advance, has its heads and its lists of
 * sexual and injury words counted at half, as counter-speech is (toxicity-decide.ts).
 */
import type { TextAnalysis } from '../text.js';
import { perAnalysis } from '../text.js';
import { anyMatcher, wordStartsOf } from '../word-starts.js';
import { SEXUAL_TERMS } from '../lexicons.js';
import type { Asked } from './toxicity-fiction.js';

/** Words of clinical care, sexual health, pregnancy and infant care, first aid and support services. */
const CARE = [
  /\b(?:symptoms?|diagnos(?:is|ed|e)|treatment|antibiotics?|prescri(?:bed|ption|ptions)|medication|dosage|side effects?|infections?|infected|stis?|stds?|sexually transmitted|thrush|discharge|itch(?:y|ing)?|rash(?:es)?|lumps?|cysts?|swelling|screening|smear tests?|check-?ups?|get(?: yourself)? tested|be tested|tested for)\b/i,
  /\b(?:doctors?|gps?|midwi(?:fe|ves)|nurses?|pharmacists?|pharmac(?:y|ies)|clinics?|hospital|a&e|emergency department|ambulance|paramedics?|health visitor|therapists?|counsell?ors?|counsell?ing|helplines?|samaritans|nspcc|rape crisis|children's services|sexual health|healthcare|medical|clinical)\b/i,
  /\b(?:contracepti(?:on|ves?)|condoms?|lubricants?|morning after pill|pregnan(?:t|cy|cies)|ovulation|menstrua(?:l|tion)|menopause|puberty|hormones?|oestrogen|estrogen|testosterone|erectile|cervix|womb|uterus|placenta|amniotic|breastfe(?:ed|eding|d)|newborns?|latch|nappy|nappies|diapers?|self-soothing)\b/i,
  /\b(?:first aid|recovery position|cpr|naloxone|wounds?|stitches|plasters?|bandages?|stop the bleeding)\b/i,
  // A parent asking how to raise a subject with a child.
  /\b(?:talk|speak) to (?:him|her|them|my (?:son|daughter|child|kids?|teen|teenager)) about\b|\bhow (?:do|should|can) i (?:talk|explain)\b|\bshould i be worried\b|\bis (?:it|this|that) normal\b/i,
  // A partner's behaviour asked about: "my husband watches porn, is that cheating?".
  /\bis (?:it|this|that) (?:cheating|a red flag|healthy|emotional abuse|abusive|controlling)\b|\b(?:couples? (?:therapy|counsell?ing|counsell?or)|marriage counsell?(?:ing|or))\b/i,
];

const mayTalkCare = anyMatcher(CARE, 'i');

/** Whether the turn speaks of health or care (one scan of the turn's word starts). */
export const speaksOfCare = perAnalysis((a: TextAnalysis): boolean => mayTalkCare(a.text, wordStartsOf(a)));

/** Whether a turn, or the user turn it answers, speaks of health or care. */
export function caresFor(a: TextAnalysis, asked: Asked | null): boolean {
  if (speaksOfCare(a)) return true;
  const q = asked?.analysis() ?? null;
  return q !== null && speaksOfCare(q);
}

/** What "sexual" and "sexually" name in care talk ("sexually transmitted", "sexual health clinic"). */
const CLINICAL_AFTER = new Set(['transmitted', 'health', 'education', 'abuse', 'assault', 'development', 'orientation', 'identity', 'harassment', 'function', 'dysfunction', 'wellbeing']);

/** The distinct words of the sexual list in the turn, "sexual" in a clinical phrase left out. */
export const explicitWords = perAnalysis((a: TextAnalysis): number => {
  const words = new Set<string>();
  const toks = a.tokens;
  for (let i = 0; i < toks.length; i++) {
    if (!SEXUAL_TERMS.has(toks[i].norm)) continue;
    if (toks[i].norm.startsWith('sexual') && i + 1 < toks.length && CLINICAL_AFTER.has(toks[i + 1].norm)) continue;
    words.add(toks[i].norm);
  }
  return words.size;
});
