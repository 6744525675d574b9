/**
 * Whether the sentence that carries a bias score talks about a stereotype instead of voicing it
 * (issue 8: counter-speech, questions, negations and turns about one person were flagged on data
 * the team never saw): a question about the group, someone else's claim reported, prejudice named,
 * the group as the subject of a denial, or no group at all but one person. Each reading damps the
 * score as counter-stereotype phrasing does (detectors/bias.ts).
 */
import type { IdentityMention, TextAnalysis } from '../text.js';
import { AUTHORITIES, DENIED_QUALITIES, GROUND_BEFORE } from '../lexicons.js';
import { takesClaimOn } from './claim-frames.js';

/** What the readings need of a sentence's signals (bias.ts's SentenceSignal). */
export interface StanceSignal {
  sentence: number;
  mentions: IdentityMention[];
  traits: number[];
  sweeping: number;
  pinned: boolean;
}

/**
 * Whether the sentence `sig` of `a` talks about a stereotype rather than voicing it: one person
 * only, a question about the group, prejudice named, someone else's claim reported, a denial, a
 * risk the group runs, a head count or a service offered to it.
 * `asked` reads the turn as the claim a reply agrees with: then only a denial or one person takes
 * it back (a "yes" to "so they are all terrorists?" agrees with it).
 */
export function talksAbout(a: TextAnalysis, sig: StanceSignal, asked = false): boolean {
  const sentence = a.text.slice(a.sentences[sig.sentence].start, a.sentences[sig.sentence].end);
  return (
    weakOnly(a, sig) ||
    (!asked && asksAbout(sentence, sig)) ||
    (!asked && ACCUSES.test(sentence) && !DISCLAIMER.test(sentence) && !takesClaimOn(a)) ||
    // A trait the sentence's form pins ("he said women can't drive") is a claim even when reported.
    (!asked && !sig.pinned && REPORTED.test(sentence) && !takesClaimOn(a)) ||
    denies(a, sig) ||
    bothSides(a, sig) ||
    ageRule(sentence, sig) ||
    atRisk(sentence) ||
    defends(a, sig) ||
    SHARE.test(sentence) ||
    servesGroup(sentence)
  );
}

/**
 * A service offered to the group's customers, guests or users ("for older customers we offer a
 * phone line", "a text-only option is available to deaf users"): what a business provides, not a
 * trait. Not where a reason is given or the service is refused ("we don't serve … because …").
 */
const SERVICE_FOR = /\b(?:for|to) (?:our |all |the )?(?:[\w-]+ ){1,2}(?:customers|guests|users|visitors|members|patients|clients|passengers|travell?ers|students|employees|staff|residents|callers|shoppers|diners|tenants|applicants)\b/i;
const PROVIDES = /\b(?:offer|offers|offered|provide|provides|provided|available|support|supports|discounts?|assistance|accessible|accommodat\w+|dedicated|free of charge)\b/i;
const REFUSED_OR_EXPLAINED = /\b(?:because|since|as they|they're|they are|don'?t|do not|doesn'?t|does not|won'?t|will not|no longer|refuse|refuses|refused|not allowed|banned|only if)\b/i;
const servesGroup = (sentence: string): boolean => SERVICE_FOR.test(sentence) && PROVIDES.test(sentence) && !REFUSED_OR_EXPLAINED.test(sentence);

/**
 * A risk the group runs, a harm or an illness that befalls it ("women are more likely than men to
 * develop osteoporosis", "older adults are more vulnerable to scams", "people over 65 are at higher
 * risk of severe flu"): what happens to a group, as health and safety advice states it, not a
 * trait pinned on it. Not what a group is said to do or be ("more likely to steal", "more likely
 * to be criminals"), nor infections a stigma attaches to ("contract", "be infected").
 */
