/**
 * Offline checks of the references in a turn: each entry is checked against itself, with no
 * lookup. An invented or altered reference often breaks its own rules: a DOI that is not a DOI,
 * an ISBN whose check digit is wrong, an arXiv id that cannot exist or whose date disagrees with
 * the year given for the preprint, a venue cited for a year before it existed, a DOI registered by
 * another publisher than the venue's, a DOI whose own year or proceedings disagree with the
 * entry's, a page range that runs backwards, one identifier given to two different works. Pure
 * and deterministic (no clock: "a year in the future" is not checked).
 */
import { escapeRegExp } from '../../lib/regexp.js';
import { DOI_PUBLISHERS, VENUES, type Venue } from './venues.js';

export interface ReferenceProblem {
  /** Offsets of the offending field in the text. */
  start: number;
  end: number;
  why: string;
  score: number;
}

export interface ReferenceEntry {
  start: number;
  end: number;
  text: string;
  years: { value: number; start: number; end: number }[];
  dois: { value: string; start: number; end: number }[];
  arxiv: { yymm: string; number: string; start: number; end: number }[];
  venues: Venue[];
}

const DOI = /\b(10\.\d{4,9})\/([^\s"<>,;]+[^\s"<>,;.)\]])/g;
/** "doi: 10.…", "DOI 10.…": the label, not the host of a link ("https://doi.org/10.…", "dx.doi.org"). */
const DOI_LABEL = /(?<![./])\bdoi(?![.\w])\s*[:=]?\s*(?:https?:\/\/(?:dx\.)?doi\.org\/)?([^\s,;]+)/gi;
const ARXIV = /\barxiv(?:\s*preprint)?(?:\s*arxiv)?\s*[:.]?\s*(?:abs\/)?(\d{4})\.(\d{4,5})(?:v\d+)?\b/gi;
const ARXIV_DOI = /\b10\.48550\/arxiv\.(\d{4})\.(\d{4,5})\b/gi;
const ISBN = /\bISBN(?:-1[03])?\s*:?\s*([0-9][0-9 -]{8,16}[0-9Xx])\b/g;
const YEAR = /(?<![\d./-])(1[5-9]\d\d|20\d\d)(?![\d/-])/g;
const PAGES = /\bpp?\.\s*(\d{1,5})\s*[-–—]\s*(\d{1,5})\b/g;
/**
 * Lines that look like a reference: an identifier or venue words (REFERENCE_WORDS), or a line
 * opening with authors ("Kim, H. Title …", "Kim, H., Lee, J. and Park, S. (2020). Title …").
 */
const REFERENCE_WORDS = /\b(?:doi|arxiv|isbn|proceedings|proc\.|journal|conference|vol\.|pp\.|et al\.?|in:|press|transactions)\b|\b10\.\d{4,9}\//iu;
/**
 * REFERENCE_WORDS without the `u` flag: V8 runs the case-insensitive unicode form about 8× slower
 * (5 µs against 0.6 µs on a 300-character line, every line of every assistant turn). For these
 * ASCII words the two differ only on "ſ" (U+017F) and the Kelvin sign (U+212A), which unicode
 * case folding reads as "s" and "k"; lines with neither take this one.
 */
const REFERENCE_WORDS_ASCII = new RegExp(REFERENCE_WORDS.source, 'i');
const FOLDS_TO_ASCII = /[\u017f\u212a]/;
const REFERENCE_AUTHORS = /^\s*(?:(?:\[\d{1,3}\]|\d{1,3}\.)\s+)?\p{Lu}[\p{L}'-]+,\s*(?:\p{Lu}\.\s*){1,3}(?:,?\s*(?:(?:and|&)\s+)?\p{Lu}[\p{L}'-]+,?\s*(?:\p{Lu}\.\s*){0,3}){0,8}(?:et al\.?\s*)?\(?(?:\d{4}\)?\.?\s*)?\p{Lu}/iu;

function referenceLike(line: string): boolean {
  const words = FOLDS_TO_ASCII.test(line) ? REFERENCE_WORDS : REFERENCE_WORDS_ASCII;
  return words.test(line) || REFERENCE_AUTHORS.test(line);
}

/** A match of one of `names` as a venue (an exact name capitalised and standing alone; see `Venue.exact`). */
function venuePattern(names: string[], exact: boolean): RegExp {
  return exact
    ? new RegExp(`(?:^|[.,;]\\s*|\\bIn:?\\s+)(?:${names.map((n) => escapeRegExp(n[0].toUpperCase() + n.slice(1))).join('|')})(?=\\s*(?:[,.;(]|\\d|vol|$))`)
    : new RegExp(`(?:^|[^a-z])(?:${names.map(escapeRegExp).join('|')})(?:$|[^a-z])`);
}
const VENUE_RE = new Map<Venue, RegExp>(VENUES.map((v) => [v, venuePattern(v.names, !!v.exact)]));
/**
 * Every venue's names in one alternation, the exact ones and the others apart: an entry that
 * matches neither names no venue and skips the 36 single tests (most entries name none).
 */
