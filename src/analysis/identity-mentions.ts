/**
 * Where a turn names a group of people (`TextAnalysis.identities`): the identity terms of
 * lexicons.ts found in its tokens, less the uses of those words that name no group ("so yours is
 * older", "illegal in France", "my kids", "men's shoes", "native to Chile", "poor signal").
 */
import { IDENTITY_TERMS, type IdentityGroup, PRODUCT_NOUNS, homonymContext } from './lexicons.js';
import type { Token } from './tokens.js';

/** A group named in a turn (the offsets point into the original text, as every mention's do). */
export interface IdentityMention {
  start: number;
  end: number;
  /** The term as listed, lower case ("gay people", "women"). */
  value: string;
  sentence: number;
  group: IdentityGroup;
  /** Token index of the term's first token. */
  token: number;
}

/** First words of the two-word identity terms: a pair string is only built after one of them. */
const IDENTITY_FIRST_WORDS = new Set([...IDENTITY_TERMS.keys()].filter((k) => k.includes(' ')).map((k) => k.slice(0, k.indexOf(' '))));

const COMPARED_AGE = new Set(['older', 'younger']);
const COPULAS = new Set(['is', 'are', 'was', 'were', 'be', 'been', "'s"]);
const DEGREE = new Set(['much', 'bit', 'a', 'slightly', 'far', 'even', 'little', 'lot', 'years', 'months']);

/**
 * "older" or "younger" said of one thing after a verb ("so yours is older", "the laptop was
 * younger than …"): two things' ages compared, no age group. Not after "who" or "that" ("people
 * who are older …" name a group).
 */
function comparedAge(tokens: Token[], i: number): boolean {
  if (!COMPARED_AGE.has(tokens[i].norm)) return false;
  let k = i - 1;
  while (k >= 0 && (DEGREE.has(tokens[k].norm) || /^\d/.test(tokens[k].norm))) k--;
  if (k < 0 || !COPULAS.has(tokens[k].norm)) return false;
  const before = tokens[k - 1]?.norm;
  return before !== 'who' && before !== 'that';
}

/** Identity terms that are places: a country named, or "the country" itself. */
const PLACES = new Set([
  'country', 'countries', 'germany', 'france', 'italy', 'ireland', 'england', 'britain', 'scotland', 'poland',
  'canada', 'australia', 'japan', 'korea', 'vietnam', 'iran', 'iraq', 'afghanistan', 'pakistan', 'syria',
  'nigeria', 'somalia', 'haiti', 'cuba', 'brazil', 'russia', 'china', 'mexico', 'africa', 'india',
]);
/** Prepositions that make a place the setting of a sentence ("illegal in France", "across the country"). Not "from": "people from Mexico" are a group. */
const LOCATIVE = new Set(['in', 'across', 'throughout', 'around', 'outside', 'within', 'inside', 'to', 'into', 'over']);
/** What may stand between the preposition and the place ("in most of the country", "across our whole country"). */
const PLACE_DETERMINERS = new Set(['the', 'this', 'that', 'our', 'your', 'their', 'my', 'most', 'much', 'all', 'many', 'some', 'parts', 'part', 'rest', 'of', 'every', 'each', 'other', 'whole', 'entire', 'rural', 'northern', 'southern', 'eastern', 'western', 'central']);

/** Words naming the people of a place ("people in this country", "everyone in France"). */
const RESIDENTS = new Set(['people', 'folks', 'everyone', 'everybody', 'anyone', 'anybody', 'nobody', 'residents', 'citizens', 'locals', 'men', 'women', 'kids', 'children', 'workers', 'families', 'voters', 'person', 'guys', 'youth']);

/**
 * A place named as the setting of a sentence ("Cannabis is illegal in France", "Public transport
 * is cheap in most countries"): where something holds, not a group of people described. "The whole
 * country is lazy", "people in this country" and "people from Mexico" still name people.
 */
