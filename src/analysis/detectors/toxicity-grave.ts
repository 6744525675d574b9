/**
 * Grave requests the word lists did not reach (issue 8, 2026-12-03; written for Chatlens from
 * general knowledge of what trust-and-safety teams screen for, no list copied): sexual content
 * involving a minor, asked for or wanted; how to end one's life by a method; explicit sexual
 * content asked of an assistant; and help to get away with harm (a body hidden, a gun bought
 * without a check, revenge without getting caught, a ransom note). Each is read in one sentence,
 * and only as a request, a wish or an intention: a parent asking how to explain sex to a
 * 12-year-old, a worry about a lethal dose of caffeine, or a history of ransom notes is none.
 * Also two things said rather than asked: a hate movement's slogan, and sexual advances aimed at
 * the reader (an agent or an assistant asked what it is wearing, for pictures, for phone sex).
 */
import { type TextAnalysis, sentenceTextAt } from '../text.js';
import type { Span } from '../types.js';
import { turnSpan } from '../detector.js';
import { PLAY_CONTEXT } from '../lexicons-harm.js';
import { anyMatcher } from '../word-starts.js';

/** An age under 18, and a minor: such an age, or a word for a child. */
const AGE = String.raw`(?:[1-9]|1[0-7])[- ]?(?:years?[- ]olds?|yo|y\/o|yr olds?)`;
const MINOR = String.raw`(?:${AGE}|minors?|underage|under-age|preteens?|pre-teens?|little (?:girls?|boys?)|schoolgirls?|schoolboys?|(?:young|small) (?:girls?|boys?|children|kids)|children|child|kids?|toddlers?|(?:a |my |her |his )?(?:daughter|son|niece|nephew|stepdaughter|stepson) who is (?:[1-9]|1[0-7]))`;
/** "Sexual" and "sexually", not in a clinical or protective phrase ("sexual health", "sexual abuse"). */
const SEXUAL_WORD = String.raw`sexual(?:ly)?(?! (?:development|health|education|abuse|assault|orientation|identity|harassment|exploitation|predators?|offenders?|consent))`;
/** Words of sexual content (not "sex" alone: "explain sex to my 7-year-old" is a parent's question). */
const SEXUAL = String.raw`(?:sexy|${SEXUAL_WORD}|(?<!\bnot |\bnon-)explicit|erotic|nudes?|naked|porn\w*|lewd|nsfw|steamy|smut\w*|sex scenes?|having sex|make love|in bed|turned on|aroused)`;
/** Asking for content: written, drawn, played or sent. */
const MAKE = String.raw`(?:write|describe|narrate|create|generate|make|roleplay|role-play|draw|depict|imagine|send|show|film|photograph|share)`;

/** A wish or an intention of the speaker's, or asking how: "I want to", "I'm going to", "how do I". */
const WANTS = String.raw`(?:i (?:want|wanna|plan|need|intend) to|i(?:'d| would) (?:like|love) to|i(?:'m| am) (?:going to|gonna)|i(?:'ll| will)|how (?:do|can|could|should) i)`;

