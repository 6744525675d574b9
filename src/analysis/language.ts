/**
 * Which European language a turn is written in, when it is clearly not English: counted from
 * function words (articles, pronouns, prepositions, greetings) written for Chatlens. The word
 * lists of the toxicity rules are English; a few of their words are ordinary words elsewhere
 * (French "en retard" is late, Spanish "negro" is black, German "Abo" a subscription and "dick"
 * thick), and a turn in that language uses them in that sense.
 */

export type OtherLanguage = 'fr' | 'es' | 'pt' | 'de' | 'it' | 'nl';

const FUNCTION_WORDS: Record<OtherLanguage | 'en', string> = {
  en: 'the and is are was you your my i it to of in for with not on this that can please thanks hello have has be',
  fr: 'le la les des du une un est et je vous nous pas pour avec sur dans que qui mon ma mes votre vos très merci bonjour ce cette il elle ne au aux suis êtes sont été de tu toi te vais va vas moi ça sais',
  es: 'el la los las un una es y que de en por para con no mi mis su sus yo usted quiero puedo hola gracias muy está este esta pero cómo qué lo eres voy vas te tu tú nos sé dónde',
  pt: 'o a os as um uma é e que de em para com não meu minha você olá obrigado obrigada muito está isso do da dos das no na te tu vou vai sou és sei onde seu sua',
  de: 'der die das und ist ich sie nicht mit ein eine einen mein meine ihr ihre bitte danke zu auf für von wir es den dem habe hat sind kann können du dich bist mich mir wo weiß auch noch schon doch',
  it: 'il lo la gli le un una è e che di non per con mio mia sono grazie ciao molto questo questa ho ha del della tu ti sei te vai anche perché cosa mi',
  nl: 'de het een en is ik niet met van voor mijn jij u wij dat dit op zijn bedankt hallo graag kan heb je jou jullie waar ook maar mij weet',
};

const INDEX = new Map<string, (OtherLanguage | 'en')[]>();
for (const [lang, words] of Object.entries(FUNCTION_WORDS) as [OtherLanguage | 'en', string][]) {
  for (const w of words.split(' ')) INDEX.set(w, [...(INDEX.get(w) ?? []), lang]);
}

/** Function words a turn needs in a language, and more than in English, to be read as written in it. */
const MIN_WORDS = 2;

/**
 * French (and Italian) elision, "t'es", "qu'un", "j'ai", "c'è", "l'idiota": the letter counts as a
 * function word, since the \p{L}+ words of a turn leave it on its own ("t", "es").
 */
const ELISION = /(?<!\p{L})(qu|[jtmnscld])['’](?=\p{L})/giu;
const ELISION_LANGS: Record<string, (OtherLanguage | 'en')[]> = { c: ['fr', 'it'], l: ['fr', 'it'], d: ['fr', 'it'] };

/** How many function words of each language `text` has (English included). */
export function languageCounts(text: string): Map<OtherLanguage | 'en', number> {
  const counts = new Map<OtherLanguage | 'en', number>();
  const lower = text.toLowerCase();
  for (const w of lower.match(/\p{L}+/gu) ?? []) for (const lang of INDEX.get(w) ?? []) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  if (lower.includes("'") || lower.includes('’')) {
    for (const m of lower.matchAll(ELISION)) for (const lang of ELISION_LANGS[m[1]] ?? ['fr']) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  return counts;
}

/**
 * The language of `counts` when it is clearly one of the six and not English: the most function
 * words, at least `min`, and more than English ones. Ties go to the language counted first.
 */
export function pickLanguage(counts: Map<OtherLanguage | 'en', number>, min = MIN_WORDS): OtherLanguage | null {
  let best: OtherLanguage | null = null;
  let most = 0;
  for (const [lang, n] of counts) if (lang !== 'en' && n > most) [best, most] = [lang, n];
  return best && most >= min && most > (counts.get('en') ?? 0) ? best : null;
}

/** The language `text` is written in when it is clearly one of the six and not English; else null. */
export function otherLanguage(text: string): OtherLanguage | null {
  return pickLanguage(languageCounts(text));
}