function placeOnly(tokens: Token[], i: number): boolean {
  if (!PLACES.has(tokens[i].norm)) return false;
  let k = i - 1;
  while (k >= 0 && i - k <= 4 && PLACE_DETERMINERS.has(tokens[k].norm)) k--;
  if (k < 0 || !LOCATIVE.has(tokens[k].norm) || tokens[k].sentence !== tokens[i].sentence) return false;
  // "people in this country": its residents, a group.
  return !RESIDENTS.has(tokens[k - 1]?.norm ?? '');
}

/**
 * "My kids", "your children", "you guys": particular people, or the reader addressed, not an age
 * or gender group. Only these everyday words: "my brother and my sister" stay a gender pair the
 * question-answering reading compares (qa-bias.ts), and "our women" can be a group.
 */
function someoneOwn(tokens: Token[], i: number): boolean {
  const before = tokens[i - 1]?.norm;
  if (tokens[i].norm === 'guys' || tokens[i].norm === 'gals') return before === 'you' || before === "y'all";
  return (before === 'my' || before === 'your' || before === 'his' || before === 'her') && EVERYDAY_PEOPLE.has(tokens[i].norm);
}
const EVERYDAY_PEOPLE = new Set(['kid', 'kids', 'child', 'children', 'elder', 'elders']);

/**
 * "Men's shoes", "women's sizes", "disabled parking", "the black model": a group word naming a
 * range of goods or a facility, not people. Only right before one of PRODUCT_NOUNS.
 */
function namesAProduct(tokens: Token[], i: number): boolean {
  return PRODUCT_NOUNS.has(tokens[i + 1]?.norm ?? '') && tokens[i + 1].sentence === tokens[i].sentence && !PERSONAL_PRONOUNS.has(tokens[i].norm);
}
/**
 * "My old phone", "old bank statements", "the young plants": an age word before a thing (or one
 * word and a thing) describes the thing. Things a support turn names, beyond PRODUCT_NOUNS.
 */
function agedThing(tokens: Token[], i: number): boolean {
  if (!AGE_WORDS.has(tokens[i].norm)) return false;
  for (const k of [i + 1, i + 2]) {
    const t = tokens[k];
    if (!t || t.sentence !== tokens[i].sentence) return false;
    if (AGED_THINGS.has(t.norm) || PRODUCT_NOUNS.has(t.norm)) return true;
  }
  return false;
}
const AGE_WORDS = new Set(['old', 'older', 'young', 'younger']);
const AGED_THINGS = new Set([
  'statement', 'statements', 'receipt', 'receipts', 'bill', 'bills', 'invoice', 'invoices', 'document', 'documents',
  'file', 'files', 'record', 'records', 'photo', 'photos', 'picture', 'pictures', 'letter', 'letters', 'email', 'emails',
  'message', 'messages', 'account', 'accounts', 'password', 'passwords', 'address', 'number', 'phone', 'phones', 'laptop',
  'computer', 'device', 'devices', 'router', 'model', 'models', 'car', 'cars', 'house', 'flat', 'furniture', 'books',
  'clothes', 'stuff', 'data', 'backup', 'backups', 'post', 'posts', 'app', 'software', 'plants', 'plant', 'tree', 'trees',
  'wine', 'cheese', 'code', 'system', 'systems', 'order', 'orders', 'bank', 'sim', 'contract', 'plan', 'tariff',
]);

/** "Her shoes", "his shirt": a person's things, and the person still counts. The gender words that are pronouns. */
export const PERSONAL_PRONOUNS = new Set(['he', 'she', 'his', 'her', 'hers', 'him']);

/** "Native to Chile", "a native speaker": where something comes from, not Native peoples. */
function nativeOf(tokens: Token[], i: number): boolean {
  return tokens[i].norm === 'native' && NATIVE_OF.has(tokens[i + 1]?.norm ?? '');
}
const NATIVE_OF = new Set(['to', 'speaker', 'speakers', 'language', 'languages', 'plant', 'plants', 'species', 'habitat', 'range', 'app', 'apps', 'code', 'format', 'resolution', 'support', 'integration']);

