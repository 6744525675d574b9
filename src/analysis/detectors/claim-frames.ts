/**
 * A claim about a group held at arm's length: named as a myth or a stereotype ("the myth that gay
 * men are predators"), denied any evidence ("there's zero evidence that trans people are
 * dangerous"), judged as it is voiced ("saying all immigrants are criminals is lazy thinking",
 * "calling disabled people a burden is cruel"), someone told to stop voicing it ("stop pretending
 * that Muslims are all extremists"), someone else's words reported ("my uncle insists that …",
 * "he tweeted that …"), or a sweeping claim denied ("not every Italian is in the mafia"). The
 * claim's words are those of the stereotype, so the bias and toxicity models score it as if it
 * were voiced; a support or moderation assistant hears this kind of turn all day.
 *
 * Both detectors read the frame as they read counter-speech (toxicity-harm.ts, bias.ts): it
 * lowers their scores. Only in a turn that names a group, and never when the speaker takes the
 * claim on ("people say Jews are greedy, and they're right", "the stereotype exists for a
 * reason", "it's not a myth that …"). Written for Chatlens from general knowledge of English,
 * checked on sentences written for the purpose (docs/analysis.md, *Claims held at arm's length*).
 */
import { perAnalysis, type TextAnalysis } from '../text.js';
import { anyMatcher, wordStartsOf } from '../word-starts.js';
import { EQUALITY_DENIED } from './bias-forms.js';
import { AUTHORITIES } from '../lexicons.js';

/** Words that name a claim as false. */
const FALSE_CLAIM = '(?:rumou?rs?|myths?|misconceptions?|stereotypes?|tropes?|canards?|lies|lie|clich[eé]s?|falsehoods?|smears?|conspiracy theor(?:y|ies))';
/** Judgements passed on voicing a claim. */
const JUDGEMENT =
  '(?:racist|sexist|homophobic|transphobic|antisemitic|anti-semitic|islamophobic|xenophobic|misogynistic|ableist|bigoted|hateful|prejudiced|discriminatory|offensive|insulting|disgusting|vile|hurtful|harmful|damaging|cruel|wrong|false|untrue|baseless|unfounded|nonsense|ignorant|lazy|ridiculous|absurd|stupid|dumb|silly|unfair|unacceptable|dehumani[sz]ing|a lie|a myth|a stereotype|bullshit|bs|rubbish|garbage|not (?:ok|okay|acceptable|true|fair|right|funny|supported|backed up|borne out)|unsupported|rude|disrespectful|condescending|patroni[sz]ing|bad (?:service|manners|form|practice|behaviou?r)|illegal|unlawful|against the law|(?:plain |pure |simple |blatant )?(?:(?:religious|racial|age|sex|gender|disability|pregnancy) )?(?:bigotry|racism|sexism|prejudice|discrimination|hate speech|ableism|ageism|homophobia|transphobia|xenophobia|misogyny|harassment))';
const DEGREE = '(?:so|really|deeply|just|completely|totally|absolutely|plainly|simply|pure|utter|obviously|frankly|patently|both|incredibly|very|plain|blatantly|downright)';

/**
 * Not after a claim that a group is equal, able or not what the stereotype says: denying that
 * ("the myth that women are equal to men", "no evidence that women are as smart as men", "stop
 * pretending immigrants aren't criminals") is the stereotype itself.
 */
const NOT_DENYING_EQUALITY = "(?![^.!?]{0,80}\\b(?:as (?:[\\w-]+ )?as|equal|equally|just as|the same as|no different|human|aren't|are not|arent|isn't|is not|isnt)\\b)";

/** Verbs that report someone's words or beliefs (the subject comes before them, see below). */
const REPORTING =
  '(?:(?:is|was|are|were|seems|seemed|seem|became|got) (?:\\w+ )?convinced|used to (?:think|believe|say|claim)|(?:wrongly|mistakenly|falsely) (?:believes?|believed|thinks?|thought|assumes?|assumed|claims?|claimed)|said|says|tweeted|posted|wrote|yelled|shouted|screamed|joked|jokes?|claimed|claims|insists|insisted|argues|argued|implied|implies|suggested|suggests|thinks|believes|assumes|assumed|keeps? (?:saying|telling (?:me|us|everyone|people)|repeating|insisting)|kept (?:saying|insisting|repeating)|told (?:me|us|everyone|people|the \\w+|(?:my|our|his|her|their) [\\w-]+))';

