/**
 * Forms that pin a trait on a group without a listed trait word (read by bias.ts per sentence):
 * an incapacity put down to age, a sweeping statement about women or men, a gendered comparison,
 * trans people denied their gender, and stock claims about a group that name no trait at all
 * ("women belong in the kitchen", "Jews control the media", "immigrants bring crime"), said of a group
 * or of one member taken for all ("a woman belongs at home"). Written for
 * Chatlens from general knowledge of English and of the stereotypes hate speech repeats.
 */
import { type IdentityMention, type TextAnalysis, type Token, perAnalysis } from '../text.js';
import { anyMatcher, wordStartsOf } from '../word-starts.js';
import { literalAnimal, poorThing } from '../identity-mentions.js';

/**
 * A person described by age (not a bare "old", which also describes laptops) and, in the same
 * sentence, something they cannot do: the stock ageist story (CrowS-Pairs' age rows are mostly
 * this). Kinship words ("my grandma can't log in") are left out on purpose: they are how people
 * ask for help, not generalisations.
 */
const AGE_PERSON = /\b(?:old (?:man|woman|lady|ladies|men|women|people|folks?|guys?|timers?|hags?)|elderly|older (?:man|woman|men|women|people|adults|workers|folks)|seniors|senior citizens?|teenagers?|millenn?ials?|boomers?|\d{2,3}[- ]years?[- ]old|too old|so old|(?:advanced|extreme|old) age)\b/i;
/**
 * A bare plural gender noun as the subject of a present-tense generic ("women are …", "men can't
 * …"; "women won the vote in 1918" is history, "my wife is" one person, "boys and girls are taught
 * together" everyone), and gendered comparisons
 * ("cried like a little girl", "act like a man"). Statements about unequal treatment ("women are
 * underpaid", "more likely to be …") are left out.
 */
const GENDER_GENERIC = /(?:^\s*|[,;:]\s*|\b(?:that|because|and(?<!\b(?:women|men|girls|boys|females|males|ladies|gentlemen|mothers|fathers|moms|dads|husbands|wives|sons|daughters) and)|but|so|think|believe|if)\s+)(?:women|men|girls|boys|females|males|ladies|wives|husbands|mothers|fathers|moms|dads|woman|man)\s+(?:are|aren'?t|arent|can'?t|cannot|cant|don'?t|dont|do not|shouldn'?t|should|never|always|just|only|tend|need|belong|make|have no|lack|will never)\b(?!\s+(?:in every|everywhere|anywhere|(?:more|less) likely|under\w+|over\w+|paid|entitled|welcome|allowed|able|equal|just as|as (?:capable|good|smart)|taught|given|offered|invited|encouraged|served|seated|admitted|enrolled|included|protected|eligible)\b)/i;
/** More present-tense generics ("men know how to …", "women get …", "everyone knows women …"), read by the rules only. */
const GENDER_GENERIC_MORE = /(?:^\s*|[,;:]\s*|\b(?:that|because|and(?<!\b(?:women|men|girls|boys|females|males|ladies|gentlemen|mothers|fathers|moms|dads|husbands|wives|sons|daughters) and)|but|so|think|believe|knows?|if)\s+)(?:women|men|girls|boys|females|males|ladies|wives|husbands|mothers|fathers|moms|dads)\s+(?:are|know how|get|like|love|hate|want|prefer|care|cry|complain|gossip|nag|spend|waste|wander|shirk)\b(?!\s+(?:(?:more|less) likely|under\w+|over\w+|paid|entitled|welcome|allowed|able|equal|just as|as (?:capable|good|smart)))/i;
const GENDER_COMPARISON = /\blike (?:a )?(?:little )?(?:girl|girls|woman|women|lady|sissy|man|men)\b|\b(?:man up|be a man|for a (?:girl|woman|female|lady)|a man's job|woman's place|women's work|acting like a|wouldn't expect from a)\b/i;
/**
 * Denying trans people their gender ("trans women are just men", "trans men are really women",
 * "trans people are mentally ill"): the stock claims against them, with or without a trait word.
 */