/**
 * "Poor" said of a thing, not of people: before a thing's name ("poor signal", "poor sleep",
 * "poor quality"), or said of one after a copula ("your stay was so poor", "the reception is
 * poor"). Only the things listed: people are named in too many ways ("poor salesman", "the owners
 * were poor") to tell them apart otherwise, so "poor" stays a group word everywhere else.
 */
export function poorThing(tokens: readonly Token[], i: number): boolean {
  if (tokens[i].norm !== 'poor') return false;
  const next = tokens[i + 1];
  if (next && next.sentence === tokens[i].sentence && POOR_THINGS.has(next.norm)) return true;
  // Said after a copula, of a thing.
  let k = i - 1;
  while (k >= 0 && tokens[k].sentence === tokens[i].sentence && POOR_DEGREE.has(tokens[k].norm)) k--;
  if (k < 1 || tokens[k].sentence !== tokens[i].sentence || !POOR_COPULAS.has(tokens[k].norm)) return false;
  const subject = tokens[k - 1];
  return subject.sentence === tokens[i].sentence && (POOR_THINGS.has(subject.norm) || POOR_SUBJECTS.has(subject.norm));
}
const POOR_THINGS = new Set([
  'signal', 'signals', 'sleep', 'quality', 'service', 'connection', 'connectivity', 'reception', 'coverage', 'performance', 'experience',
  'communication', 'visibility', 'weather', 'hygiene', 'diet', 'nutrition', 'health', 'eyesight', 'vision', 'hearing', 'memory',
  'posture', 'circulation', 'judgement', 'judgment', 'choice', 'choices', 'decision', 'decisions', 'planning', 'management', 'design',
  'workmanship', 'result', 'results', 'grades', 'grade', 'value', 'condition', 'conditions', 'state', 'battery', 'sound', 'audio', 'image',
  'picture', 'video', 'lighting', 'light', 'ventilation', 'insulation', 'drainage', 'soil', 'harvest', 'form', 'spelling', 'grammar',
  'writing', 'translation', 'documentation', 'instructions', 'taste', 'timing', 'credit', 'rating', 'ratings', 'reviews', 'review',
  'feedback', 'wifi', 'internet', 'network', 'speed', 'support', 'response', 'attendance', 'turnout', 'appetite', 'concentration', 'sales',
  'returns', 'return', 'investment', 'security', 'fit', 'build', 'packaging', 'delivery', 'stay', 'food', 'room', 'rooms', 'care',
  'customer', 'job', 'work', 'effort', 'answer', 'answers', 'explanation', 'advice', 'maintenance', 'repair', 'repairs', 'air', 'water',
  'resolution', 'accuracy', 'reliability', 'stability', 'handling', 'organisation', 'organization', 'shape', 'showing', 'start',
]);
/** Subjects of "… was poor" that are no one: "it was poor", "everything was poor". */
const POOR_SUBJECTS = new Set(['it', 'this', 'that', 'everything', 'things', 'which', 'stay', 'food', 'room']);
const POOR_DEGREE = new Set(['so', 'very', 'too', 'really', 'quite', 'pretty', 'rather', 'extremely', 'incredibly', 'absolutely', 'particularly', 'fairly', 'a', 'bit', 'little', 'equally', 'just', 'also', 'always', 'often', 'still', 'generally', 'usually']);
const POOR_COPULAS = new Set(['is', 'are', 'was', 'were', 'been', 'be', "'s", 'seems', 'seemed', 'looks', 'looked', 'remains', 'remained', 'feels', 'felt', 'sounds', 'sounded']);

/** A slur's harmless homonym, told by the turn ("faggots in gravy", "the dyke held back the flood"): no group. */
function homonymUsed(tokens: Token[], i: number, text: string): boolean {
  return homonymContext(tokens[i].norm)?.test(text) ?? false;
}

/**
 * Group words in set phrases that name no one, read around the word itself (so "egg whites" in
 * a recipe does not excuse "whites" elsewhere in the turn): egg whites and laundry whites, being
 * robbed blind, a blind spot or a double-blind trial, weight lost or lifted, a short walk or
 * short notice, black beans and white rice, a straight answer.
 */