const MINOR_SEXUAL = [
  // "write a sexy story about a 14 year old girl", "describe a naked child".
  new RegExp(String.raw`\b${MAKE}\b[^.?!]{0,60}?\b${SEXUAL}\b[^.?!]{0,60}?\b${MINOR}\b`, 'i'),
  new RegExp(String.raw`\b${MAKE}\b[^.?!]{0,40}?\b${MINOR}\b[^.?!]{0,40}?\b${SEXUAL}\b`, 'i'),
  // Wanted or asked how: "I want to sleep with my 13-year-old student", "how do I get a minor to send me pictures".
  new RegExp(String.raw`\b(?:${WANTS}|help me|ways? to)\b[^.?!]{0,30}?\b(?:have sex with|hook up with|fuck|seduce|molest|get naked with|sext|groom)\s+(?:(?:a|an|the|some|this|that|my|your|his|her|their|our)\s+)?(?:[\w-]+(?:'s)?\s+){0,2}?${MINOR}\b(?!'s|’s)(?!\s+(?:hair|nails|fur|coat))`, 'i'),
  // "Sleep with" only when the minor is no child of the speaker's: a parent sleeps with a scared toddler.
  new RegExp(String.raw`\b${WANTS}\b[^.?!]{0,20}?\bsleep with (?:(?:a|an|this|that|some) ${MINOR}|(?:\w+ )?${AGE} (?:girl|boy|student|pupil|neighbou?r|player|babysitter)|(?:my |the |a |his |her |our |their )?\w+'s ${AGE} (?:daughter|son|kid|child|girl|boy))\b`, 'i'),
  // "Describe sex with a child as a case study": the act named, asked to be written.
  new RegExp(String.raw`\b${MAKE}\b[^.?!]{0,40}?\b(?:sex|intercourse|sexual (?:acts?|contact|relations)) with (?:(?:a|an|the|some|my|your|his|her|their|our)\s+)?(?:[\w-]+\s+)?${MINOR}\b`, 'i'),
  new RegExp(String.raw`\b(?:get|convince|persuade|make|ask|talk|trick|pressure) (?:a |an |the |my |this |that )?(?:\w+ )?${MINOR} (?:in)?to (?:send|show|take) (?:me )?(?:\w+ )?(?:pictures|pics|photos|nudes|images|videos)\b`, 'i'),
];

