/**
 * Common English verbs in all their forms, to tell where a plain sentence's subject ends ("The
 * Munich store | opens an hour earlier"). Written for Chatlens: the verbs of support answers,
 * product descriptions and encyclopedic prose, with regular forms made by rule and the irregular
 * ones listed.
 */

/** Base forms inflected by rule: -s/-es, -ed, -ing. */
const REGULAR = `
accept access add adjust agree allow appear apply approve arrive ask assign attach attend avoid
book call cancel cause change charge check claim clean close collect combine compare complete
confirm connect consider contact contain continue copy cover create decide deliver depend describe
design develop differ direct disappear display donate download earn enable end enter expect expire
explain extend fail finish fix follow happen help hire host include increase install introduce
invest join last launch learn list live load locate look love manage marry match mention miss move
need note notice offer open operate order own participate pass pay perform play prefer prepare
present prevent print process produce promote protect provide publish purchase qualify reach receive
recommend record reduce refer refund register release remain remove renew replace reply report
request require reset resolve retire return review save schedule score seem select serve ship start
stay stop store study submit suggest support switch transfer travel try turn update upgrade upload
use verify visit vote wait walk want watch weigh work
`;

/** Irregular verbs: base form, then its other forms. */
const IRREGULAR = `
be is are was were been being am | have has had having | do does did done doing
begin began begun | break broke broken | bring brought | build built | buy bought
choose chose chosen | come came | cost | cut | drive drove driven | eat ate eaten | fall fell fallen
feel felt | find found | fly flew flown | forget forgot forgotten | get got gotten | give gave given
go goes went gone | grow grew grown | hold held | keep kept | know knew known | lead led | leave left
lose lost | make made | mean meant | meet met | put | read | rise rose risen | run ran | say said
see saw seen | sell sold | send sent | set | show showed shown | sit sat | speak spoke spoken
spend spent | stand stood | take took taken | teach taught | tell told | think thought | win won
write wrote written
`;

function inflect(base: string): string[] {
  const consonantY = /[^aeiou]y$/.test(base);
  const s = /(?:s|sh|ch|x|z)$/.test(base) ? `${base}es` : consonantY ? `${base.slice(0, -1)}ies` : `${base}s`;
  const ed = base.endsWith('e') ? `${base}d` : consonantY ? `${base.slice(0, -1)}ied` : `${base}ed`;
  const ing = `${base.endsWith('e') && !base.endsWith('ee') ? base.slice(0, -1) : base}ing`;
  // A one-syllable verb ending consonant-vowel-consonant doubles its last letter: "ship", "shipped".
  const doubled = /^[^aeiou]*[aeiou][bdgklmnprt]$/.test(base) ? [`${base}${base.at(-1)}ed`, `${base}${base.at(-1)}ing`] : [];
  return [base, s, ed, ing, ...doubled];
}

function irregular(line: string): string[] {
  const [base, ...forms] = line.trim().split(/\s+/);
  return [...inflect(base).filter((f) => !f.endsWith('ed')), ...forms];
}

/** Every form of every verb above, lower case. */
export const VERBS: ReadonlySet<string> = new Set([
  ...REGULAR.trim().split(/\s+/).flatMap(inflect),
  ...IRREGULAR.trim().split('|').flatMap(irregular),
]);

/** The base forms alone: a sentence opening with one gives an instruction ("Install the app …"). */
export const BASE_VERBS: ReadonlySet<string> = new Set([
  ...REGULAR.trim().split(/\s+/),
  ...IRREGULAR.trim().split('|').map((line) => line.trim().split(/\s+/)[0]),
]);