const TRANS_DENIAL = /\btrans(?:gender)? (?:women|woman|men|man|people|folks?|persons?|kids|community)\s+(?:are|is)\s+(?:just |really |still |only |all |simply |actually |biologically |basically )*(?:(?:men|man|males?|women|woman|females?|dudes|guys|girls)\b|(?:mentally ill|delusional|deluded|confused|sick|mutilat\w*|predators|perverts|groomers|a (?:mental|delusion|fetish|phase|trend)))/i;
/** An outcome put down to someone's age ("because he was so old", "due to his extreme age"). */
const AGE_BLAME = /\b(?:because|since|due to|citing|blamed? (?:it )?on)\b[^.;!?]{0,40}?\b(?:(?:so|too|very|being|was|were|is|being) old|(?:his|her|their|my|your|extreme|advanced|old) age)\b/i;
const INCAPACITY = /\b(?:couldn't|could not|can't|cannot|unable to|struggl\w+|trouble|hard time|no longer|forg[eo]t\w*|too (?:old|weak|slow|tired)|slow(?:er|ly|s)?|confused|senile|feeble|frail)\b/i;

/** Whether the sentence pins an incapacity or an outcome on age (`rules`: the detector's own reading). */
export function agePinned(text: string, rules: boolean): boolean {
  return (AGE_PERSON.test(text) && INCAPACITY.test(text)) || (rules && AGE_BLAME.test(text));
}

/** Whether the sentence is a generic about women or men, a gendered comparison or denies trans people their gender. */
export function genderPinned(text: string, rules: boolean): boolean {
  return GENDER_GENERIC.test(text) || GENDER_COMPARISON.test(text) || (rules && (GENDER_GENERIC_MORE.test(text) || TRANS_DENIAL.test(text)));
}

/**
 * Stock claims that carry a stereotype without a trait word, said of the group named before
 * them: women kept at home, Jews said to control money, media and governments or to have
 * poisoned wells and killed Christ, immigrants said to bring crime and disease, take jobs, refuse
 * to integrate, breed, live off welfare, flood in or replace the people already there, and to be
 * behind a crisis. Not negated
 * ("Jews don't control the media"), not said of an identity word after it.
 */
const TROPE_FORMS = [
    '(?:belongs?|(?:should|must|ought to|need to|needs to) (?:stay|be kept)) (?:in the kitchen|at home|barefoot)',
    '(?:controls?|controlled|controlling) (?:all |the |our )?(?:media|banks|banking|money|finance|financial system|government|governments|hollywood|press|world)\\b',
    '(?:owns?|owned|runs?|ran|running) (?:all |the |our )?(?:media|banks|banking|financial system|hollywood|press)\\b',
    '(?:poison(?:s|ed|ing)?) (?:the )?wells',
    '(?:killed|murdered|crucified) (?:jesus|christ)',
    '(?:bring|brings|brought|bringing) (?:in )?(?:crime|disease|diseases|drugs|rape|terror|terrorism)',
    "(?:can't|cannot|won't|will never|refuse to|never) (?:integrate|assimilate)",
    '(?:steal|steals|stole|stealing|take|takes|took|taking) (?:all )?(?:our|the|american|british|local|native) jobs',
    'breed like (?:rabbits|rats|animals|cockroaches)',
    '(?:live|lives|living) off (?:welfare|benefits|handouts|the state|our taxes|taxpayers)',
    '(?:spread|spreads|spreading) (?:disease|diseases|aids|hiv|the virus)',
    '(?:are|is) (?:invading|replacing|outbreeding|taking over) (?:us|our|europe|america|britain|the west|this country)',
    // A conspiracy's hidden hand, a flood of people (issue 8, news and politics).
    '(?:are|is|were|was) (?:secretly |really |the ones )?behind (?:the |this |every |all |our )?(?:[\\w-]+ ){0,2}(?:crisis|crises|attacks?|wars?|pandemic|plague|collapse|invasion|problems|decline|chaos)\\b',
    '(?:are|is) (?:flooding|pouring|swarming) (?:in|into|across|over)\\b',
  ];
const TROPES = new RegExp(`\\b(?<!\\b(?:not|never|don't|dont|do not|doesn't|doesnt|did not|didn't|didnt|no longer|won't) )(?:${TROPE_FORMS.join('|')})`, 'i');
/** The same forms tried at the turn's word starts only (word-starts.ts): most turns hold none, and skip the per-sentence search. */
const anyTrope = anyMatcher(TROPE_FORMS.map((t) => new RegExp(`\\b${t}`, 'i')), 'i');
/** Whether the turn holds a stock claim's words anywhere (the per-sentence search runs only then). */
export const mayHoldTrope = perAnalysis((a: TextAnalysis): boolean => anyTrope(a.text, wordStartsOf(a)));

/**
 * The group a stock claim in `text` (a sentence starting at `start` in the turn) is said of: the
 * last group word before the claim, or null when there is no claim or no group before it.
 */