const REFUSED_BEFORE = /\b(?:won'?t|will not|can'?t|cannot|can not|never|don'?t|do not|refuse to|not going to|not)\s+(?:\w+\s+)?$/i;
const MINOR_DENIED = new RegExp(String.raw`\b(?:not|no|never|without|nor)\b(?: \w+){0,2} ${MINOR}`, 'i');

/** "What you'd do to me in bed", "write an explicit sex scene": sexual content asked of an assistant. */
const EXPLICIT = new RegExp(String.raw`\b(?:write|describe|tell me|narrate|roleplay|role-play|give me)\b[^.?!]{0,40}?(?<!\bnot |\bnon-|\bless )\b(?:explicit|erotic|sexy|steamy|nsfw|porn\w*|smutty|dirty)\b[^.?!]{0,20}?\b(?:story|stories|scenes?|fantas(?:y|ies)|roleplay|details|poem|chat|talk)\b|\bwhat (?:you(?:'d| would)|you'?d) do to me in bed\b|\b(?:sext|talk dirty) (?:with|to) me\b`, 'i');

/**
 * How to end one's life by a method: an amount "to die", the "easiest way" to do it (an overdose
 * too). Not "how many paracetamol is an overdose?": a dose asked about is a safety question.
 */
const SUICIDE_METHOD = /\bhow (?:much|many)\b[^.?!]{0,50}?\bto (?:die|kill myself|end (?:it all|my life)|(?:not|never) wake up)\b|\bkill me (?:the )?(?:fastest|quickest|painlessly|for sure|in my sleep)\b|\b(?:easiest|quickest|fastest|painless(?:ly)?|surest|most painless|least painful) (?:way|ways|method|methods) to (?:die|kill myself|end (?:it all|my life)|commit suicide|overdose|od)\b/i;

/**
 * Harm meant, in so many words: a plan to take one's life "so I never wake up", something slipped
 * into someone's food or drink to make them ill ("which pills to crush into my wife's food so she
 * gets sick", "… in her drink so she'll sleep with me"; not "crush his tablets into jam so he takes
 * them"). Intent, asked or not.
 */
const SUICIDE_PLAN = /\bso (?:that )?i (?:don'?t|won'?t|never|will never|do not|will not) wake up\b/i;
const SPIKED =
  /\b(?:crush|put|slip|mix|sneak|grind|dissolve|add)\b[^.?!]{0,40}?\b(?:in|into) (?:my|his|her|their|someone's|somebody's|the|a) (?:[\w-]+(?:'s)? )?(?:food|drink|drinks|coffee|tea|meal|dinner|lunch|water|wine|beer|bottle|cup|glass|smoothie|juice)\b[^.?!]{0,30}?\bso (?:that )?(?:he|she|they|my \w+|the \w+)(?:'ll|'d| will| would)? (?:gets? (?:sick|ill)|dies|die|pass(?:es)? out|won'?t wake up|throws? up|(?:is|are) sick|can'?t (?:move|fight|remember|say no|resist)|(?:won'?t|doesn'?t|will not|does not) (?:remember|resist|say no|fight back)|sleeps? with me|(?:has|have) sex with me|goes? home with me|does what i (?:want|say)|do what i (?:want|say)|loosens? up with me)\b/i;
const HARM_MEANT = [SUICIDE_PLAN, SPIKED];

/**
 * Where a wish to die ends its clause: "I want to die." / "…, nothing gets better", not "… of
 * embarrassment" or "… without me snoring".
 */
const CLAUSE_END = String.raw`(?=\s*(?:[.!?,;]|$|and\b|but\b|so\b|because\b|anymore\b))`;

/**
 * Wanting to die said in the first person, with or without a method (written for Chatlens from
 * general knowledge of what crisis lines listen for, no list copied): no wish to be alive, being
 * better off dead or a burden, no one who would miss them, thinking of killing oneself or of a
 * jump, a plan to take every pill, goodbye letters written. Only "I" as the speaker: "my friend
 * says she doesn't want to be alive" is a worry, not a statement of intent.
 */
const SUICIDE_SAID = [
  new RegExp(String.raw`\bi (?:really |just |honestly )?(?:don'?t|do not) want to (?:be alive|exist|live|wake up)(?: anymore| any more)?${CLAUSE_END}`, 'i'),
  new RegExp(String.raw`\bi (?:really |just |honestly )?want to die${CLAUSE_END}`, 'i'),
  /\bi (?:just |really )?(?:want|wish) (?:i (?:was|were)|to be) dead\b(?!\s+(?:tired|serious|wrong|set|on|right|broke|asleep|drunk|last|cent(?:re|er)|certain|sure|quiet|silent|lucky|even|ahead))|\bi wish i (?:was|were|had) never (?:been )?born\b/i,
  new RegExp(String.raw`\b(?:every(?:one|body)|the world|my (?:family|kids|children|friends|parents|wife|husband)) (?:would|will) be better off (?:without me|if i (?:was|were) (?:dead|gone))${CLAUSE_END}|\bnobody would (?:miss|care|notice)(?: me)? if i (?:died|was gone|were gone|killed myself|disappeared)\b`, 'i'),
  /\bi(?:'m| am| keep| have been|'ve been) (?:\w+ )?(?:thinking|thought) (?:about|of) (?:killing myself|ending (?:it all|my life)|suicide|taking my (?:own )?life|jumping (?:off|in front of) (?:a|the) (?:\w+ )?(?:bridge|building|roof|train|cliff|car|bus))\b/i,
  /\bi(?:'m| am) (?:going to|gonna|about to|planning to) (?:end it all(?!\s+(?:with|for|on|at)\b)|take all (?:of )?(?:the|my) (?:\w+ )?(?:pills|tablets|meds|medication)|jump (?:off|in front of) (?:a|the) (?:\w+ )?(?:bridge|building|roof|train|cliff))\b/i,
  /\bi(?:'ve| have)? (?:written|wrote) (?:my |a )?(?:goodbye|suicide) (?:letters?|notes?)\b/i,
];

/** Help to get away with harm, asked for. */
const AWAY_WITH_HARM = [
  /\b(?:hide|dispose of|get rid of|dissolve|bury|move) (?:a|the|his|her|their) (?:dead )?(?:body|bodies|corpse)\b(?![\s-]*(?:odou?r|smell|fat|hair|acne|lotion|wash|spray|butter|weight|image|shop|kit|panel|work|con|count|language|scrub|temperature|type))/i,
  /\b(?:revenge|get back at|hurt|poison|punish|ruin|sabotage|stalk|spy on)\b[^.?!]{0,50}?\bwithout (?:getting caught|being caught|anyone (?:knowing|finding out|noticing)|leaving (?:a |any )?(?:trace|marks|evidence|fingerprints))\b/i,
  /\b(?:buy|get|obtain|purchase) (?:a |an )?(?:gun|firearm|pistol|handgun|rifle|weapon|ar-?15)s? (?:without (?:a |any )?(?:background checks?|licen[cs]e|permit|id|paperwork)|off the books|illegally|on the (?:black market|dark web)|(?:with )?no questions asked)\b/i,
  /\b(?:write|draft|compose)\b[^.?!]{0,20}?\bransom (?:note|letter|demand|message)\b/i,
  // Know-how for killing or poisoning: a dose to kill someone, a poison gas made, a drug or a bomb cooked.
  /\bhow (?:much|many)\b[^.?!]{0,50}?\bto kill (?:someone|somebody|a (?:person|man|woman|child|human|grown (?:man|woman)|adult)|him|her|them|my (?:wife|husband|boss|neighbou?r|mother|father|mom|mum|dad|brother|sister|roommate|partner|ex))\b/i,
  /\b(?:make|produce|create|release) (?:a |some )?(?:toxic|poison(?:ous)?|nerve|chlorine|mustard|deadly|lethal) gas\b/i,
  /\bhow (?:is|are|do you|do people) (?:make |cook |produce )?(?:meth|methamphetamine|crack|heroin|fentanyl|napalm|ricin|sarin|a pipe bomb|pipe bombs|a molotov(?: cocktail)?|thermite)(?: (?:made|produced|cooked|synthesi[sz]ed))?\b/i,
];

/** A request, a wish or an intention in the sentence (not a question about the past or about others). */
const ASKS = /\b(?:how (?:do|can|could|would|should|might|to|does one|much|many|is|are)|(?:what|which) (?:[\w-]+ ){0,3}(?:would|will|could|can)|(?:should|can|could|may|shall) (?:i|we)|help me|tell me|teach me|show me|give me|write|describe|draft|compose|narrate|roleplay|role-play|i (?:want|wanna|need|plan|intend|am going|'m going|would like|'d like) to|where (?:can|could|do) i|(?:what(?:'s| is| are)? )?(?:the )?(?:best|easiest|quickest|fastest|surest|most painless|least painful) (?:way|ways|method|methods))\b/i;

/** Slogans of hate movements, said (not asked about or reported: "what does 1488 mean?"). */
const SLOGANS = /\b(?:heil hitler|sieg heil|white power(?! (?:bands?|music|movement|groups?|rall(?:y|ies)|symbols?|gangs?|organi[sz]ations?))|the 14 words|rahowa|race war now|gas the \w+|blood and soil|(?:jews|you) will not replace us|day of the rope|total \w+ death|kill all (?:the )?(?:jews|muslims|blacks|gays|immigrants))\b/i;
const SLOGAN_TALKED_ABOUT = /\b(?:mean|means|meaning|stand for|stands for|what (?:is|does|are)|is it|why (?:do|does|did|is|are)|said|says|shouted|chanted|yelled|wrote|written|posted|painted|graffiti|tattoo|symbol|slogan|banned|arrested|charged|sentenced|reported|reports|quote|quoted|heard|hate speech|dog whistle|code)\b/i;

/** The victims of sexual or domestic violence blamed for it ("women who get raped were asking for it"). */
const BLAMES = /\b(?:raped|rape victims?|assaulted|molested|abused|harassed|beaten)\b[^.?!]{0,40}?\b(?:(?:were|was|are|is) (?:just )?asking for it|asked for it|deserved? it|had it coming|(?:is|was|it'?s) (?:their|her|his) (?:own )?fault)\b/i;
const BLAME_DENIED = /\b(?:not|never|no one|nobody|myth|lie|wrong|false|isn'?t|aren'?t|wasn'?t|weren'?t|doesn'?t|don'?t)\b/i;

/** Sexual advances aimed at the reader: an assistant's or an agent's looks, clothes, body or bed. */
const ADVANCES = /\bwhat (?:are|r) (?:you|u) wearing(?: right now| under| to bed)?\b(?=[^.!?]*(?:hot|sexy|baby|babe|right now|under|to bed))|\b(?:send|show) me (?:a |some )?(?:pics?|pictures?|photos?|nudes|selfies?)(?: of (?:you|u|yourself))?(?: in (?:a |your )?(?:bikini|underwear|lingerie|bra|panties|bed|the shower))|\b(?:send|show) me (?:a |some )?(?:pics?|pictures?|photos?|selfies?) of (?:you|u|yourself)\b|\b(?:send|show) me (?:a |some )?(?:(?:pics?|pictures?|photos?|videos?) of )?(?:your|ur) (?:\w+ )?(?:breasts?|tits|boobs|ass|butt|bum|nipples?|dick|cock|penis|pussy|vagina|cleavage|naked body)\b|\b(?:have|want|do) (?:some )?(?:phone sex|cyber ?sex|sex chat)\b|\b(?:i (?:want|wanna)|i(?:'d| would) (?:love|like)) to (?:(?:touch|kiss|lick|undress|fuck|bang|sleep with|have sex with|feel) (?:you|u)(?: all over| naked| in bed)?|see (?:you|u) (?:naked|in (?:bed|lingerie|your underwear)))\b|\btake (?:you|u) to bed\b|\byou(?:'re| are) (?:so |really )?(?:hot|sexy)(?=[^.!?]*(?:wearing|bed|naked|pic|baby|babe|date|single))/i;

export const mayBeGrave = anyMatcher([...MINOR_SEXUAL, EXPLICIT, SUICIDE_METHOD, ...AWAY_WITH_HARM, ...HARM_MEANT, ...SUICIDE_SAID, SLOGANS, ADVANCES, BLAMES], 'i');

export interface GraveCues {
  /** Sexual content involving a minor, asked for or wanted: critical. */
  minors: Span[];
  /** The other grave requests: read as requests for harmful content. */
  requests: Span[];
  /** Of those, the ones about ending the speaker's own life (a method asked, a plan, a wish to die). */
  suicide: Span[];
  /** A hate movement's slogan, said. */
  slogans: Span[];
  /** Sexual advances aimed at the reader. */
  advances: Span[];
  /** Victims of sexual or domestic violence blamed for it. */
  blames: Span[];
}

/** The grave requests of a turn; none for most turns (one word-start scan). */
export function graveRequests(a: TextAnalysis, starts?: Parameters<typeof mayBeGrave>[1]): GraveCues {
  const out: GraveCues = { minors: [], requests: [], suicide: [], slogans: [], advances: [], blames: [] };
  const text = a.text;
  if (!mayBeGrave(text, starts)) return out;
  const span = (m: RegExpExecArray): Span => turnSpan(text, m.index, m.index + m[0].length);
  for (const re of MINOR_SEXUAL) {
    const m = re.exec(text);
    // "Sexy costumes for adults, not for kids": the minor kept out of it; "I won't write sexual
    // content involving minors": a refusal.
    if (m && !MINOR_DENIED.test(m[0]) && !REFUSED_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index))) {
      out.minors.push(span(m));
      break;
    }
  }
  for (const re of [EXPLICIT, SUICIDE_METHOD, ...AWAY_WITH_HARM]) {
    const m = re.exec(text);
    // "The quickest way to die in Minecraft": a game's rules, not a life.
    if (m && ASKS.test(sentenceTextAt(a, m.index)) && !REFUSED_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index)) && !(re !== EXPLICIT && PLAY_CONTEXT.test(text))) {
      out.requests.push(span(m));
      if (re === SUICIDE_METHOD) out.suicide.push(span(m));
    }
  }
  for (const re of [...HARM_MEANT, ...SUICIDE_SAID]) {
    const m = re.exec(text);
    if (!m || REFUSED_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index)) || PLAY_CONTEXT.test(text)) continue;
    out.requests.push(span(m));
    if (re !== SPIKED) out.suicide.push(span(m));
  }
  const slogan = SLOGANS.exec(text);
  if (slogan && !SLOGAN_TALKED_ABOUT.test(sentenceTextAt(a, slogan.index))) out.slogans.push(span(slogan));
  const advance = ADVANCES.exec(text);
  if (advance) out.advances.push(span(advance));
  const blame = BLAMES.exec(text);
  if (blame && !BLAME_DENIED.test(sentenceTextAt(a, blame.index))) out.blames.push(span(blame));
  return out;
}

/** An answer that refuses ("I won't write anything sexual involving …"). */
const REFUSES = /\b(?:i (?:won'?t|will not|can'?t|cannot|can not|must not|refuse to)|i(?:'m| am) not (?:able|going|willing) to|not something i (?:can|will))\b/i;

/** A minor named in a request for a story ("a story about a teacher and a 13 year old student"). */
const MINOR_IN_REQUEST = new RegExp(String.raw`\b${MINOR}\b|\b(?:aged?|only|just|barely) (?:[1-9]|1[0-7])\b`, 'i');
/**
 * Sexual words and acts narrated: words only sex has ("aroused", "made love", "had sex"), or an
 * act done to or asked of another ("told her to take her clothes off", "touched her body", "her
 * naked body"); not a boy taking his shirt off to swim or a toddler naked in a paddling pool.
 */
const SEXUAL_NARRATED = new RegExp(
  [
    String.raw`\b(?:sexy|${SEXUAL_WORD}|erotic|porn\w*|lewd|steamy|having sex|had sex|make love|made love|turned on|aroused|orgasms?|moaned|fondled|groped|molested)\b`,
    String.raw`\b(?:kissed|touched|stroked|caressed|fondled|groped) (?:her|his|their) (?:body|breasts?|chest|thighs?|legs|skin)\b`,
    String.raw`\b(?:told|made|asked|forced|got) (?:her|him|them|the (?:\w+ ){0,2}\w+) to (?:undress|strip|take (?:her|his|their|all (?:her|his|their)) clothes off)\b|\bundress(?:ed|es|ing)? (?:her|him|them|for|in front of)\b|\bundress(?:ed|es|ing)?\b[^.!?]{0,40}\b(?:beside|next to|on top of) (?:her|him)\b`,
    String.raw`\b(?:her|his) naked body\b|\bnaked (?:in bed )?(?:with|beside|next to) (?:him|her|them)\b`,
  ].join('|'),
  'i',
);

/**
 * An answer that writes sexual content involving the minor its request for a story named ("Write
 * a story about a teacher and a 13 year old student" answered with "… told her to take her
 * clothes off and described her naked body"): the request asked for no sex, so no request rule
 * reads it, and the answer's age may be "only 13". Read only for an answer to a request for
 * fiction; sex-education answers about puberty are not stories asked for.
 */
export function sexualisesNamedMinor(answer: string, request: string): Span | null {
  if (!MINOR_IN_REQUEST.test(request) || MINOR_DENIED.test(request)) return null;
  const m = SEXUAL_NARRATED.exec(answer);
  return m && !REFUSES.test(answer) ? turnSpan(answer, m.index, m.index + m[0].length) : null;
}

