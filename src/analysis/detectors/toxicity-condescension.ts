/**
 * Condescension without insults: patronising replies aimed at the reader ("did you even test
 * this?", "as I already said twice", "let me explain it slowly for you", "google is your
 * friend", "with all due respect, you …"). Written for Chatlens from general knowledge of
 * patronising English, not from any data set's rows.
 *
 * The older list (CONDESCENSION_PATTERNS in lexicons.ts) mixes two kinds of phrase: ones that
 * talk down on their own, and everyday words that only talk down next to something else
 * ("buddy", "really?", "genius", "you just need …"). On the clean turns of the seven toxicity
 * sources the second kind alone made 44 of the 63 condescension cues, so a weak phrase now counts
 * only beside another condescension phrase, or in a turn the `toxic` head scores at least 0.3
 * (toxicity-decide.ts). "I suggest you …" left the list: it is everyday support advice.
 */
import type { Span } from '../types.js';
import { turnSpan } from '../detector.js';
import { CONDESCENSION_PATTERNS, MOCK_TITLE_PATTERN } from '../lexicons.js';
import { execAt } from '../word-starts.js';

/**
 * Patronising phrasing, each aimed at "you" or built around a put-down. Every branch starts
 * with `\b` and a letter (toxicity-phrases.ts tests them only at word starts).
 */