const SET_PHRASES = new Map<string, RegExp>([
  ['whites', /\begg[- ]whites\b|\bwhites (?:and|&) (?:colou?rs|darks)\b|\b(?:wash|washing|separate|bleach|bleaching) (?:the |your |all |my )?whites\b|\bwhites of (?:the|his|her|their|your|my) eyes\b/i],
  ['blind', /\brob(?:bed|s|bing)? (?:\w+ )?blind\b|\bblind (?:spots?|dates?|tasting|tests?|trials?|corners?|alley|side|copy|faith|panic|rage|drunk)\b|\b(?:double|single|triple)[- ]blind\b|\ba blind eye\b/i],
  ['short', /\bin short\b|\bshort (?:of|on|notice|term|list|answer|story|stories|version|videos?|clips?|form|break|walk|drive|trip|distance|period|time|while|window|wait|delay|call|chat|meetings?|note|message|summary|description|course|sleeves?|film|(?:weekly|daily|monthly|quick|one-off) \w+)\b|\b(?:fall|falls|fell|falling|cut|cuts|come|came|coming|run|ran|running) short\b/i],
  ['black', /\bblack (?:hats?|beans?|pepper|tea|coffee|olives?|rice|pudding|friday|holes?|market|box|boxes|list|belt|ice|mou?ld|and white|screen|out|mirror|dress|shirt|shoes|jeans|jacket|paint|ink|cab|cabs|car)\b/i],
  ['white', /\bwhite (?:hats?|rice|bread|wine|sugar|flour|beans?|pepper|tea|chocolate|board|noise|paper|list|house|space|screen|goods|lie|dress|shirt|shoes|paint|ink)\b/i],
  ['straight', /\bstraight (?:answers?|away|lines?|talk|to|after|ahead|on|up|out|forward|face|razor|shot|through|home|back|down|into|from|off|edge|hair|jacket|flush|a's|as|for|in)\b|\b(?:go|goes|went|come|came|get|got|set|keep|kept|think|thinking|sit|sat|stand|stood|walk|walked|drive|drove) straight\b/i],
  ['weight', /\bweight[- ](?:loss|gain|training|lifting|lifter|limits?|room|bench|class|allowance|watchers)\b|\b(?:lose|loses|losing|lost|gain|gains|gaining|gained|lift|lifts|lifting|put on|putting on) (?:some |the |extra |more |a little |a lot of |any )?weight\b/i],
]);

function setPhrase(tokens: Token[], i: number, text: string): boolean {
  const re = SET_PHRASES.get(tokens[i].norm);
  if (!re) return false;
  const from = Math.max(0, tokens[i].start - 24);
  return re.test(text.slice(from, tokens[i].end + 24));
}

/** Animals whose names are also slurs for people ("vermin", "rats", "animals"). */
const ANIMAL_NAMES = new Set(['animal', 'animals', 'pig', 'pigs', 'rat', 'rats', 'ape', 'apes', 'monkey', 'monkeys', 'cockroach', 'cockroaches', 'roaches', 'lice', 'pests', 'maggots', 'beasts', 'creatures', 'vermin', 'leeches', 'dogs', 'cows', 'goats']);
/** Food, farming and keeping: the sentence is about animals as animals. */
const ANIMAL_LIFE = new Set(['eat', 'eats', 'eaten', 'eating', 'ate', 'meat', 'meats', 'pork', 'bacon', 'beef', 'kosher', 'halal', 'dietary', 'farm', 'farms', 'farmed', 'farming', 'farmer', 'farmers', 'livestock', 'slaughter', 'slaughtered', 'zoo', 'zoos', 'pet', 'pets', 'vet', 'vets', 'wildlife', 'species', 'hunt', 'hunting', 'hunted', 'feed', 'feeds', 'fed', 'feeding']);
/** Words right before an animal's name that make it said of someone ("they are animals", "like rats"). */
const SAID_OF = new Set(['are', 'is', 'was', 'were', 'be', 'been', 'like', 'as', "they're", 'theyre', "you're", 'filthy', 'dirty', 'those', 'these', 'such']);

/**
 * An animal's name used for the animal ("the Torah lists pigs among animals that may not be
 * eaten", "rats on the farm"): the sentence speaks of food, farming or keeping animals, and the
 * word is not said of anyone ("they are animals", "like rats").
 */
export function literalAnimal(tokens: readonly Token[], i: number): boolean {
  if (!ANIMAL_NAMES.has(tokens[i].norm)) return false;
  // "Cows as sacred animals", "pigs among animals": a kind of animal named first is not someone.
  let kind = false;
  for (let k = i - 1; k >= Math.max(0, i - 3) && tokens[k].sentence === tokens[i].sentence; k--) if (ANIMAL_NAMES.has(tokens[k].norm)) kind = true;
  if (!kind) for (let k = i - 1; k >= Math.max(0, i - 2) && tokens[k].sentence === tokens[i].sentence; k--) if (SAID_OF.has(tokens[k].norm)) return false;
  for (let k = i - 1; k >= 0 && tokens[k].sentence === tokens[i].sentence; k--) if (ANIMAL_LIFE.has(tokens[k].norm)) return true;
  for (let k = i + 1; k < tokens.length && tokens[k].sentence === tokens[i].sentence; k++) if (ANIMAL_LIFE.has(tokens[k].norm)) return true;
  return false;
}

/** Words after which "pretty" describes someone's looks: a person named, or the adjective's clause ending. */
const LOOKS_AFTER = new Set(['and', 'or', 'but', 'girl', 'girls', 'woman', 'women', 'lady', 'ladies', 'boy', 'boys', 'face', 'faces', 'people', 'person', 'one', 'ones', 'privilege', 'young', 'little', 'blonde', 'blond']);
const LOOKS_BEFORE = new Set(['a', 'an', 'the', 'so', 'very', 'too', 'really', 'such', 'some', 'those', 'these', 'most', 'more', 'less', 'how']);

/** "Pretty" as a degree word ("the lights are pretty dim", "pretty sure", "must be pretty good"), not looks. */
function degreeWord(tokens: Token[], i: number): boolean {
  if (tokens[i].norm !== 'pretty') return false;
  const next = tokens[i + 1];
  if (!next || next.sentence !== tokens[i].sentence || LOOKS_AFTER.has(next.norm) || !/^[a-z]/.test(next.norm)) return false;
  const prev = tokens[i - 1];
  return !prev || prev.sentence !== tokens[i].sentence || !LOOKS_BEFORE.has(prev.norm);
}

export function findIdentities(tokens: Token[], text: string): IdentityMention[] {
  const out: IdentityMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const two = i + 1 < tokens.length && IDENTITY_FIRST_WORDS.has(tokens[i].norm) ? `${tokens[i].norm} ${tokens[i + 1].norm}` : '';
    const pair = two ? IDENTITY_TERMS.get(two) : undefined;
    // "The plus size range": a pair naming a product, as a single word can (namesAProduct).
    if (pair && !(two === 'the poor' && poorThing(tokens, i + 1)) && !namesAProduct(tokens, i + 1)) {
      out.push({ start: tokens[i].start, end: tokens[i + 1].end, value: two, sentence: tokens[i].sentence, group: pair, token: i });
      i++;
      continue;
    }
    const single = IDENTITY_TERMS.get(tokens[i].norm);
    if (single && (comparedAge(tokens, i) || placeOnly(tokens, i) || nativeOf(tokens, i) || someoneOwn(tokens, i) || namesAProduct(tokens, i) || poorThing(tokens, i) || agedThing(tokens, i) || homonymUsed(tokens, i, text) || setPhrase(tokens, i, text) || degreeWord(tokens, i))) continue;
    if (single) out.push({ start: tokens[i].start, end: tokens[i].end, value: tokens[i].norm, sentence: tokens[i].sentence, group: single, token: i });
  }
  return out;
}

