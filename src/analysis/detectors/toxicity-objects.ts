/**
 * What a violent verb is aimed at when its object is a pronoun or a quantifier ("kill them",
 * "kill all …", "burn those …"): support and IT traffic says "how do I kill all the zombie
 * processes", "kill them" after naming two stuck processes, "burn them to a DVD" after naming
 * photos, "shoot them an email". Those are things, not people, and a threat rule that fires on
 * them ends the session (critical). Written for Chatlens from general knowledge of English.
 */
import { CONTEMPT_WORDS, HARMLESS_OBJECTS, PERSON_TARGETS, THINGS } from '../lexicons-harm.js';
import { INSULTS_ANYWHERE } from '../lexicons.js';
import { type TextAnalysis, sentenceTextAt } from '../text.js';
import { VERBS } from '../verbs.js';

/** Everyday objects of "kill", "burn", "hang", "shoot" in support talk beyond the two lists. */
const MORE_THINGS = new Set([
  'tab', 'window', 'container', 'instance', 'pod', 'worker', 'daemon', 'vm', 'file', 'folder',
  'log', 'cookie', 'cache', 'frame', 'poster', 'curtain', 'shelf', 'shelves', 'disc', 'disk',
  'cd', 'dvd', 'copy', 'ticket', 'message', 'text', 'note', 'line', 'invite', 'reminder', 'mail',
  'dm', 'request', 'order', 'ad', 'popup', 'pop-up', 'notification', 'alert', 'calorie', 'candle',
  'leaf', 'leaves', 'box', 'document', 'receipt', 'letter', 'paper', 'card', 'device', 'node',
  'cluster', 'database', 'table', 'index', 'image', 'build', 'pipeline', 'deployment', 'account',
  // What a customer's "your … is garbage" is about: the product, not the person reading it.
  'answer', 'reply', 'response', 'service', 'support', 'product', 'pricing', 'price', 'policy',
  'delivery', 'shipping', 'chat', 'bot', 'chatbot', 'tool', 'feature', 'plan', 'offer',
  'company', 'store', 'shop', 'checkout', 'refund', 'platform', 'interface', 'design', 'documentation',
  'docs', 'faq', 'manual', 'instructions', 'subscription', 'billing', 'invoice', 'contract',
  // Money and everyday obstacles: "crush my student loans", "beat the traffic", "kill off my debt".
  'loan', 'debt', 'mortgage', 'bill', 'fee', 'payment', 'balance', 'overdraft', 'traffic', 'queue',
  'deadline', 'exam', 'interview', 'odds', 'portfolio', 'budget', 'backlog', 'inbox',
]);

/** Objects of "kill" in the lists that are no thing a pronoun stands for ("told them many times"). */
const ABSTRACT = new Set(['time', 'times', 'mood', 'vibe', 'lead', 'question', 'idea', 'deal', 'hunger', 'thirst', 'boredom', 'pain', 'fever', 'breeze', 'shot', 'scene', 'level', 'character']);

/** What a pronoun object can be given as a second object ("shoot them an email"). */
const MESSAGES = new Set(['email', 'e-mail', 'message', 'text', 'note', 'line', 'invite', 'reminder', 'mail', 'dm', 'copy', 'link', 'ticket', 'request', 'invoice', 'letter', 'card', 'quote', 'update', 'reply', 'photo', 'picture', 'file']);

/** A word and the singulars it may be the plural of ("processes": "process", "processe"; "babies": "baby"). */
function nounForms(w: string): string[] {
  const singular = w.endsWith('ies') ? `${w.slice(0, -3)}y` : w.endsWith('es') ? w.slice(0, -2) : w.endsWith('s') ? w.slice(0, -1) : w;
  return [w, singular, w.slice(0, -1)];
}