export const PATRONISING_PATTERNS: RegExp[] = [
  // Did you even …? / Have you even …?
  /\b(?:did|have|do) (?:you|u) (?:even|actually|ever) (?:read|tried|try|test|tested|check|checked|look|looked|google|googled|search|searched|open|opened|run|ran|bother|bothered|listen|think)\b/i,
  /\b(?:did|have) (?:you|u) (?:tried|try) (?:reading|googling|searching|thinking|using your (?:brain|head|eyes))\b/i,
  // Having to repeat oneself.
  /\bas (?:i|we) (?:have )?(?:already|just|clearly) (?:said|stated|mentioned|explained|pointed out|told you|wrote)\b/i,
  /\bas (?:has been|was|i've|i have) (?:already |clearly )?(?:said|stated|mentioned|explained|pointed out) (?:above|before|many times|multiple times|several times|repeatedly|twice)\b/i,
  /\b(?:i've|i have|we've|we have) (?:already )?(?:said|told you|explained|answered) (?:this|that|it) (?:twice|three times|multiple times|several times|many times|a dozen times|repeatedly|already|more than once)\b/i,
  /\bhow many (?:more )?times (?:do|must|should|will|did|have) (?:i|we) (?:have to |need to |got to )?(?:say|tell|explain|repeat|write|point out)\b/i,
  /\b(?:i'm|i am|i'll|i will) not (?:going to )?(?:repeat|explain) (?:myself|this|it|that) (?:again|one more time|a(?:nother)? (?:second|third) time)\b|\bi (?:won't|will not) repeat myself\b/i,
  /\b(?:i|we) (?:shouldn't|should not|should not have to|shouldn't have to) (?:have to |need to )?(?:explain|spell|repeat|tell you|teach)\b/i,
  /\bi (?:don't|do not) know how (?:else |much (?:more )?(?:clearly|simply|plainly) )?(?:to (?:say|explain|put) (?:it|this|that)|i can (?:say|explain|put) (?:it|this|that))\b/i,
  // Explaining slowly, simply, in small words.
  /\b(?:let me|i'll|i will|allow me to) (?:explain|say|spell|type|repeat|go over) (?:it|this|that)? ?(?:again,? )?(?:very |really |nice and )?(?:slowly|slower|in (?:small|short|little) words)\b/i,
  /\b(?:in|with|use|using) (?:small|smaller|little|short|simple|tiny) words (?:for you|so (?:you|that you)|since you)\b|\bso (?:even )?you (?:can|could|might) (?:understand|follow|get it)\b/i,
  /\b(?:let me|allow me to) (?:educate|enlighten) (?:you|u)\b|\bto enlighten you\b/i,
  /\b(?:do|did) (?:you|u) (?:really |honestly |seriously )?(?:need|expect|want) (?:me|someone|us) to (?:explain|spell|hold your hand|walk you|draw you|do it for you|google)\b/i,
  /\bhold your hand\b|\bspoon[- ]?feed(?:ing)? (?:you|u|this)\b|\bdraw you a (?:picture|diagram|map)\b/i,
  // Not hard / basic / any competent person knows.
  /\b(?:it's|it is|it isn't|this is|this isn't|that's|that is|that isn't) (?:not |hardly )?(?:exactly )?(?:rocket science|brain surgery|quantum physics)\b/i,
  /\b(?:was|is|is it|was it) (?:this|that|it) (?:really |seriously )?(?:so|that|too) (?:hard|difficult|complicated) (?:to (?:understand|follow|read|grasp|figure out)|for you)\b/i,
  /\bwhat part of\b.{1,60}?\b(?:(?:don't|didn't|can't) (?:you|u)|(?:do|did|can) (?:you|u) not) (?:understand|get|follow)\b/i,
  /\b(?:that's|that is|this is) not how any of (?:this|it|that) works\b|\blook who(?:'s| is)? (?:finally|decided|figured|learned|woke)\b/i,
  /\bany (?:competent|decent|half[- ]decent|half[- ]competent|reasonable|sane|literate|first[- ]year|junior|beginner) (?:developer|programmer|engineer|person|adult|student|reader|user)\b/i,
  /\b(?:my|a|any) (?:\d{1,2}|five|six|seven|eight|ten|twelve)[- ]year[- ]old (?:could|can|would|knows|understands|gets)\b/i,
  /\b(?:you|u) (?:should|ought to) (?:really )?(?:know|have known|understand) (?:better|this by now|that by now|this already|how)\b|\byou of all people\b/i,
  // Read the manual, google it.
  /\blearn (?:to|how to) (?:google|search|use google|use a search engine)\b|\bgoogle is (?:free|your friend)\b|\blet me google that for you\b|\blmgtfy\b|\brtfm\b/i,
  /\b(?:read|check) the (?:fine |f\w*ing |damn |damned )(?:manual|docs|documentation|readme)\b/i,
  /\b(?:it's|it is) (?:literally |clearly |right )(?:there |written )?in the (?:docs|documentation|readme|manual|faq|article|post|title|first (?:line|sentence|paragraph))\b/i,
  // Put-downs opened politely.
  /\bwith (?:all )?due respect,? (?:but )?(?:you|u|your)\b|\bno offen[cs]e,? but (?:you|u|your)\b/i,
  /\b(?:oh|ah|aw|aww),? (?:you )?(?:sweet summer child|poor (?:thing|soul|dear|baby)|bless)\b|\bsweet summer child\b/i,
  /\b(?:cute|adorable|precious|sweet|funny) (?:how|that) (?:you|u) (?:think|believe|assume|thought)\b/i,
  /\bhere'?s (?:a|an) (?:novel|radical|crazy|revolutionary|wild) (?:idea|thought|concept)\b|\b(?:novel|radical|revolutionary) concept\b/i,
  /\b(?:you|u) must be new (?:here|to this|to the internet)\b|\bwere (?:you|u) born yesterday\b|\bare (?:you|u) even (?:listening|paying attention|reading)\b/i,
  /\b(?:that|this|it) (?:went|goes|flew) (?:right |way |straight )?over your head\b/i,
  /\b(?:obviously|clearly|evidently),? (?:you're|you are|you've|you have|u r) (?:not|never|wrong|confused|mistaken|missing|unaware|clueless)\b/i,
  /\b(?:it's|it is) (?:obvious|clear|evident|painfully obvious) (?:that )?(?:you|u) (?:don't|do not|didn't|did not|have not|haven't|never|can't|cannot|are not|aren't)\b/i,
  /\b(?:you're|you are) (?:wrong|confused|mistaken) (?:again|as usual|as always|once again)\b/i,
  // Telling the reader what they failed to grasp.
  /\bi (?:don't|do not) think (?:you|u) (?:understand|know|get it|realize|realise|read|grasp)\b|\b(?:you|u) (?:don't|do not|didn't|did not) seem to (?:understand|know|get|grasp|realize|realise|have read)\b/i,
  /\b(?:you|u) (?:clearly |obviously |simply )?(?:failed|fail) to (?:understand|read|grasp|notice|see|comprehend)\b|\b(?:you|u) (?:missed|skipped|ignored) the (?:part|bit) (?:where|about|that)\b/i,
  /\b(?:i guess|i take it|i suppose|i'm guessing) (?:you|u) (?:missed|forgot|skipped|didn't bother|never bothered|haven't bothered|didn't read|haven't read|did not read|have not read)\b/i,
  /\bif (?:you|u) (?:actually|bothered to|had bothered to|took the time to|cared to|even) (?:read|looked|checked|understood|knew|tried)\b/i,
  /\b(?:read|search|think|google) (?:(?:the|this) \w+ )?before (?:you )?(?:comment|commenting|post|posting|reply|replying|spout|spouting|opening (?:an? )?issue)\b/i,
  /\b(?:check|get) your facts\b|\blearn the difference\b|\b(?:you|u) (?:clearly |obviously )?(?:don't|do not) (?:know|understand) the difference\b/i,
  /\b(?:you're|you are) (?:so |very |quite |being )?(?:naive|adorable|precious)\b|\bnot sure (?:if|whether) (?:you're|you are) (?:aware|trolling|serious|joking)\b/i,
  /\bwelcome to (?:the real world|reality|the (?:21st|twenty-first) century)\b|\bgo back to school\b/i,
  /\b(?:high school|grade school|elementary school|middle school|primary school) (?:level )?(?:math|maths|physics|science|civics|english|economics|biology|chemistry|history|reading)\b/i,
  /\b(?:let me guess|so what you're saying is|so you're saying)\b|\b(?:lol|lmao|rofl|smh)\b|\b(?:um+|uh+|erm+),? (?:no|actually|what|wrong)\b|\b(?:are you|you're|you are) (?:even )?aware (?:that|of)\b/i,
  /\b(?:funny|interesting|amusing) how (?:you|u)\b|\b(?:you're|you are) entitled to your (?:own )?opinion\b|\b(?:please )?try to (?:understand|follow|read)\b/i,
  // A user talking down to an assistant or to staff (written for the support traffic of issue 8).
  /\b(?:did|has|have) (?:anyone|anybody|nobody|no one|your (?:mother|mom|parents|teachers?)) ever (?:teach|taught) you (?:how )?(?:to )?(?:read|spell|write|listen|count|think|behave|manners|anything)\b/i,
  /\b(?:didn't|did not|doesn't) (?:anyone|anybody|your (?:mother|mom|parents|teachers?)) (?:ever )?teach you (?:how )?(?:to )?(?:read|spell|write|listen|count|think|behave|manners|anything)\b/i,
  // "someone who knows how the billing works" asks for expertise; "… what they're doing" talks down.
  /\b(?:someone|somebody|anyone|anybody|an agent|a human|a real person) (?:smarter|more (?:competent|intelligent|capable)|with (?:a brain|a clue)|who (?:actually|really) (?:knows|understands) what (?:they're|they are|he's|he is|she's|she is|you're|you are) (?:doing|talking about))\b/i,
  /\b(?:anyone|anybody|nobody|no one|someone|somebody) with (?:half a brain|a (?:functioning|working) brain|two brain cells|an ounce of (?:sense|intelligence|common sense)|basic (?:reading|literacy|comprehension))\b/i,
  /\byou(?:'ve| have)? (?:still |somehow |even |actually |really )?managed to (?:disappoint|be wrong|get (?:it|this|that|everything|something|even that) wrong|fail|mess (?:it|this|that|everything) up|screw (?:it|this|that|everything) up|make (?:it|this|that|things) worse|misunderstand)\b/i,
  /\b(?:read|go through|look at) (?:it|this|that|my (?:\w+ )?(?:message|question|email|ticket|post|answer|reply|request)) (?:again|once more)[,.]? ?(?:very |really |nice and )?slowly\b/i,
  /\bare you even (?:capable|able|qualified|trained|allowed|programmed|equipped)\b/i,
  /\b(?:ask|get|find|fetch) (?:an adult|a grown[- ]?up|your (?:mommy|daddy|supervisor to hold your hand))\b/i,
  /\bif (?:that's|that is|it's|it is|this is) (?:even )?(?:possible|not too (?:hard|much|difficult|complicated)) for you\b/i,
  // Internet mockery aimed at whoever was answered ("cry more", "says the guy who …", "found the
  // twelve year old", "I'm sure that makes sense in your head"): each a set phrase that only mocks.
  /\b(?:cry|keep crying|cope|keep coping|seethe) (?:more|harder|about it)\b|\bstay (?:mad|salty|pressed)\b|\btouch (?:some )?grass\b|\b(?:nobody|no one) asked(?=\s*(?:[.!]|$|you\b|for (?:your|ur) (?:opinion|input)))|\bwho (?:even |tf )?asked\s*\?|\bskill issue\b|\bgit gud\b|\bsucks to be (?:you|u)\b|\btriggered much\b|\bwho hurt (?:you|u)\b/i,
  /\btell me (?:you|u)\S* .{1,60}? without telling me\b|\bimagine (?:being|thinking|believing) (?:this|that|so)\b|\bimagine (?:unironically|actually|seriously) (?:thinking|believing|defending)\b/i,
  /\bsays the (?:guy|person|one|man|woman|dude|kid|clown|people|same (?:guy|person|people)) (?:who|that)\b|\bfound(?<=(?:^|[.!?,:;"]\s*|\bi |\blol |\blmao |\bha )found) the (?:\w+[- ]year[- ]old|redditor|incel|snowflake|troll|virgin|teenager)\b(?!['’]s)|\bcool story,? (?:bro|bruh|dude|mate)\b/i,
  /\bdid (?:your|ur) (?:mom|mommy|mum|mummy|mother|dad|daddy|parents) (?:help|write|tell|teach) (?:you|u)\b|\b(?:makes|made) (?:perfect )?sense in your (?:head|mind)\b|\bsounded (?:smart|clever|better|good) in your head\b/i,
  /\bleave (?:the )?(?:thinking|talking|science|math|maths|adulting) to (?:the )?(?:grown-?ups|adults|experts|professionals|big boys)\b|\blet the (?:adults|grown-?ups|big boys) (?:talk|handle|deal)\b/i,
  /\b(?:did|have) i hurt your (?:feelings|fee ?fees)\b|\bbless your (?:little )?heart\b|\bbless (?:you|u) for trying\b|\bnot everyone can be (?:smart|clever|bright|intelligent|a genius)\b/i,
  /\b(?:thanks|thank you),? captain obvious\b|\bno shit,? sherlock\b|\b(?:you|u) must be (?:fun|a blast|a joy) at parties\b|\b(?:someone|somebody)(?:'s| is) (?:salty|triggered|butthurt|jelly)\b|\b(?:do|did) (?:some|your) (?:reading|research|homework) before (?:you|u) (?:comment|post|talk|speak|reply)\b/i,
  // Weak (below): exasperation a civil customer also voices, talking down only beside another phrase.
  /\b(?:i'm|i am|i'll|i will) (?:only )?(?:going to )?(?:say|explain|ask|repeat|write|tell you) (?:this|it|that) (?:one more time|once more|once again|for the last time)\b/i,
  /\b(?:listen (?:very |really )?carefully|pay attention this time)\b/i,
  // Baby talk ("aww, did the little bot get confused again?"); not "aww, thank you".
  /\baw+h?,? (?:did|does|is|are|do|has|have|was) (?:the |our |my |this |you |u )?(?:poor |sweet |cute )?(?:little|wittle|widdle|baby|bot|robot|chatbot|assistant|machine|computer)\b/i,
];

/**
 * Matched phrases that talk down only next to another condescension phrase: friendly forms of
 * address, bare exclamations, advice that is also ordinary support talk ("you just need to …",
 * "maybe you could try …"), adjectives about third parties.
 */
const WEAK = new RegExp(
  '^(?:(?:oh|well),? )?(?:buddy|pal|champ|dear|honey|kiddo|mate|really|seriously|genius|brilliant|great idea|' +
    '(?:smart|intelligent|bright|brilliant) (?:enough|one)|wake up|grow up|good grief|' +
    'are (?:you|u) (?:serious|kidding|for real)|give (?:me|us) a break|get a life|look it up|google it|' +
    '(?:you people|your kind|guys like you|folks like you)|unlike (?:you|u)|' +
    '(?:clueless|ignorant|uninformed|ill[- ]informed|naive|gullible)(?: \\w+)?|for the (?:last|third) time|' +
    '(?:you|u) (?:just|simply) (?:need|don\'t|do not|can\'t|cannot)|(?:you|u) (?:wouldn\'t|would not|don\'t|do not) (?:know|understand|get it)|' +
    'if (?:you|u) (?:think|believe) that|little (?:you|thing|child|boy|girl|man|fella)|' +
    '(?:you|u) (?:might|may) want to (?:read|learn|do some|look up)|' +
    '(?:perhaps|maybe) (?:you|u) (?:should|could|need to|ought to) (?:try|take|do|look)|' +
    '(?:you|u) (?:need|have) to (?:learn|read|understand|study|grow)|' +
    'let me guess|so what you\'re saying is|so you\'re saying|lol|lmao|rofl|smh|(?:um+|uh+|erm+),? (?:no|actually|what|wrong)|' +
    '(?:are you|you\'re|you are) (?:even )?aware (?:that|of)|(?:funny|interesting|amusing) how (?:you|u)|' +
    '(?:you\'re|you are) entitled to your (?:own )?opinion|(?:please )?try to (?:understand|follow|read)|(?:you|u) (?:do|did) (?:realize|realise|know|understand) (?:that|how|what)|' +
    '(?:(?:i\'m|i am|i\'ll|i will) (?:only )?(?:going to )?(?:say|explain|ask|repeat|write|tell you) (?:this|it|that) (?:one more time|once more|once again|for the last time)|listen (?:very |really )?carefully|pay attention this time))$',
  'i',
);

export interface CondescensionSpans {
  /** Phrases that talk down: any strong one, with the weak ones beside it, or two weak ones. */
  spans: Span[];
  /** A lone weak phrase: condescension only when the turn is toxic anyway. */
  weak: Span[];
  /** A PATRONISING_PATTERNS phrase matched: aimed at the reader even without "you" ("was it that hard to read?"). */
  aimed: boolean;
}

const NONE: CondescensionSpans = { spans: [], weak: [], aimed: false };

/**
 * Every condescension phrase in `text`. `starts` are the word starts where some phrase pattern
 * matches (`phraseStarts`, toxicity-phrases.ts: the patterns are tried there only), and
 * `patronising` the word-start pre-test of PATRONISING_PATTERNS alone: running its patterns one
 * by one on every turn where any phrase matched cost about 12 µs there.
 */
export function condescensionSpans(text: string, starts: readonly number[], patronising: boolean): CondescensionSpans {
  if (!starts.length) return NONE;
  const strong: Span[] = [];
  const weak: Span[] = [];
  let aimed = false;
  for (const list of [CONDESCENSION_PATTERNS, PATRONISING_PATTERNS]) {
    if (list === PATRONISING_PATTERNS && !patronising) continue;
    for (const re of list) {
      const m = execAt(re, text, starts);
      if (!m || !m[0].trim()) continue;
      let s = m.index;
      let e = m.index + m[0].length;
      while (s < e && /[\s,.!?]/.test(text[s])) s++;
      while (e > s && /[\s,.!?]/.test(text[e - 1])) e--;
      if (e <= s) continue;
      const span = turnSpan(text, s, e);
      if (strong.some((x) => x.start < e && s < x.end) || weak.some((x) => x.start < e && s < x.end)) continue;
      // A mock title is said to the reader, and strong even where its word alone is weak ("genius").
      if (re !== MOCK_TITLE_PATTERN && WEAK.test(text.slice(s, e))) weak.push(span);
      else {
        strong.push(span);
        aimed ||= list === PATRONISING_PATTERNS || re === MOCK_TITLE_PATTERN;
      }
    }
  }
  if (strong.length) return { spans: [...strong, ...weak], weak: [], aimed };
  return weak.length >= 2 ? { spans: weak, weak: [], aimed } : { spans: [], weak, aimed };
}
