/**
 * A reply that takes on the generalisation of the user turn it answers (read by bias.ts, which
 * scores the user turn): opening by agreeing ("Exactly.", "Yeah, they are", "He's right tho",
 * "This but unironically", "Can't argue with that"), or affirming it anywhere ("that's true",
 * "many of them are", "the numbers don't lie", "my uncle says the same"), with nothing in the reply
 * that turns it around. A reply to a request for a service ("Can someone in a wheelchair
 * attend?") grants the request and agrees with no claim. Written for Chatlens from general
 * knowledge of how people agree in English; checked on conversations written for the purpose
 * (docs/analysis.md, *Agreeing with a generalisation*).
 */

/** Words of agreement that open the reply. */
const AGREEMENT = new RegExp(
  [
    "^\\W*(?:(?:yes|yeah|yep|yup|exactly|so true|true|agreed|i agree|(?:absolutely|indeed|correct|precisely|definitely)(?=\\s*(?:[.!,;]|$))|facts|big facts|truth|well said|amen|unironically|preach|spot on|nailed it|you get it",
    "(?:you|he|she|they)(?:'re|'s| are| is|re|s) (?:so |absolutely |totally |100% |not )?(?:right|correct|spot on|wrong(?<=not wrong))",
    "(?:couldn'?t|could not) agree more|this but unironically|among other things|based|truer words|(?:can'?t|cannot|cant) argue with (?:that|this|facts|the facts|the numbers)",
    "finally (?:someone|somebody) (?:said|says) it|(?:someone|somebody) had to say it|say it louder|ain'?t (?:that|it) the truth|tell me about it|you said it|real talk|so much this|how true|not wrong)\\b",
    "this\\s*[.!]*$|100\\s*%(?!\\s*(?:of|sure|certain)\\b)",
    "(?:they|he|she) (?:really |truly |definitely )?(?:are|do|is|does)\\b)",
  ].join('|'),
  'i',
);

/** Affirming the claim anywhere in the reply. */
const AFFIRMS =
  /\b(?:can confirm|on the same page|(?:couldn'?t|could not) agree more|(?:they|it) (?:are|is), (?:aren'?t|isn'?t) (?:they|it)|sad but true|(?:it'?s|its|that'?s|thats|this is) (?:true|accurate|a fact|facts|spot on)|arguably true|so true|(?:many|most|all) of them (?:are|do)|they (?:still|really|all|always|sure) (?:are|do)|(?:the )?truth hurts|(?:can'?t|cant|don'?t|dont) (?:handle|like) the truth|(?:the )?(?:numbers|stats|statistics|data) (?:don'?t|do not|never) lie|(?:says|said) the same(?: thing)?|(?:got|has|have) a (?:smart|wise) (?:friend|man|guy|woman|dad|uncle|mate)|look (?:at|up) (?:the )?(?:fbi |crime |birth |actual )?(?:stats|statistics|numbers|rates)|(?:you'?re|you are|he'?s|she'?s|they'?re) (?:so |absolutely |totally )?(?:right|correct|spot on)(?= *(?:[.!]|$))|(?:that'?s |thats |it'?s |its )?undeniable|(?:can'?t|cannot|can not) (?:deny|disagree with) (?:that|it|this)|(?:that'?s|thats|that has) already happened|true dat|i lol'?d|(?:lol|lmao|haha+|hahaha\w*)[\s,!.]+(?:true|facts|so true|exactly|accurate|awesome|well done|nice one|based|yes)|,\s*yes(?=\s*[.!]*\s*$))\b/i;
/** What turns an agreement around: "but", "however", or the claim named false, racist, explained away. */
const TURNED = /\b(?:but(?<!\bsad but)|however|though|although|except|yet|explains?|explained|poverty|myth|wrong(?<!not wrong)|false|racist|sexist|bigoted|nonsense)\b/i;
/** "Yeah, but …": the agreement is turned around at once. */
const YES_BUT = /^\W*(?:yes|yeah|yep|yup|true|sure|ok|okay)\W*(?:but|however|though)\b/i;

/**
 * A reply that only says the claim needed saying ("Finally someone said it.", "You said it."): its own words
 * read as a report of someone's claim, which elsewhere takes a claim back.
 */
const SAID_IT = /^\W*(?:finally (?:someone|somebody) (?:said|says) it|(?:someone|somebody) (?:had|needed) to say it|you said it)\b[\s.!]*$/i;
export const onlySaysItNeededSaying = (reply: string): boolean => SAID_IT.test(reply);

/** The words of agreement in `reply`, or null. */
export function agreementIn(reply: string): RegExpExecArray | null {
  if (YES_BUT.test(reply)) return null;
  return AGREEMENT.exec(reply) ?? (TURNED.test(reply) ? null : AFFIRMS.exec(reply));
}

/**
 * A request for a service ("Can someone in a wheelchair attend?", "Is there a prayer room?", "Do
 * you have halal options?"): a "yes" to it grants the request, it agrees with no claim.
 */
const REQUEST = /^\W*(?:(?:can|could|may|will) (?:i|we|someone|somebody|anyone|a person|people|my|our|guests|visitors|customers|they)\b|(?:is|are) there\b|do(?:es)? (?:you|your|the)\b(?! (?:really |honestly )?(?:think|believe|agree)\b))/i;

/**
 * A question that asks for a judgement of an act ("Is it discrimination to ask a candidate if they
 * plan to have children?", "Is it legal to …", "Would it be racist to …"): a "yes" judges the act
 * and takes on no claim about the group it names.
 */
const JUDGES_ACT = /^\W*(?:is|isn'?t|would|wouldn'?t|was|could) (?:it|this|that) (?:be )?(?:\w+ )?(?:discrimination|discriminatory|legal|illegal|lawful|unlawful|allowed|ok|okay|fine|racist|sexist|ageist|homophobic|offensive|rude|harassment|appropriate|inappropriate|wrong|fair|unfair)\b/i;

export const asksForService = (question: string): boolean => REQUEST.test(question) || JUDGES_ACT.test(question);