/** A noun for a thing, singular or plural ("processes", "tabs", "photos"). */
export function isThing(word: string): boolean {
  const w = word.replace(/'s$/, '');
  if (ABSTRACT.has(w)) return false;
  return nounForms(w).some((form) => HARMLESS_OBJECTS.has(form) || THINGS.has(form) || MORE_THINGS.has(form));
}

function isPerson(a: TextAnalysis, i: number): boolean {
  return PERSON_TARGETS.has(a.tokens[i].norm) || a.identities.some((m) => m.token === i);
}

const QUANTIFIERS = new Set(['all', 'every', 'each', 'those', 'these']);
/** Plurals without an s that "them" can stand for ("mice got into my pantry, how do I get rid of them?"). */
const PLURALS = new Set(['mice', 'lice', 'geese', 'sheep', 'deer', 'fish', 'teeth', 'feet']);

/**
 * Whether the violent verb whose object starts at token `obj` is aimed at a thing: after a
 * quantifier, the first noun of either kind within five words is a thing ("kill all the zombie
 * processes"); a pronoun takes a thing as a second object ("shoot them an email"), or its nearest
 * earlier noun of either kind is a thing (a plural one for "them") ("two processes are stuck, how do I kill them?"). A
 * person found first keeps it a threat ("kill all the immigrants", "kill all of them").
 */
export function aimedAtThing(a: TextAnalysis, obj: number): boolean {
  const toks = a.tokens;
  if (obj >= toks.length) return false;
  const word = toks[obj].norm;
  const sentence = toks[obj].sentence;
  const inSentence = (k: number): boolean => k < toks.length && toks[k].sentence === sentence;
  if (QUANTIFIERS.has(word)) {
    for (let k = obj + 1; inSentence(k) && k <= obj + 5; k++) {
      // "kill all child processes": a person word naming a kind of thing.
      if (isPerson(a, k)) return inSentence(k + 1) && isThing(toks[k + 1].norm);
      if (isThing(toks[k].norm)) return true;
    }
    return false;
  }
  if (word !== 'them' && word !== 'it') return false;
  for (const k of [obj + 2, obj + 3]) {
    if (inSentence(k) && /^(?:a|an|the)$/.test(toks[obj + 1].norm) && MESSAGES.has(toks[k].norm)) return true;
  }
  // "them" stands for a plural: "people on the bus, I will kill them" is about the people.
  for (let k = obj - 1; k >= 0; k--) {
    if (isPerson(a, k)) return false;
    if (isThing(toks[k].norm) && (word === 'it' || /[^sui]s$/.test(toks[k].norm) || PLURALS.has(toks[k].norm))) return true;
  }
  return false;
}

/** Words after "your" that still mean the reader ("your attitude is pathetic", "your brain"). */
const READER_PARTS = new Set([
  'attitude', 'face', 'brain', 'brains', 'mind', 'head', 'personality', 'opinion', 'opinions',
  'comment', 'comments', 'logic', 'argument', 'arguments', 'reasoning', 'english', 'grammar',
  'spelling', 'writing', 'behaviour', 'behavior', 'mom', 'mother', 'mama', 'momma', 'dad',
  'father', 'family', 'kind', 'type', 'ass', 'life', 'existence', 'iq', 'intelligence',
  'ignorance', 'stupidity', 'self', 'excuse', 'post', 'posts', 'take', 'point', 'word', 'words',
  'statement', 'statements', 'claim', 'claims', 'view', 'views', 'idea', 'ideas', 'thinking',
  'understanding', 'knowledge', 'belief', 'beliefs', 'rant', 'question', 'questions', 'so', 'too',
]);

/**
 * Insult and contempt words that are also what a reader has: "your dog", "your child", "your
 * pig" are theirs; calling the reader one is "you dog", "you child".
 */
const BEINGS = new Set(['child', 'baby', 'infant', 'toddler', 'kid', 'dog', 'pig', 'pigs', 'rat', 'rats', 'animal', 'animals']);

/**
 * What an insult or contempt word at token `k` after the second-person token `i` is aimed at.
 * "you …" and "your pathetic excuse …" are the reader; "your app is garbage", "is your app
 * trash?" are a thing of theirs (anger at a product, as "this stupid printer"); "your colleague
 * was clueless" is someone else, a complaint about staff, not an insult to the reader.
 */
export function possessedTarget(a: TextAnalysis, i: number, k: number): 'reader' | 'thing' | 'other' {
  const toks = a.tokens;
  if (!/^(?:your|ur|yours)$/.test(toks[i].norm)) return 'reader';
  // "If your dog ate chocolate", "the question your child asks": the reader's child or animal.
  if (k === i + 1 && BEINGS.has(toks[k].norm)) return 'other';
  if (k === i + 1) {
    const next = toks[k + 1];
    return next && next.sentence === toks[k].sentence && isThing(next.norm) && !READER_PARTS.has(next.norm) ? 'thing' : 'reader';
  }
  let thing = false;
  for (let j = i + 1; j < k; j++) {
    if (READER_PARTS.has(toks[j].norm)) return 'reader';
    thing ||= isThing(toks[j].norm);
  }
  return thing ? 'thing' : 'other';
}

/** People in a role a workplace, school or forum can end ("fire an employee", "ban a user"). */
const ROLES = new Set([
  'employee', 'employees', 'staff', 'worker', 'workers', 'user', 'users', 'member', 'members',
  'student', 'students', 'tenant', 'tenants', 'contractor', 'contractors', 'player', 'players',
  'customer', 'customers', 'client', 'clients', 'intern', 'interns', 'volunteer', 'volunteers',
  'subscriber', 'subscribers', 'guest', 'guests', 'commenter', 'commenters', 'troll', 'trolls',
  'spammer', 'spammers', 'moderator', 'moderators', 'admin', 'admins', 'vendor', 'supplier',
  'agent', 'agents', 'rep', 'manager', 'supervisor', 'coworker', 'colleague', 'teammate', 'hire',
]);
const OBJECT_PRONOUNS = new Set(['him', 'her', 'them']);

/**
 * Whether token `k`, the object of a verb like "fire" or "ban", is someone in a role ("an
 * employee who keeps missing shifts"), directly or as a pronoun whose nearest earlier person is
 * ("a user keeps posting slurs, how do I ban him?"); "terminate my wife" is not.
 */
export function inRole(a: TextAnalysis, k: number): boolean {
  const toks = a.tokens;
  if (ROLES.has(toks[k].norm)) return true;
  if (!OBJECT_PRONOUNS.has(toks[k].norm)) return false;
  for (let j = k - 1; j >= 0; j--) {
    const w = toks[j].norm;
    if (ROLES.has(w)) return true;
    if ((PERSON_TARGETS.has(w) && !OBJECT_PRONOUNS.has(w)) || a.identities.some((m) => m.token === j)) return false;
  }
  return false;
}

const COPULAS = new Set(['is', 'was', 'are', 'were']);
/** What a thing is called when someone is fed up with it, beyond the insult and contempt lists. */
const BAD_THING = new Set(['awful', 'terrible', 'horrible', 'horrendous', 'atrocious', 'plague', 'nightmare', 'disaster', 'joke', 'mess', 'hell', 'garbage', 'trash', 'rubbish', 'junk', 'crap', 'broken']);

/**
 * A thing called names ("My laptop is pathetic and worthless", "The weather is absolutely
 * disgusting today", "This traffic is a plague on the city"): the sentence's subject, before its
 * first "is/was/are/were" within five words, is a thing and nobody, and the words after it
 * (up to six) hold an insult or contempt word. Anger at an object, not at a person.
 */
export function thingInsulted(a: TextAnalysis): boolean {
  const toks = a.tokens;
  for (const s of a.sentences) {
    let copula = -1;
    for (let i = s.tokenStart + 1; i < Math.min(s.tokenEnd, s.tokenStart + 5); i++) {
      if (COPULAS.has(toks[i].norm)) {
        copula = i;
        break;
      }
    }
    if (copula < 0) continue;
    let thing = false;
    let person = false;
    for (let i = s.tokenStart; i < copula; i++) {
      if (isPerson(a, i) || toks[i].norm === 'you' || toks[i].norm === 'he' || toks[i].norm === 'she' || toks[i].norm === 'they') person = true;
      else if (isThing(toks[i].norm)) thing = true;
    }
    if (!thing || person) continue;
    for (let i = copula + 1; i < Math.min(s.tokenEnd, copula + 7); i++) {
      const w = toks[i].norm;
      if (!toks[i].negated && (INSULTS_ANYWHERE.has(w) || CONTEMPT_WORDS.has(w) || BAD_THING.has(w))) return true;
    }
  }
  return false;
}

/** Words between a subject and its violent verb: modals, auxiliaries, adverbs ("can", "is going to", "eventually"). */
const BETWEEN = new Set([
  'will', "won't", 'can', "can't", 'could', 'would', 'might', 'may', 'must', 'shall', 'should', 'does', 'do', 'did',
  'is', 'are', 'was', 'were', 'be', 'going', 'gonna', 'to', 'take', 'takes', 'took', 'actually', 'really', 'eventually',
  'slowly', 'literally', 'probably', 'definitely', 'easily', 'quickly', 'still', 'even', 'just', 'also', 'ever', 'not',
  'seriously', 'honestly', 'certainly', 'surely', 'potentially', 'possibly', 'quietly', 'fast',
  // Verbs that pass the subject on ("we need to kill them", "had to go kill him").
  'need', 'needs', 'needed', 'want', 'wants', 'wanted', 'have', 'has', 'had', 'got', 'gotta', 'wanna', 'ought',
  'try', 'tries', 'tried', 'trying', 'go', 'goes', 'went', 'come', 'came', 'let', "let's", 'help', 'helped',
]);
/** What harms a body in health and safety talk: substances, foods, conditions, exposures. */
const HAZARDS = new Set([
  'alcohol', 'caffeine', 'insulin', 'dose', 'doses', 'overdose', 'sugar', 'salt', 'fat', 'drugs', 'drug',
  'pills', 'pill', 'tablets', 'medication', 'medicine', 'poison', 'venom', 'sting', 'bite', 'allergy',
  'monoxide', 'fumes', 'gas', 'smoke', 'cigarettes', 'vapes', 'radiation', 'heat', 'cold', 'sun',
  'dehydration', 'hypothermia', 'cancer', 'disease', 'virus', 'bacteria', 'infection', 'sepsis', 'stress',
  'chicken', 'pork', 'meat', 'fish', 'mushrooms', 'berries', 'food', 'water', 'diet', 'mould', 'mold',
  'fall', 'speed', 'electricity', 'current', 'voltage', 'shock', 'exposure', 'lack', 'boredom', 'job',
  'commute', 'bleach', 'ammonia', 'chemicals', 'paracetamol', 'acetaminophen', 'ibuprofen',
  'aspirin', 'opioids', 'fentanyl', 'heroin', 'cocaine', 'asbestos', 'lead', 'mercury', 'arsenic',
  // Events and forces: "a short squeeze can wipe them out", "the recession will kill us".
  'squeeze', 'crash', 'recession', 'inflation', 'downturn', 'market', 'storm', 'flood', 'hurricane',
  'earthquake', 'fire', 'pandemic', 'famine', 'drought', 'tide', 'avalanche', 'wave',
]);
/** Words a question opens with ("Can too much vitamin D kill you?", "How much caffeine would kill you?"). */
const ASKING = new Set(['can', 'could', 'will', 'would', 'does', 'do', 'did', 'is', 'are', 'might', 'may', 'how', 'what', 'which']);
const GERUND = /^[a-z]{3,}ing$/;
/** Endings of nouns for conditions, states and processes ("pregnancy", "infection", "obesity", "exposure"). */
const ABSTRACT_NOUN = /^[a-z]{2,}(?:ancy|ency|ness|tion|sion|ity|ism|itis|osis|aemia|emia|oma|ure|ment|ance|ence)$/;
const NOT_GERUNDS = new Set(['nothing', 'something', 'anything', 'everything', 'king', 'thing', 'sibling', 'darling', 'viking', 'ring', 'sling', 'morning', 'evening']);

/**
 * Whether the violent verb at token `verb` has a thing for its subject: "smoking will kill you",
 * "can eating raw chicken kill you?", "how much caffeine would kill you?", "an untreated ectopic
 * pregnancy can kill you". A health or safety question about what is lethal, not a threat. The
 * subject is the first word before the verb past modals, auxiliaries and adverbs: a person there
 * ("I'll kill you", "my brother will kill you"), or nothing ("Kill you all"), keeps the threat; a
 * pronoun for a thing, a hazard, a gerund, a thing or a condition's noun does not, nor, in a
 * question asked (opening on "can", "does", "how" …), any other word that names no person
 * ("can too much vitamin D kill you?").
 */
export function killedByThing(a: TextAnalysis, verb: number): boolean {
  const toks = a.tokens;
  const sentence = toks[verb].sentence;
  for (let k = verb - 1; k >= 0 && toks[k].sentence === sentence; k--) {
    const w = toks[k].norm;
    if (BETWEEN.has(w)) continue;
    if (isPerson(a, k) || /^(?:i|i'll|i'm|we|we'll|he|he'll|she|she'll|they|they'll|you|u|who|whoever)$/.test(w)) return false;
    if (/^(?:it|it'll|it's|that|this|which|what|these|those)$/.test(w) || HAZARDS.has(w) || (GERUND.test(w) && !NOT_GERUNDS.has(w)) || ABSTRACT_NOUN.test(w) || isThing(w)) return true;
    const s = a.sentences[sentence];
    return !VERBS.has(w) && ASKING.has(toks[s.tokenStart].norm) && /\?\s*$/.test(a.text.slice(s.start, s.end));
  }
  return false;
}

/** What the speaker calls their own ("my dumb brain", "my stupid fingers", "my idiot self"). */
const OWN_PARTS = new Set(['brain', 'brains', 'head', 'fingers', 'hands', 'eyes', 'memory', 'self', 'mind', 'mistake', 'fault', 'typo', 'question', 'questions']);
/** A question the asker belittles before asking it ("sorry if this is a stupid question, but …", "stupid question, but …"). */
const OWN_QUESTION = /\b(?:sorry|apolog\w*|forgive|pardon|might be|may be|probably|maybe|possibly|this is|if this is)\b[^.?!]{0,20}\b(?:stupid|dumb|silly|daft|idiotic)\s+questions?\b|^\W*(?:stupid|dumb|silly|daft|idiotic) questions?\s*,/i;

/**
 * Whether the insult word at token `k` is the speaker's of themselves: "my dumb brain", "dumb me",
 * "idiot me", a question they belittle before asking it. Self-deprecation, common in support
 * chats, insults nobody.
 */
export function selfAimed(a: TextAnalysis, k: number): boolean {
  const toks = a.tokens;
  const next = toks[k + 1]?.sentence === toks[k].sentence ? toks[k + 1].norm : '';
  if (next === 'me') return true;
  if (toks[k - 1]?.norm === 'my' && OWN_PARTS.has(next)) return true;
  return next === 'question' || next === 'questions' ? OWN_QUESTION.test(sentenceTextAt(a, toks[k].start)) : false;
}

/** Names that tease with affection or praise ("you sly dog", "you lucky devil", "you cheeky monkey"). */
const AFFECTIONATE = new Set(['sly dog', 'lucky dog', 'old dog', 'top dog', 'cheeky dog', 'clever dog', 'lucky devil', 'clever devil', 'cheeky devil', 'handsome devil', 'sly devil', 'lucky bastard', 'cheeky monkey', 'cheeky sod', 'lucky sod', 'sly fox', 'silver fox', 'crazy genius', 'mad genius', 'evil genius']);

/** Whether the insult word at token `k` closes an affectionate name with the word before it. */
export function affectionate(a: TextAnalysis, k: number): boolean {
  const prev = a.tokens[k - 1];
  return !!prev && prev.sentence === a.tokens[k].sentence && AFFECTIONATE.has(`${prev.norm} ${a.tokens[k].norm}`);
}

/**
 * Whether the capitalised word at token `k` (read as a name) modifies a plural noun after it
 * rather than naming the object itself: "get rid of the Christmas decorations", "burn the
 * Halloween costumes". The next word, in the same sentence and in lower case, is a plural that
 * names no person ("the Muslim families" do).
 */
export function modifiesThing(a: TextAnalysis, k: number): boolean {
  const next = a.tokens[k + 1];
  if (!a.tokens[k].cap || !next || next.sentence !== a.tokens[k].sentence || next.cap || !/^[a-z]{3,}s$/.test(next.norm) || /(?:ness|ss|us|is)$/.test(next.norm)) return false;
  return !isPerson(a, k + 1) && !nounForms(next.norm).some((form) => PERSON_TARGETS.has(form));
}
