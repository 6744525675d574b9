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
  fr: 'le la les des du une un est et je vous nous pas pour avec sur dans que qui mon ma mes votre vos très merci bonjour ce cette il elle ne au aux suis êtes sont été',
  es: 'el la los las un una es y que de en por para con no mi mis su sus yo usted quiero puedo hola gracias muy está este esta pero cómo qué lo',
  pt: 'o a os as um uma é e que de em para com não meu minha você olá obrigado obrigada muito está isso do da dos das no na',
  de: 'der die das und ist ich sie nicht mit ein eine einen mein meine ihr ihre bitte danke zu auf für von wir es den dem habe hat sind kann können',
  it: 'il lo la gli le un una è e che di non per con mio mia sono grazie ciao molto questo questa ho ha del della',
  nl: 'de het een en is ik niet met van voor mijn jij u wij dat dit op zijn bedankt hallo graag kan heb',
};

const INDEX = new Map<string, (OtherLanguage | 'en')[]>();
for (const [lang, words] of Object.entries(FUNCTION_WORDS) as [OtherLanguage | 'en', string][]) {
  for (const w of words.split(' ')) INDEX.set(w, [...(INDEX.get(w) ?? []), lang]);
}

/** Function words a turn needs in a language, and more than in English, to be read as written in it. */
const MIN_WORDS = 2;

/** The language `text` is written in when it is clearly one of the six and not English; else null. */
export function otherLanguage(text: string): OtherLanguage | null {
  const counts = new Map<string, number>();
  for (const w of text.toLowerCase().match(/\p{L}+/gu) ?? []) for (const lang of INDEX.get(w) ?? []) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  let best: OtherLanguage | null = null;
  let most = 0;
  for (const [lang, n] of counts) if (lang !== 'en' && n > most) [best, most] = [lang as OtherLanguage, n];
  return best && most >= MIN_WORDS && most > (counts.get('en') ?? 0) ? best : null;
}