const ANY_EXACT_VENUE = venuePattern(VENUES.filter((v) => v.exact).flatMap((v) => v.names), true);
const ANY_OTHER_VENUE = venuePattern(VENUES.filter((v) => !v.exact).flatMap((v) => v.names), false);

/** The reference entries of a text: its lines (or numbered items) that look like references. */
export function referenceEntries(text: string): ReferenceEntry[] {
  const out: ReferenceEntry[] = [];
  let pos = 0;
  for (const line of text.split('\n')) {
    const start = pos;
    pos += line.length + 1;
    if (!referenceLike(line)) continue;
    // Several numbered references on one line ("[1] … [2] …") are separate entries.
    const parts: [number, number][] = [];
    const marks = [...line.matchAll(/(?:^|\s)(?:\[\d{1,3}\]|\d{1,3}\.)\s+(?=[A-Z"“])/g)].map((m) => m.index);
    if (marks.length > 1) marks.forEach((m, i) => parts.push([m, i + 1 < marks.length ? marks[i + 1] : line.length]));
    else parts.push([0, line.length]);
    for (const [s, e] of parts) out.push(parseEntry(text, start + s, start + e));
  }
  return out;
}

function parseEntry(text: string, start: number, end: number): ReferenceEntry {
  const t = text.slice(start, end);
  const entry: ReferenceEntry = { start, end, text: t, years: [], dois: [], arxiv: [], venues: [] };
  for (const m of t.matchAll(DOI)) entry.dois.push({ value: `${m[1]}/${m[2]}`.toLowerCase(), start: start + m.index, end: start + m.index + m[0].length });
  const idSpans: [number, number][] = entry.dois.map((d) => [d.start - start, d.end - start]);
  for (const re of [ARXIV, ARXIV_DOI]) {
    for (const m of t.matchAll(re)) {
      if (entry.arxiv.some((x) => x.yymm === m[1] && x.number === m[2])) continue;
      entry.arxiv.push({ yymm: m[1], number: m[2], start: start + m.index, end: start + m.index + m[0].length });
      idSpans.push([m.index, m.index + m[0].length]);
    }
  }
  for (const m of t.matchAll(ISBN)) idSpans.push([m.index, m.index + m[0].length]);
  for (const m of t.matchAll(PAGES)) idSpans.push([m.index, m.index + m[0].length]);
  for (const m of t.matchAll(YEAR)) {
    if (idSpans.some(([s, e]) => m.index >= s && m.index < e)) continue;
    entry.years.push({ value: Number(m[1]), start: start + m.index, end: start + m.index + m[0].length });
  }
  const lower = t.toLowerCase();
  const exact = ANY_EXACT_VENUE.test(t);
  const other = ANY_OTHER_VENUE.test(lower);
  if (exact || other) for (const v of VENUES) if ((v.exact ? exact : other) && VENUE_RE.get(v)!.test(v.exact ? t : lower)) entry.venues.push(v);
  return entry;
}

/** ISBN-10 (mod 11) or ISBN-13 (mod 10, weights 1 and 3) check digit. */
export function isbnValid(raw: string): boolean {
  const s = raw.replace(/[\s-]/g, '').toUpperCase();
  if (/^\d{9}[\dX]$/.test(s)) {
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += (s[i] === 'X' ? 10 : Number(s[i])) * (10 - i);
    return sum % 11 === 0;
  }
  if (/^\d{13}$/.test(s)) {
    let sum = 0;
    for (let i = 0; i < 13; i++) sum += Number(s[i]) * (i % 2 ? 3 : 1);
    return sum % 10 === 0 && (s.startsWith('978') || s.startsWith('979'));
  }
  return false;
}

/** Whether an arXiv id of the 2007+ scheme can exist: a real month, 4 digits to 2014, 5 after. */
export function arxivIdValid(yymm: string, number: string): boolean {
  const yy = Number(yymm.slice(0, 2));
  const mm = Number(yymm.slice(2));
  if (mm < 1 || mm > 12 || yy < 7 || (yy === 7 && mm < 4)) return false;
  return number.length === (Number(yymm) >= 1501 ? 5 : 4);
}

/**
 * The year (and for conference proceedings the venue) some publishers write into their DOIs:
 * IEEE proceedings (10.1109/CVPR.2016.90), the ACL Anthology (10.18653/v1/2021.acl-long.1 and
 * the older N19-1423), Elsevier (10.1016/j.cell.2020.01.001), Nature Portfolio and Springer
 * journals (10.1038/s41586-021-03819-2). `exact`: the ACL Anthology's year is the proceedings'
 * year; elsewhere the DOI's year is when it was registered (IEEE writes it into its journals'
 * DOIs too: TPAMI.2016.2577031 appeared in 2017), so the entry may say a year either side.
 */
export function doiFacts(doi: string): { year: number; exact: boolean; venue?: string } | null {
  let m = /^10\.1109\/([a-z][a-z0-9-]*)\.((?:19|20)\d\d)\.\d+$/i.exec(doi);
  if (m) return { year: Number(m[2]), exact: false, venue: m[1].toLowerCase() };
  m = /^10\.18653\/v1\/((?:19|20)\d\d)\.([a-z]+)-/i.exec(doi);
  if (m) return { year: Number(m[1]), exact: true, venue: m[2].toLowerCase() };
  m = /^10\.18653\/v1\/([pden])(\d\d)-\d{4}$/i.exec(doi);
  if (m) return { year: 2000 + Number(m[2]), exact: true, venue: ACL_LETTERS[m[1].toLowerCase()] };
  m = /^10\.1016\/j\.[a-z][a-z.]*\.((?:19|20)\d\d)\.\d{1,2}\.\d+$/i.exec(doi);
  if (m) return { year: Number(m[1]), exact: false };
  m = /^10\.(?:1038|1007)\/s\d{5}-0(\d\d)-\d+(?:-[\dx])?$/i.exec(doi);
  if (m) return { year: 2000 + Number(m[1]), exact: false };
  return null;
}

/** The ACL Anthology's letters before 2020: P ACL, D EMNLP, N NAACL, E EACL. */
const ACL_LETTERS: Record<string, string> = { p: 'acl', d: 'emnlp', n: 'naacl', e: 'eacl' };

export function checkEntry(e: ReferenceEntry): ReferenceProblem[] {
  const out: ReferenceProblem[] = [];
  const problem = (s: number, en: number, why: string, score: number): void => void out.push({ start: s, end: en, why, score });
  for (const m of e.text.matchAll(DOI_LABEL)) {
    const v = m[1].replace(/[.)\]]+$/, '');
    if (!/^10\.\d{4,9}\/\S+$/.test(v)) problem(e.start + m.index, e.start + m.index + m[0].length, `"${v}" is not a valid DOI (a DOI is 10.<4-9 digits>/<suffix>).`, 0.8);
  }
  for (const m of e.text.matchAll(ISBN)) {
    if (!isbnValid(m[1])) problem(e.start + m.index, e.start + m.index + m[0].length, `ISBN ${m[1].trim()} fails its check digit.`, 0.8);
  }
  const arxivOnly = e.venues.length > 0 && e.venues.every((v) => v.names[0] === 'arxiv');
  for (const x of e.arxiv) {
    if (!arxivIdValid(x.yymm, x.number)) {
      problem(x.start, x.end, `arXiv id ${x.yymm}.${x.number} cannot exist (month ${x.yymm.slice(2)} of 20${x.yymm.slice(0, 2)}, ${x.number.length}-digit number).`, 0.8);
      continue;
    }
    const idYear = 2000 + Number(x.yymm.slice(0, 2));
    for (const y of e.years) {
      // A preprint cannot be older than its id; cited as a bare preprint it carries the id's year.
      if (y.value < idYear || (arxivOnly && y.value > idYear + 1)) {
        problem(y.start, y.end, `Year ${y.value} disagrees with arXiv id ${x.yymm}.${x.number} (posted ${idYear}).`, 0.75);
      }
    }
  }
  for (const v of e.venues) {
    for (const y of e.years) if (y.value < v.since) problem(y.start, y.end, `${v.names[0].toUpperCase()} did not exist in ${y.value} (first held or published ${v.since}).`, 0.75);
  }
  if (e.venues.length === 1 && e.venues[0].doi) {
    const v = e.venues[0];
    for (const d of e.dois) {
      const prefix = d.value.slice(0, d.value.indexOf('/'));
      if (!v.doi!.includes(prefix) && DOI_PUBLISHERS[prefix]) {
        problem(d.start, d.end, `DOI prefix ${prefix} belongs to ${DOI_PUBLISHERS[prefix]}, not to ${v.names[0].toUpperCase()}.`, 0.75);
      }
    }
  }
  // A DOI that carries its year or proceedings: the entry must agree with it.
  for (const d of e.dois) {
    const f = doiFacts(d.value);
    if (!f) continue;
    const far = (y: number): boolean => (f.exact ? y !== f.year : Math.abs(y - f.year) > 1);
    if (e.years.length && e.years.every((y) => far(y.value))) {
      problem(d.start, d.end, `DOI ${d.value} carries the year ${f.year}, not ${e.years[0].value}.`, 0.7);
      continue;
    }
    const named = f.venue ? VENUES.find((v) => v.names.includes(f.venue!)) : undefined;
    if (named) {
      // The venues the entry names outside its identifiers ("ICCV 2019. doi:10.1109/CVPR.2019.1");
      // a preprint server beside a proceedings DOI is the same paper's earlier version.
      const outside = e.text.slice(0, d.start - e.start) + ' ' + e.text.slice(d.end - e.start);
      const stated = VENUES.filter((v) => v !== named && v.names[0] !== 'arxiv' && VENUE_RE.get(v)!.test(v.exact ? outside : outside.toLowerCase()));
      if (stated.length && !VENUE_RE.get(named)!.test(outside.toLowerCase())) {
        problem(d.start, d.end, `DOI ${d.value} belongs to ${named.names[0].toUpperCase()}, not to ${stated[0].names[0].toUpperCase()}.`, 0.7);
      }
    }
  }
  for (const m of e.text.matchAll(PAGES)) {
    if (Number(m[1]) > Number(m[2]) && m[2].length >= m[1].length) problem(e.start + m.index, e.start + m.index + m[0].length, `Page range ${m[1]}–${m[2]} runs backwards.`, 0.7);
  }
  const distinctYears = new Set(e.years.map((y) => y.value));
  if (distinctYears.size > 2) problem(e.years[0].start, e.years[e.years.length - 1].end, 'One reference gives three different years.', 0.55);
  return out;
}

/** An author list at the start of an entry: "Kim, H., Lee, J. and Park, S.", "Kim, H. et al.", "H. Kim, J. Lee", then the year. */
const AUTHORS = /^\s*(?:\[\d{1,3}\]|\d{1,3}\.)?\s*(?:(?:\p{Lu}[\p{L}'-]+,\s*(?:\p{Lu}\.\s*(?:-\s*)?){1,3}|(?:\p{Lu}\.\s*(?:-\s*)?){1,3}\p{Lu}[\p{L}'-]+)[,;]?\s*(?:(?:and|&)\s+)?)+(?:et al\.?,?\s*)?(?:\(?(?:1[5-9]|20)\d\d[a-z]?\)?[.,:]?\s*)?/u;

/**
 * The title of a reference entry: the quoted title, or the words after the author list (and
 * year) up to the next full stop ("Kim, H. (2019). Graph methods for proteins. Nature." → "Graph
 * methods for proteins"); without an author list, the longest sentence after the first.
 */
export function entryTitle(entry: string): string {
  const quoted = /["“]([^"”]{12,200})["”]/.exec(entry);
  if (quoted) return quoted[1].replace(/[.,;:]+$/, '');
  const authors = AUTHORS.exec(entry);
  if (authors && authors[0].trim()) {
    const rest = entry.slice(authors[0].length);
    const stop = /[.?!](?:\s|$)/.exec(rest);
    const title = (stop ? rest.slice(0, stop.index + (stop[0][0] === '.' ? 0 : 1)) : rest).trim();
    if (title.split(/\s+/).length >= 2) return title;
  }
  const parts = entry.replace(/^\s*(?:\[\d+\]|\d+\.)\s*/, '').split(/\.\s+/).map((p) => p.trim());
  return parts.slice(1).sort((a, b) => b.length - a.length)[0] ?? parts[0] ?? '';
}

/** Every check above reads a number (a year, page, identifier) or a "doi:" label. */
const CHECKABLE = /\d|doi/i;

/** Every problem in a text's references, including one identifier given to two different entries. */
export function referenceProblems(text: string): ReferenceProblem[] {
  if (!CHECKABLE.test(text)) return [];
  const entries = referenceEntries(text);
  const out = entries.flatMap(checkEntry);
  const seen = new Map<string, ReferenceEntry>();
  for (const e of entries) {
    for (const id of [...e.dois.map((d) => d.value), ...e.arxiv.map((x) => `arxiv:${x.yymm}.${x.number}`)]) {
      const first = seen.get(id);
      if (first && first !== e && titleWords(first.text) !== titleWords(e.text)) {
        const at = e.dois.find((d) => d.value === id) ?? e.arxiv.find((x) => `arxiv:${x.yymm}.${x.number}` === id)!;
        out.push({ start: at.start, end: at.end, why: 'The same identifier is given to two different references.', score: 0.8 });
      } else if (!first) seen.set(id, e);
    }
  }
  return out.sort((x, y) => x.start - y.start);
}

/** A crude identity of an entry without its identifiers, numbering and punctuation. */
function titleWords(t: string): string {
  return t.replace(DOI, '').replace(ARXIV, '').toLowerCase().replace(/[^a-z ]+/g, ' ').replace(/\s+/g, ' ').trim();
}