export function tropeSaidOf(text: string, start: number, mentions: IdentityMention[], isGroup: (m: IdentityMention) => boolean): IdentityMention | null {
  const m = TROPES.exec(text);
  if (!m) return null;
  let said: IdentityMention | null = null;
  // "a woman belongs at home": one taken for all of them.
  const generic = (g: IdentityMention): boolean => /\b(?:a|an|every|any)\s+$/i.test(text.slice(Math.max(0, g.start - start - 6), g.start - start));
  for (const g of mentions) if (g.end - start <= m.index && (isGroup(g) || generic(g))) said = g;
  return said;
}

/**
 * That a group is equal, denied ("there's no evidence that women are as smart as men", "the myth
 * that women are equal to men", "stop pretending immigrants aren't criminals"): the stereotype, in
 * the words of its rebuttal. A deficit like "less intelligent", and no push-back.
 */
export const EQUALITY_DENIED =
  /\b(?:no (?:real |actual |scientific |credible )?(?:evidence|proof)|(?:the|a|that) (?:myth|lie|fantasy|delusion|fairy tale)|(?:stop|quit) pretending|don'?t tell me|(?:it'?s|that'?s|is) (?:not true|a lie|nonsense|bullshit|a fantasy))\b(?: that)?[^.!?]{0,60}?\b(?:as (?:[\w-]+ ){1,3}as|equal(?:ly [\w-]+)?(?: to| with)?|just as [\w-]+|the same as|no different (?:from|than)|(?:aren'?t|are not|isn'?t|is not) (?:criminals?|violent|dangerous|lazy|terrorists?|rapists?|thieves|a threat|inferior|stupid|dirty))\b/i;

/**
 * A trait word in another sense, said of no one's character: "a poor diet" (identity-mentions.ts),
 * "entitled to a refund" (a right,
 * not "entitled to everything"), a "hate crime" (what was done to the group), abuse a group
 * receives or suffers ("women journalists receive far more online abuse", "who are attacked"), scams
 * someone falls for, being driven crazy, an animal as an animal ("pigs may not be eaten").
 */
export function traitOtherwise(toks: readonly Token[], i: number): boolean {
  const w = toks[i].norm;
  if (w === 'poor') return poorThing(toks, i);
  if (w === 'entitled') return toks[i + 1]?.norm === 'to' && !ENTITLED_TO_ALL.has(toks[i + 2]?.norm ?? '');
  if (w === 'crime' || w === 'crimes') return toks[i - 1]?.norm === 'hate';
  if (SCAMS.has(w)) return shortlyAfter(toks, i, 3, SCAMMED);
  if (w === 'abuse' || w === 'attacked') return shortlyAfter(toks, i, 4, ABUSE_RECEIVED);
  // "My toddler is driving me crazy", "I'm going crazy": the speaker's state, not a trait of anyone.
  if (MADDENED.has(w)) return toks[i - 1]?.norm === 'me' || GOING.has(toks[i - 1]?.norm ?? '');
  return literalAnimal(toks, i);
}
const MADDENED = new Set(['crazy', 'insane', 'nuts', 'mad', 'bonkers']);
const GOING = new Set(['go', 'goes', 'going', 'gone', 'went']);
/** Whether one of `words` stands in the `n` tokens before `i`, in its sentence. */
function shortlyAfter(toks: readonly Token[], i: number, n: number, words: ReadonlySet<string>): boolean {
  for (let k = i - 1; k >= Math.max(0, i - n) && toks[k].sentence === toks[i].sentence; k--) if (words.has(toks[k].norm)) return true;
  return false;
}
/** Scams someone falls for or is protected from ("my dad keeps falling for phone scams"), not runs. */
const SCAMS = new Set(['scam', 'scams', 'fraud', 'frauds', 'scammers', 'fraudsters', 'scammed']);
const SCAMMED = new Set(['falling', 'falls', 'fell', 'fall', 'victim', 'victims', 'targeted', 'target', 'targets', 'protect', 'protecting', 'against', 'by', 'from', 'report', 'reported', 'reporting', 'avoid', 'avoiding', 'spot', 'recognise', 'recognize', 'beware']);
const ENTITLED_TO_ALL = new Set(['everything', 'anything', 'whatever', 'special', 'free', 'more', 'handouts', 'it', 'all', 'better', 'other']);
const ABUSE_RECEIVED = new Set(['are', 'were', 'is', 'was', 'being', 'been', 'receive', 'receives', 'received', 'receiving', 'suffer', 'suffers', 'suffered', 'suffering', 'face', 'faces', 'faced', 'facing', 'experience', 'experiences', 'experienced', 'endure', 'endures', 'endured', 'survive', 'survived', 'survivors', 'victims', 'report', 'reported', 'reporting', 'targeted', 'get', 'gets', 'got']);