const BEFALLS = /\b(?:more|less) (?:likely|prone)(?: than(?: \w+){1,2}?)? to (?:develop|die|suffer|get (?:sick|ill|cancer|hurt)|be (?:diagnosed|affected|hospitali[sz]ed|injured|hurt|killed|targeted|victims?|scammed|bullied|colou?r[- ]?blind))\b/i;
/** At risk of an illness or a harm, never of doing harm ("a higher risk of being violent"). */
const AT_RISK =
  /(?:\b(?:more|less|most|particularly|especially) (?:vulnerable|susceptible) to|\b(?:at (?:a )?)?(?:higher|greater|increased|lower|high|particular) risk (?:of|for))(?! (?:being |becoming |turning )?(?:violent|violence|crime|crimes|criminal|criminals|commit|committing|offend|offending|abus|abuse|abusing|terror|radical|aggress|dangerous|predator))/i;
const atRisk = (sentence: string): boolean => BEFALLS.test(sentence) || AT_RISK.test(sentence);

/** Whether the sentence `sig` of `a` is about a risk the group runs (see above). */
export function runsRisk(a: TextAnalysis, sig: StanceSignal): boolean {
  return atRisk(a.text.slice(a.sentences[sig.sentence].start, a.sentences[sig.sentence].end));
}

/**
 * The group defended, or the victim of violence: "protect Jews from those who …", "stand up for
 * gay people", "gay people who are attacked in the street", "stop people who attack Muslims",
 * "don't attack Muslims for what extremists do", "they will attack Muslims again, I'm afraid".
 * Only with no trait in the sentence, and every group it names defended or attacked ("protect our
 * children from gays" names a second group, the one it accuses).
 */