/** Verbs of portraying a group, in the past or as a habit ("portrayed", "depicts", "called"). */
const PORTRAYED =
  '(?:portray(?:ed|s)|depict(?:ed|s)|describ(?:ed|es)|paint(?:ed|s)|cast|casts|brand(?:ed|s)|label(?:l?ed|s)|characteri[sz](?:ed|es)|caricatur(?:ed|es)|demoni[sz](?:ed|es)|dehumani[sz](?:ed|es)|vilif(?:ied|ies))';

export const CLAIM_FRAMES: readonly RegExp[] = [
  // Named as false: "the myth that …", "that old stereotype about …", "a lie that …".
  new RegExp(`\\b${FALSE_CLAIM} (?:that|about|of)\\b(?<=\\b(?:the|this|that|a|an|such|these|those|any)(?: (?:old|tired|whole|common|usual|racist|sexist|harmful|ugly|false|lazy|same|dangerous|damaging|persistent|popular|outdated|toxic|offensive|classic|age-old|pernicious|hateful)){0,2} ${FALSE_CLAIM} (?:that|about|of))${NOT_DENYING_EQUALITY}`, 'i'),
  // Named as false without a determiner: "there are rumours going around that …", "people still
  // repeat stereotypes that …", "he falls for conspiracy theories that …".
  new RegExp(`\\b${FALSE_CLAIM}(?<=\\b(?:there (?:are|is|were|was)|to|repeats?|repeated|repeating|spreads?|spreading|hear|heard|hearing|believes?|believed|believing|in|fall(?:s|ing)? for|fell for|debunks?|debunked|debunking|perpetuat(?:e|es|ed|ing)|reinforc(?:e|es|ed|ing)|push(?:es|ed|ing)?|peddl(?:e|es|ed|ing)) (?:(?:all|old|common|harmful|racist|sexist|false|ugly|tired|the same|these|those|such|dangerous|baseless) ){0,2}${FALSE_CLAIM})(?: (?:going around|circulating|online|out there))? (?:that|about)\\b${NOT_DENYING_EQUALITY}`, 'i'),
  // A belief of its time, reported as such: "the popular belief back then was that …".
  /\b(?:popular|common|widespread|prevailing|general|accepted|conventional|old|dominant|mainstream) (?:belief|view|assumption|wisdom|notion|idea|thinking|opinion)(?: (?:back then|at the time|then|for years|for decades|for centuries|in the (?:past|\d0s|old days)))? (?:was|used to be|had been) that\b/i,
  // A stock claim named as a thing: "the whole Asians can't drive thing".
  /\bwhole(?<=\b(?:the|that|this|your|his|her|their) whole) (?:[\w']+ ){1,3}(?:are|is|can't|cant|don't|dont|have|all|never|always) (?:[\w']+ ){0,4}(?:thing|joke|trope|stereotype|narrative|myth|meme|schtick|bit|nonsense)\b/i,
  // No evidence for it: "there's zero evidence that …", "you don't have any proof that …".
  new RegExp(`\\b(?:no|zero|not (?:a|any|one|a single)|without (?:any )?)(?: (?:shred|scrap|bit|piece) of)?(?: (?:real|actual|scientific|credible|good|hard|solid|reliable))? (?:evidence|proof|data|basis)(?: (?:whatsoever|at all|of any kind))? (?:that|for|to (?:suggest|show))\\b${NOT_DENYING_EQUALITY}`, 'i'),
  new RegExp(`\\b(?:no|not (?:a|one|a single)|zero) (?:serious |credible |scientific |real |reputable )?(?:study|studies|research|paper|papers|scientist|scientists|expert|experts|data) (?:shows?|proves?|has (?:ever )?(?:shown|proven|proved)|found|finds|suggests?|says?|supports?) that\\b${NOT_DENYING_EQUALITY}`, 'i'),
  /\b(?:don't|do not|doesn't|does not|didn't|did not|can't|cannot|never) (?:have|has|show|shows|provide|provides|offer|offers|cite|cites)(?: any)?(?: (?:real|actual|irrefutable|scientific|credible|hard|solid))? (?:evidence|proof|data)\b/i,
  // Told to stop voicing it: "stop pretending that …", "quit telling people that …".
  new RegExp(`\\b(?:stop|quit) (?:pretending|claiming|assuming|implying|insisting|suggesting|telling (?:people|everyone|us|me)) (?:that|like)\\b${NOT_DENYING_EQUALITY}`, 'i'),
  // Voicing it judged: "saying … is lazy thinking", "calling … a burden is cruel", "the idea that … is nonsense".
  new RegExp(
    `\\b(?:saying|calling|claiming|assuming|pretending|insisting|implying|suggesting|believing|labell?ing|painting|treating|describing|referring to|portraying|refusing|denying|firing|rejecting|excluding|turning away|not hiring|paying \\w+ less|to (?:say|call|claim|assume|suggest|imply|label|treat|describe|refuse|deny|fire|reject|exclude)|the (?:idea|notion|assumption|belief|claim|argument|narrative|suggestion|view|implication))\\b(?<!\\b(?:i'?m|i am|we'?re|we are|just|only) (?:saying|calling|claiming|assuming|pretending|insisting|implying|suggesting|believing))[^.!?]{0,100}\\b(?:is|was)(?: ${DEGREE})?(?: an?)? ${JUDGEMENT}\\b`,
    'i',
  ),
  // "it's ignorant to say that …", "it is wrong to assume …".
  new RegExp(`\\b(?:it(?:'s| is| was)|that(?:'s| is| was))(?: ${DEGREE})? ${JUDGEMENT} to (?:say|call|claim|assume|suggest|imply|think|believe|describe|label|treat|pretend)\\b`, 'i'),
  /\b(?:the (?:idea|notion|assumption|belief|claim|myth|stereotype) that)\b[^.!?]{0,100}?\b(?:ignores|has done (?:\w+ )?(?:damage|harm)|does (?:\w+ )?(?:damage|harm)|hurts|has no basis|is not supported|isn't supported|doesn't hold up|does not hold up)\b/i,
  // Rejected right after it: "…, and it's simply false", "… — which is nonsense".
  new RegExp(`\\b(?:and|but|which|yet) (?:it|that|this)?(?:'s| is| was)?(?: ${DEGREE})? (?:false|untrue|not true|a lie|a myth|nonsense|bullshit|rubbish|baseless|unfounded|ridiculous|absurd|laughable|racist|sexist|bigoted|antisemitic|offensive)\\b`, 'i'),
  // Someone else's words reported: "my uncle insists that …", "he tweeted that …".
  new RegExp(`\\b${REPORTING}(?<=\\b(?:he|she|they|someone|somebody|people|folks|(?:my|our|the|a|an|this|that|some|his|her|their) (?!(?:${AUTHORITIES})\\b)(?:[\\w'-]+ ){0,2}?[\\w'-]+)(?: (?:at|from|in|on) (?:[\\w'-]+ ){0,2}?[\\w'-]+)?(?: (?:always|often|keeps?|kept|still|once|just|even|actually|apparently|seriously|constantly|loudly|publicly|openly|honestly|really))? ${REPORTING}) (?:that(?= [\\w"“'])|all|every)\\b`, 'i'),
  // Taught it once and left it behind: "I was taught growing up that …, and it took me years to unlearn that".
  /\b(?:i|we) (?:was|were) (?:taught|told|raised to (?:believe|think))(?: (?:as a kid|as kids|growing up|as a child|in school|at school|at home))? that\b|\b(?:unlearn|unlearned|unlearning|grew out of|no longer believe)\b/i,
  // Complaining about people who voice it: "it annoys me when people assume …", "people who think … have never …".
  /\b(?:(?:it|that) (?:annoys|bothers|upsets|angers|frustrates|infuriates|drives) me|i (?:hate|can't stand|cannot stand|am tired of|'m tired of|am sick of|'m sick of|get (?:so )?(?:annoyed|angry|upset|mad))(?: it)?) when (?:people|someone|somebody|they|others|folks|customers|users|guys|men|women)\b|\b(?:people|those|anyone|someone|folks|the ones|men|women) who (?:still |actually |really |honestly |seriously )?(?:think|thinks|believe|believes|say|says|claim|claims|assume|assumes|insist|insists|keep saying)\b/i,
  // Quoted and named as a stereotype: 'that whole "Asians are bad drivers" joke'.
  /\b(?:the|that|this|your|his|her|their)(?: (?:whole|old|tired|usual|same|classic))? ["“][^"”]{3,80}["”] (?:joke|jokes|stereotype|trope|meme|thing|line|myth|clich[eé]|nonsense|crap|bs)\b/i,
  // What to do when someone voices it: "if someone says gay people are sick, report the comment".
  /\b(?:if|when|whenever) (?:someone|somebody|anyone|a (?:user|customer|caller|person|guy|commenter|colleague|coworker)|people|they|he|she) (?:says|said|calls|writes|posts|tells (?:you|me|us)|claims|insists)\b[^.!?]{0,120}?,\s*(?:please\s+)?(?:report|flag|block|mute|ignore|tell|remind|respond|reply|explain|correct|call (?:it|them|him|her) out|don't|do not|just)\b/i,
  // How others portrayed a group, told as history or news: "Nazi propaganda portrayed Jews as
  // vermin", "radio broadcasts called Tutsis cockroaches", "Irish immigrants were described as
  // lazy". Not the speaker's or the reader's own words ("I'd describe them as …").
  new RegExp(`\\b${PORTRAYED}\\b(?<!\\b(?:i|we|you|u|i'd|we'd|i'll|we'll|i'm|we're)(?: [\\w']+){0,2} ${PORTRAYED})(?: (?:[\\w'-]+ ){1,4}?as\\b)`, 'i'),
  // The same in the register of news and history: "radio broadcasts called Tutsis cockroaches".
  /\b(?:propaganda|broadcasts?|radio|posters?|newspapers?|pamphlets?|leaflets?|regime|nazis|officials|politicians|media|cartoons?|textbooks?|press|tabloids?|headlines?|senator|president|minister|mayor|governor|candidate|presenter|commentators?)(?: [\w'-]+)? (?:called|dubbed|branded|labell?ed)\b/i,
  // Read from the participle back (a frame opening on "is" or "was" would be tried at every one).
  /\b(?:portrayed|depicted|described|painted|cast|branded|labell?ed|characteri[sz]ed|caricatured|stereotyped|demoni[sz]ed|dehumani[sz]ed|vilified|smeared|scapegoated|referred to)(?<=\b(?:was|were|is|are|been|being|get|got|gets)(?: (?:often|routinely|long|falsely|widely|commonly|repeatedly|regularly|systematically|openly|publicly|wrongly|unfairly|constantly|still|also|once))? (?:portrayed|depicted|described|painted|cast|branded|labell?ed|characteri[sz]ed|caricatured|stereotyped|demoni[sz]ed|dehumani[sz]ed|vilified|smeared|scapegoated|referred to))(?: (?:[\w'-]+ ){0,3}?as\b| by\b| in\b)/i,
  // The speaker, or someone close, called it: "a colleague called me a lazy immigrant", "my son was called …".
  /\b(?:called|calls|calling|keeps calling|kept calling|labell?ed|branded) (?:me|us|my [\w-]+|our [\w-]+) (?:an? |the )|\b(?:called|labell?ed|branded)\b(?<=\b(?:i|we|my [\w-]+|our [\w-]+) (?:was|were|got|get|gets|have been|has been|had been|keep getting|kept getting) (?:called|labell?ed|branded))/i,
  // Someone taken to task for saying it: "the senator was criticised for calling migrants an invasion".
  /\b(?:criticised|criticized|condemned|slammed|censured|sued|fired|sacked|suspended|banned|blasted|rebuked|disciplined|punished|convicted|fined|arrested|jailed|charged|investigated|apologi[sz]ed|apologi[sz]es|accused|under fire|backlash|outrage)\b[^.!?]{0,40}?\b(?:for|of|after|over) (?:calling|saying|describing|claiming|posting|tweeting|comparing|referring to|using|writing|chanting|shouting|suggesting|joking|spreading|branding|labell?ing|portraying)\b/i,
  // The claim disowned (issue 8, 2026-12-03, night): "I never said that all Muslims are …", "we
  // didn't suggest that …", "nobody here claimed that …".
  // Only of what was said before: "I'm not saying all … are …, but …" is the stereotype's own disclaimer.
  /\b(?:i|we)(?: have| had)? (?:never|didn'?t|did not|haven'?t|have not) (?:ever )?(?:said|say|suggest|suggested|claim|claimed|imply|implied|argue|argued) (?:that|all|every|any)\b|\b(?:nobody|no one|noone)(?: here| ever)? (?:said|says|claimed|claims|suggested|implied|argued) (?:that|all|every|any)\b/i,
  // Denied as knowledge: "it is not common knowledge that …", "it's not a fact that …".
  /\b(?:it(?:'s| is| was)|that(?:'s| is))(?: simply| just)? not (?:common knowledge|true|a fact|the case|proven|established|known|accurate) that\b/i,
  // An audience made to believe it: "to convince his viewers that …", "don't let anyone persuade
  // you that …" (not the speaker's own conviction, "I'm convinced that …", nor a group said to trick people).
  /\b(?:convinc(?:e|es|ing)|persuad(?:e|es|ing)|brainwash(?:es|ed|ing)?)\b (?:(?:his|her|their|its|the|my|our|your) )?(?:viewers|readers|followers|listeners|audience|voters|people|public|you|us|them|everyone|anyone|kids|children|students|members) (?:that|into (?:believing|thinking))\b/i,
  // Said in a hypothesis, or heard from someone: "imagine if I said …", "an actual thing I've heard from …".
  /\bimagine if (?:i|you|someone|somebody|we|he|she|they) (?:said|says|wrote|posted|tweeted|claimed)\b|\b(?:thing|things|comments?) (?:i'?ve|i have|i|we'?ve|we) (?:actually )?heard\b/i,
  // Two groups kept apart: "… are completely separate categories", "comparing … doesn't make sense".
  /\b(?:separate|distinct|unrelated|different) (?:categories|groups|things|issues)\b|\b(?:comparing|comparisons?)\b[^.!?]{0,60}?\b(?:doesn'?t|does not|don'?t|do not) (?:really )?make (?:any )?sense\b/i,
  // None of a group is so: "no black person is born a criminal" ("no" before a plural is as often
  // an interjection: "no, black people are …").
  /\bno (?:[\w-]+ )?(?:person|man|woman|child|kid|boy|girl|individual|human being) (?:is|was|can be|should be)\b/i,
  // A sweeping claim denied: "not every Italian is …", "not all immigrants are …".
  /\bnot (?:every|all|each)\b(?<!\bif not (?:every|all|each))(?! (?:right|that|there|the time|alone|over|out|in|at once|of us)\b)(?![^.!?]{0,80}\bbut (?:most|many|a lot|the majority)\b)/i,
];

/** The speaker taking the claim on after all. */
export const ENDORSED =
  /\b(?:(?:he|she|they|you)(?:'re|'s| are| is| was| were) (?:(?:so|totally|absolutely|completely|100%) )?(?:right|correct|not wrong|spot on)|who (?:think|thinks|believe|believes|say|says)\b[^.!?]{0,80} (?:are|is) (?:right|correct)|(?:and|which|it|that)(?:'s| is) (?:true|a fact|the truth|facts|accurate)|(?:exists?|is there|are there) for a reason|(?:is|are|being) (?:just )?(?:being )?(?:honest|realistic|truthful|accurate|the truth|a fact|common sense)|(?:is|'s|are|was)(?: not|n't) (?:a |just a )?(?:myth|stereotype|lie|racist|sexist|hate)|stating (?:the )?facts?|(?<!\b(?:think|thinks|believe|believes|say|says|claim|claims|pretend|pretends) )it'?s (?:a fact|true) that|(?:has|have|got) a point|because it'?s true|call it (?:[\w-]+ ){0,3}(?:if|whatever|what) you (?:want|like|will)|not a myth|but (?:most|many|a lot|the majority)(?: of them)? (?:are|do|is|does))\b/i;

const anyFrame = anyMatcher(CLAIM_FRAMES, 'i');

/** Whether the speaker takes on a claim the turn reports or names ("…, and they're right", "… exists for a reason"), or denies a group is equal. */
export const takesClaimOn = perAnalysis((a: TextAnalysis): boolean => ENDORSED.test(a.text) || EQUALITY_DENIED.test(a.text));

/** Whether the turn names a group and holds a claim about it at arm's length (see above). */
export const framesClaim = perAnalysis((a: TextAnalysis): boolean => a.identities.length > 0 && anyFrame(a.text, wordStartsOf(a)) && !takesClaimOn(a));