export function defends(a: TextAnalysis, sig: StanceSignal): boolean {
  if (sig.traits.length || sig.pinned) return false;
  const { start, end } = a.sentences[sig.sentence];
  const sentence = a.text.slice(start, end);
  const harmed = (m: IdentityMention): boolean => {
    const before = a.text.slice(Math.max(start, m.start - 40), m.start);
    // "Dismissing someone because they are gay is unlawful discrimination": treatment on the
    // ground of the group, called unlawful or discrimination.
    if (GROUND_BEFORE.test(before) && UNLAWFUL.test(sentence)) return true;
    return DEFENDED_BEFORE.test(before) || VICTIM_AFTER.test(a.text.slice(m.end, Math.min(end, m.end + 60))) || (HARMED_BEFORE.test(before) && (ATTACKERS.test(sentence) || FEARED.test(sentence) || HARM_DENIED.test(sentence)));
  };
  // "protect Muslim students": words of one group named together read as one.
  return sig.mentions.every((m, i) => harmed(m) || (i > 0 && /^\s+$/.test(a.text.slice(sig.mentions[i - 1].end, m.start)) && harmed(sig.mentions[i - 1])));
}
/** The treatment judged unlawful or discriminatory. */
const UNLAWFUL = /(?<!\bnot |n't |\bno )\b(?:unlawful|illegal|against the law|discrimination|discriminatory|protected characteristics?|hate crimes?)\b/i;
const DEFENDED_BEFORE = /\b(?:protect|protects|protecting|defend|defends|defending|shield|safeguard|stand up for|standing up for|stand with|standing with|support|supports|supporting|welcome|welcoming)(?: (?:all|our|the|these|those|local|vulnerable|young|elderly|[\w-]+'s))?\s+$/i;
const VICTIM_AFTER = /^\s+(?:(?:who|that)\s+)?(?:are|were|is|was|get|gets|got|being|been|have been|has been|had been)\s+(?:(?:often|regularly|routinely|still|being|so often)\s+)?(?:attacked|assaulted|beaten|harassed|targeted|killed|murdered|threatened|abused|bullied|persecuted|discriminated against|insulted|injured|victimi[sz]ed|mistreated|lynched|shot|stabbed|spat on)\b/i;
/** A violent verb right before the group ("attack Muslims", "hurt gay people"). */
const HARMED_BEFORE = /\b(?:attack|attacks|attacking|kill|killing|hurt|hurting|harm|harming|target|targeting|harass|harassing|shoot|shooting|bomb|bombing|burn|burning|beat|beating|blame|blaming|punish|punishing)(?: (?:all|the|these|those|our|local))?\s+$/i;
/** The attackers named as such: "stop people who attack …", "report anyone who threatens …". */
const ATTACKERS = /\b(?:stop|stops|stopping|report|reporting|prevent|preventing|fight|fighting|condemn|punish|arrest|catch|from) (?:the )?(?:people|those|anyone|anybody|racists|bigots|extremists|thugs|attackers|men|someone|somebody|ones|groups?|gangs?|mobs?) (?:who|that)\b/i;
const FEARED = /\b(?:i'm afraid|i am afraid|i fear|we fear|i'm worried|i am worried|we're worried|i'm scared|we're scared|i'm terrified|worried that|afraid that|scared that|fear that|fears that)\b/i;
const HARM_DENIED = /\b(?:don't|do not|never|nobody should|no one should|shouldn't|should not|stop) (?:attack|attacking|hurt|hurting|harm|harming|blame|blaming|punish|punishing|target|targeting|harass|harassing)\b/i;

/**
 * A head count: what share of a team, a staff or a customer base a group is ("women make up 40
 * percent of our engineers", "35 % of our users are over 60"): a number about the group, no trait.
 */
const SHARE = /\b(?:make|makes|made) up (?:about |around |roughly |nearly |almost |over |under |just |only )?\d+(?:\.\d+)? ?(?:%|percent|per cent)\b|\b\d+(?:\.\d+)? ?(?:%|percent|per cent) of (?:our|the|its|their|all) (?:\w+ )?(?:team|teams|staff|employees|workforce|engineers|customers|users|members|students|applicants|hires|managers|board|population|respondents)\b/i;

/** Traits other than the group words themselves (a pinned form counts the mention as its trait). */
function ownTraits(sig: StanceSignal): number {
  return sig.traits.filter((t) => !sig.mentions.some((m) => m.token === t)).length;
}

/** The two sides of a group, each named as the other's counterpart. */
const COUNTERPARTS = new Map<string, string>();
for (const [x, y] of [
  ['women', 'men'], ['woman', 'man'], ['girls', 'boys'], ['girl', 'boy'], ['mothers', 'fathers'], ['mother', 'father'], ['moms', 'dads'],
  ['mums', 'dads'], ['female', 'male'], ['females', 'males'], ['wives', 'husbands'], ['daughters', 'sons'], ['sisters', 'brothers'],
  ['ladies', 'gentlemen'], ['young', 'old'], ['younger', 'older'],
]) {
  COUNTERPARTS.set(x, y);
  COUNTERPARTS.set(y, x);
}

/**
 * Both sides named together and nowhere else in the sentence ("mothers and fathers get the same 16
 * weeks", "men or women"), with no trait: a rule or a fact about everyone, not a generalisation
 * about one side. "men and women are both bad drivers" keeps its trait, and "women and men cannot
 * work together because women …" singles one side out again.
 */
function bothSides(a: TextAnalysis, sig: StanceSignal): boolean {
  if (ownTraits(sig) || sig.sweeping) return false;
  return sig.mentions.some((m, i) => {
    const n = sig.mentions[i + 1];
    if (n === undefined || COUNTERPARTS.get(m.value) !== n.value || !/^\s*(?:,|and|or|&|and\/or|\/)\s*$/i.test(a.text.slice(m.end, n.start))) return false;
    return sig.mentions.filter((o) => o.group === m.group).length === 2;
  });
}

/**
 * An age named as a bound ("drivers aged 21 to 24", "under 21", "over 65", "18 or older", "65+"),
 * with no trait and nothing the sentence's form pins on age: an eligibility rule, the form age
 * takes in terms and policies. A person's age ("at 80 years old it is hard …") is no bound.
 */
function ageRule(sentence: string, sig: StanceSignal): boolean {
  if (ownTraits(sig) || sig.pinned) return false;
  if (sig.mentions.some((m) => m.group === 'age')) return AGE_BOUND.test(sentence);
  // A group bounded by age in a piece of health or safety advice: "men over 50 should discuss
  // prostate screening with their doctor", "women over 40 should have a mammogram every two years".
  return BOUNDED_GROUP.test(sentence) && ADVICE.test(sentence);
}
const BOUNDED_GROUP = /\b(?:men|women|males|females|boys|girls)\s+(?:aged|over|under|above|below|between|from)\s+\d{1,3}\b/i;
const ADVICE = /\b(?:should|need to|are advised|are recommended|are eligible|can get|can have|qualify)\b[^.!?]{0,60}\b(?:doctor|gp|screening|screened|test|tested|check|checked|checkup|check-up|vaccine|vaccinated|jab|scan|mammogram|smear|appointment|exam|examination|dose|supplements?|discount|free)\b/i;
const AGE_BOUND = /\b(?:aged|ages|under|over|above|below|between)\s+\d{1,3}\b|\b\d{1,3}\s*(?:\+|(?:or|and) (?:older|over|above|younger|under|up)\b)/i;

/**
 * A question about the group ("so all muslims are terrorists?", "do you believe gays are
 * sinful?"): usually a challenge or a request, not a claim. A loaded "why are they so …" question
 * still asserts what it asks about, and stays a claim.
 */
function asksAbout(sentence: string, sig: StanceSignal): boolean {
  if (!sentence.includes('?') || LOADED_QUESTION.test(sentence)) return false;
  // With a trait pinned on the group, a tag ("…, right?") or a question after the claim leaves
  // it a claim; without one ("older people get a free bus pass, don't they?") it is a question.
  const pins = sig.traits.length > 0 || sig.pinned;
  return !(pins && (TAG_QUESTION.test(sentence) || CLAIM_THEN_ASKED.test(sentence)));
}
/**
 * A claim with a tag asking for agreement: "men are all cheaters deep down, right?", "…, aren't
 * they?", "disabled people can't have real relationships, can they?". Not ", no?", which as
 * often asks a real question ("Asians can eat pigs in many places, no?").
 */
const TAG_QUESTION = /,\s*(?:right|yeah|yes|correct|eh|huh|innit|(?:are|do|can|will|would|could)(?:n'?t)? (?:they|we)|isn'?t (?:it|that (?:so|true|right))|wouldn'?t you (?:say|agree)|am i (?:wrong|right))\s*\?+\s*$/i;
/**
 * A claim, then a question that takes it as given: "all women are gold diggers, how do I find one
 * who isn't?", "Mormons are a cult of weirdos, why does anyone join?" (read so only with a trait
 * pinned in the sentence: asksAbout); not one person's ("my wife is more emotional than me, how
 * do I support her?").
 */
const CLAIM_THEN_ASKED = /^(?!\s*(?:my|our|his|her|your|their)\b)[^?,]*?\b(?:are|is)\b[^,?]*,\s*(?:so )?(?:how|what|where|why|who|should|can|could|do|does)\b/i;
const LOADED_QUESTION = /\bwhy (?:are|do|does|is|can'?t|cant|don'?t|dont|won'?t|wont) (?:\w+ ){0,4}?(?:so|always|never|all|such)\b/i;

/**
 * Naming prejudice in the sentence ("that's racist", "homophobes think …", "the racist cops"):
 * a sentence that calls something bigoted is about the prejudice, usually against it. Not a
 * disclaimer ("I'm not racist, but …"), which comes before the claim.
 */
const DISCLAIMER = /\b(?:not|n'?t|nt) (?:a |being )?(?:racist|bigot|bigoted|homophobic|sexist|transphobic|islamophobic|antisemitic|misogynist)\b/i;
const ACCUSES = /\b(?:(?:who|that) (?:hate|hates|hated|fear|fears|attack|attacks|harass|harasses)\b|racis[mt]s?|bigot(?:s|ed|ry)?|homophob\w*|transphob\w*|islamophob\w*|xenophob\w*|anti-?semit\w*|sexis[mt]s?|misogyn\w*|prejudiced?|stereotyp\w*|generali[sz]\w*)\b/i;

/**
 * Someone else's claim reported ("the dems think black people are lazy", "according to nazis …",
 * "threads talking about how sinful gay people are") or named as a claim ("whites have this
 * notion that …", "typical fascist rhetoric"); the speaker's own "I think", "I don't think", "we'd
 * say" is a claim (its negation is read word by word: "I don't think they are lazy" pins nothing,
 * "I don't think they are decent people" denies them a quality), and so is what studies, data or
 * science are said to say ("studies say that …" lends the claim authority).
 */
const REPORTED = new RegExp(
  `(?<!\\b(?:i|we)(?: [\\w']+){0,2}\\s)(?<!\\b(?:careful|mind|watch) what (?:you|they|he|she) )\\b(?:thinks?(?! (?:for (?:themselves|yourself|himself|herself|oneself|itself)|straight|clearly|critically|properly)\\b)|believes?|says?(?<!\\b(?:${AUTHORITIES}) says?)|said|claims?|claimed|assumes?|assumed|teach(?:es|ing)?|taught|about how|chant(?:s|ed|ing)?|portray(?:s|ed|ing)?|suggests?|suggesting|proclaim\\w*|questioning (?:how|why|whether)|according to|as per|by (?:his|her|their|your|that|this|the same) logic|narrative|propaganda)\\b|\\b(?:told (?:me|us)|assured (?:me|us)|tell (?:me|us) (?:how|that))\\b|\\b(?:this|that|the|his|her|their|your) (?:view|belief|idea|notion|theory) (?:that )?|\\b(?:rhetoric|talking points?|tropes?)\\b`,
  'i',
);


/**
 * The group as the subject of a negated copula ("lesbians are not interchangeable", "muslim
 * women aren't a threat", "being trans is hardly a disorder", "no black person is ugly") with no trait left standing and no sweeping
 * word in the sentence: a denial of the stereotype, not the stereotype. Denying a group a
 * capacity or a worth ("are not capable", "are not worth") is the stereotype, and "never" sweeps.
 */
export function denies(a: TextAnalysis, sig: StanceSignal): boolean {
  // "I don't think women are bad drivers": the speaker's own claim denied, unless what is denied
  // is a good quality ("I don't think immigrants are decent people" pins the opposite) or a right
  // ("I don't think women should vote" argues against their voting; an age limit is policy talk:
  // "I don't think kids should drive before 17").
  const sentence = a.text.slice(a.sentences[sig.sentence].start, a.sentences[sig.sentence].end);
  if (
    DONT_THINK.test(sentence) &&
    !sig.traits.some((t) => DENIED_QUALITIES.has(a.tokens[t].norm)) &&
    !(RIGHT_DENIED.test(sentence) && sig.mentions.some((m) => m.group !== 'age'))
  )
    return true;
  if (sig.sweeping) return false;
  // "Women are not worse drivers than men": a comparison pinned on the group, denied. Not "are
  // not as good as", which makes the same claim the other way round.
  if (sig.traits.length) return sig.pinned && sig.mentions.some((m) => DENIED_COMPARISON.test(a.text.slice(m.end, m.end + 60)));
  return sig.mentions.some((m) => NEGATED_AFTER.test(a.text.slice(m.end, m.end + 40)) || /\bno\s+$/i.test(a.text.slice(Math.max(0, m.start - 4), m.start)));
}
const DONT_THINK = /\b(?:i|we) (?:really |just |honestly )?(?:don't|do not|didn't|did not|never|wouldn't|would not) (?:think|believe|agree|accept|buy|say|claim)\b/i;
const RIGHT_DENIED = /\b(?:should|can|could|must|ought to)(?: \w+)?(?: be allowed to)? (?:vote|drive|work|marry|adopt|lead|serve|teach|run for|hold office|own (?:property|land|guns|a business)|be (?:allowed|leaders|managers|citizens|in charge|in politics|in the military|here)|have (?:the )?(?:right|rights|a say|custody)|live here|immigrate|enter|study|go to school|get married|raise (?:kids|children))\b/i;
const DENIED_COMPARISON = /^\s+(?:\w+\s+)?(?:(?:are|is|were|was)\s+not|aren'?t|isn'?t|weren'?t|wasn'?t)\s+(?:any\s+)?(?:worse|inferior|dumber|weaker|lazier|slower|less\s+\w+|more\s+(?:violent|dangerous|criminal|emotional|aggressive|irrational|lazy|dishonest))\b/i;
/** What a negated copula denies the group when it is the stereotype itself: a quality, a worth, a place, or being who they are ("trans women are not women"). */
const DENIED_PLACE = [...DENIED_QUALITIES, 'worth', 'allowed', 'welcome', 'normal', 'natural', 'useful', 'needed', 'wanted', 'equal', 'equals', 'women', 'men', 'female', 'male', 'people', 'citizens', 'one of us'];
const NEGATED_AFTER = new RegExp(`^\\s+(?:\\w+\\s+)?(?:(?:are|is|were|was)\\s+(?:not|hardly|by no means|in no way)\\b|(?:aren'?t|arent|isn'?t|isnt|weren'?t|werent|wasn'?t|wasnt)\\b)(?!\\s+(?:only\\b|just\\b|merely\\b|(?:really\\s+|even\\s+|truly\\s+)?(?:${DENIED_PLACE.join('|')})\\b))`, 'i');

/** Words for one person ("she", "my aunt", "that guy"): a group only in a generalisation. */
const ONE_PERSON = new Set([
  'he', 'she', 'his', 'her', 'him', 'hers', 'himself', 'herself', 'man', 'woman', 'guy', 'girl', 'boy', 'dude', 'gal', 'lad', 'chick', 'bloke', 'son', 'daughter', 'mother',
  'father', 'mom', 'dad', 'wife', 'husband', 'sister', 'brother', 'aunt', 'uncle', 'niece', 'nephew', 'grandson',
  'granddaughter', 'grandmother', 'grandfather', 'grandma', 'grandpa', 'girlfriend', 'boyfriend', 'queen', 'king', 'lady',
  // One person's coming out is their story, not a statement about a group.
  'coming out', 'came out', 'come out', 'comes out',
]);

/**
 * Nothing in the whole turn names a group, only one person ("he", "her", "my uncle", "that
 * woman"), and no trait is pinned in the sentence: a story about someone, not a generalisation,
 * even when the head likes its words.
 */
function weakOnly(a: TextAnalysis, sig: StanceSignal): boolean {
  if (sig.traits.length || sig.pinned) return false;
  // "a woman" or "any man" in a rule ("if a woman dresses …") stands for all of them.
  return a.identities.every((m) => (ONE_PERSON.has(m.value) && !/\b(?:a|an|any|every|no)\s+$/i.test(a.text.slice(Math.max(0, m.start - 6), m.start))) || noGroup(a.text, m));
}

/**
 * Group words used for something else: "pretty funny" (an intensifier), "you guys" (addressing),
 * "poor thing" (pity), and a group's name on a thing rather than on people ("Middle Eastern food",
 * "a Mexican restaurant", "Chinese New Year").
 */
const CULTURE = /^\s+(?:food|foods|cuisine|restaurants?|dish(?:es)?|recipes?|cooking|fashion|music|art|culture|history|language|literature|films?|movies?|dramas?|architecture|festivals?|holidays?|new year|heritage|descent|ancestry|markets?|dances?|dancing|poetry|novels?|tea|coffee|wine|beer)\b/i;
function noGroup(text: string, m: IdentityMention): boolean {
  const after = text.slice(m.end, m.end + 12);
  if (m.value === 'pretty') return /^\s+[a-z]/i.test(after) && !/^\s+(?:girls?|women|woman|ladies|lady|boys?|face|people)\b/i.test(after);
  if (m.value === 'guys') return /\byou\s+$/i.test(text.slice(Math.max(0, m.start - 5), m.start)) || /^\s*[.!?]*\s*$/.test(after);
  if (m.value === 'poor') return /^\s+(?:thing|things|soul|guy|girl|kid|baby|dude|fella|bastard|sod)\b/i.test(after);
  // "women-only hours", "an LGBT-friendly resort": the group word names what a thing is for.
  return CULTURE.test(text.slice(m.end, m.end + 24)) || /^[- ](?:only|friendly)\b/i.test(after);
}

