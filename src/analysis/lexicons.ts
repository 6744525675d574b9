/**
 * Word lists the detectors share.
 *
 * PROVENANCE: every list in this file was written by the Chatlens team for this project
 * (MIT, like the rest of the code). None is copied from a third-party list. Profanity and slur
 * matching with obfuscation handling comes from the `obscenity` package (MIT), see
 * detectors/toxicity.ts; this file only classifies obscenity's own term names into our subtypes.
 */

export type IdentityGroup =
  | 'gender'
  | 'race'
  | 'age'
  | 'religion'
  | 'sexuality'
  | 'disability'
  | 'nationality'
  | 'socioeconomic'
  | 'appearance';

const GROUP_TERMS: Record<IdentityGroup, string[]> = {
  gender: [
    'woman', 'women', 'man', 'men', 'girl', 'girls', 'boy', 'boys', 'female', 'females', 'male',
    'males', 'lady', 'ladies', 'gentleman', 'gentlemen', 'wife', 'wives', 'husband', 'husbands',
    'mother', 'mothers', 'mom', 'moms', 'father', 'fathers', 'dad', 'dads', 'daughter', 'son',
    'sister', 'brother', 'girlfriend', 'boyfriend', 'feminist', 'feminists', 'feminism', 'trans',
    'transgender', 'transgenders', 'transwoman', 'transwomen', 'housewife', 'housewives',
    'she', 'her', 'he', 'his', 'him', 'guys', 'gals', 'bride', 'queen', 'king', 'nonbinary',
    'trans women', 'trans men', 'trans people', 'working mothers', 'single mothers',
  ],
  race: [
    'black', 'blacks', 'white', 'whites', 'asian', 'asians', 'african', 'africans', 'latino',
    'latinos', 'latina', 'latinas', 'latinx', 'hispanic', 'hispanics', 'mexican', 'mexicans',
    'chinese', 'japanese', 'korean', 'koreans', 'indian', 'indians', 'arab', 'arabs', 'jewish',
    'jew', 'jews', 'native', 'natives', 'aboriginal', 'indigenous', 'caucasian', 'caucasians',
    'minority', 'minorities', 'immigrant', 'immigrants', 'gypsy', 'gypsies', "gypsy's", 'roma',
    'african american', 'african americans', 'african-american', 'african-americans',
    'native american', 'native americans', 'middle eastern', 'middle east', 'asian american',
    'asian americans', 'people of color', 'colored', 'ethnic', 'race', 'racial', 'brown', 'puerto',
    'vietnamese', 'filipino', 'filipinos', 'somali', 'somalis', 'nigerian', 'nigerians', 'tribe',
    'tribes', 'ghetto', 'thug', 'thugs',
  ],
  age: [
    'old', 'older', 'elderly', 'elder', 'elders', 'senior', 'seniors', 'aged', 'boomer', 'boomers',
    'millennial', 'millennials', 'young', 'younger', 'youth', 'teen', 'teens', 'teenager',
    'teenagers', 'kid', 'kids', 'child', 'children', 'grandma', 'grandpa', 'grandmother',
    'grandfather', 'retiree', 'retirees', 'minors', 'adolescent', 'adolescents', 'old people',
    'old man', 'old woman', 'old lady', 'young people', 'gen z', 'zoomers', 'college students',
    'students', 'geezer', 'geezers',
  ],
  religion: [
    'muslim', 'muslims', 'islam', 'islamic', 'christian', 'christians', 'catholic', 'catholics',
    'hindu', 'hindus', 'buddhist', 'buddhists', 'atheist', 'atheists', 'mormon', 'mormons',
    'sikh', 'sikhs', 'evangelical', 'evangelicals', 'religious', 'church', 'mosque', 'jihad',
    'sharia', 'amish', 'protestant', 'protestants',
  ],
  sexuality: [
    'gay', 'gays', 'lesbian', 'lesbians', 'bisexual', 'bisexuals', 'homosexual', 'homosexuals',
    'queer', 'lgbt', 'lgbtq', 'lgbtq+', 'same-sex', 'straight', 'heterosexual', 'asexual',
    'gay men', 'gay people',
  ],
  disability: [
    'disabled', 'disability', 'disabilities', 'handicapped', 'blind', 'deaf', 'autistic',
    'autism', 'wheelchair', 'mentally', 'crippled', 'cripple', 'paralyzed', 'schizophrenic',
    'bipolar', 'adhd', 'dyslexic', 'down syndrome', 'mental illness', 'mentally ill',
    'special needs', 'impaired',
  ],
  nationality: [
    'american', 'americans', 'british', 'english', 'french', 'german', 'germans', 'italian',
    'italians', 'irish', 'russian', 'russians', 'canadian', 'canadians', 'australian',
    'polish', 'swedish', 'dutch', 'spanish', 'greek', 'turkish', 'iranian', 'iraqi', 'afghan',
    'pakistani', 'syrian', 'syrians', 'palestinian', 'palestinians', 'israeli', 'israelis',
    'ukrainian', 'cuban', 'haitian', 'foreigner', 'foreigners', 'refugee', 'refugees', 'southern',
    'southerners', 'rednecks', 'redneck', 'hillbilly', 'hillbillies', 'country', 'countries',
  ],
  socioeconomic: [
    'poor', 'rich', 'wealthy', 'homeless', 'welfare', 'low-income', 'working-class', 'poverty',
    'janitor', 'peasant', 'peasants', 'trailer', 'uneducated', 'beggar', 'beggars', 'millionaire',
    'billionaire', 'the poor', 'the rich', 'poor people', 'rich people',
  ],
  appearance: [
    'fat', 'obese', 'overweight', 'skinny', 'ugly', 'short', 'tall', 'bald', 'blonde', 'blond',
    'chubby', 'thin', 'pretty', 'beautiful', 'attractive', 'unattractive',
  ],
};

export const IDENTITY_TERMS: Map<string, IdentityGroup> = new Map();
for (const [group, terms] of Object.entries(GROUP_TERMS) as [IdentityGroup, string[]][]) {
  for (const term of terms) if (!IDENTITY_TERMS.has(term)) IDENTITY_TERMS.set(term, group);
}

/**
 * Identity words so common in neutral text that they only count when the sentence also
 * generalises or attributes a trait. ("He went home" is not about gender.)
 */
export const WEAK_IDENTITY = new Set([
  'she', 'her', 'he', 'his', 'him', 'man', 'men', 'woman', 'women', 'guys', 'son', 'daughter', 'mother', 'father',
  'old', 'older', 'young', 'younger', 'kid', 'kids', 'child', 'children', 'students', 'black',
  'white', 'brown', 'native', 'country', 'countries', 'straight', 'short', 'tall', 'thin',
  'pretty', 'beautiful', 'attractive', 'church', 'race', 'american', 'americans', 'english',
  'southern', 'trailer', 'rich', 'blind', 'mentally', 'queen', 'king', 'wife', 'husband', 'dad',
  'mom', 'sister', 'brother', 'girl', 'boy', 'girls', 'boys', 'aged', 'elder', 'senior', 'tribe',
]);

/** Negative traits and roles often pinned on a group. */
export const NEGATIVE_TRAITS = new Set([
  'lazy', 'stupid', 'dumb', 'idiot', 'idiots', 'ignorant', 'criminal', 'criminals', 'crime',
  'crimes', 'violent', 'dangerous', 'dirty', 'filthy', 'smelly', 'greedy', 'cheap', 'stingy',
  'weak', 'emotional', 'hysterical', 'irrational', 'bossy', 'incompetent', 'inferior',
  'primitive', 'savage', 'savages', 'animals', 'thieves', 'thief', 'steal', 'stealing', 'stole',
  'terrorist', 'terrorists', 'terrorism', 'rapists', 'rapist', 'drug', 'drugs', 'dealer',
  'dealers', 'gang', 'gangs', 'illegal', 'illegals', 'welfare', 'uneducated', 'illiterate',
  'slow', 'senile', 'frail', 'forgetful', 'useless', 'burden', 'parasites', 'parasite',
  'disgusting', 'gross', 'ugly', 'fat', 'loud', 'rude', 'aggressive', 'angry', 'untrustworthy',
  'liars', 'liar', 'lie', 'lying', 'cheat', 'cheating', 'sneaky', 'manipulative', 'evil',
  'sinful', 'perverts', 'pervert', 'predators', 'predator', 'pedophiles', 'diseased', 'sick',
  'crazy', 'insane', 'abnormal', 'unnatural', 'deviant', 'backward', 'barbaric', 'uncivilized',
  'dependent', 'needy', 'naive', 'gullible', 'submissive', 'nagging', 'gold', 'diggers',
  'promiscuous', 'sluts', 'whores', 'drunk', 'drunks', 'alcoholics', 'addicts', 'poor',
  'unemployed', 'beggars', 'shoplifting', 'mugged', 'attacked', 'murder', 'murderers',
  'bad', 'terrible', 'horrible', 'worthless', 'lesser', 'unfit', 'incapable', 'unable',
  'cannot', "can't", 'never', 'fragile', 'feminine', 'girly', 'sissy', 'bitchy', 'clingy',
  'cold', 'obsessed', 'shallow', 'vain', 'spoiled', 'entitled', 'selfish', 'arrogant',
  'defiant', 'reckless', 'irresponsible', 'careless', 'immature', 'childish', 'ghetto',
  'thug', 'thugs', 'hood', 'scary', 'suspicious', 'threat', 'invaders', 'invasion', 'breed',
  'infest', 'vermin', 'cockroaches', 'rats', 'pigs', 'dogs', 'apes', 'monkeys', 'uppity',
  'exotic', 'submissive', 'nerdy', 'overreact', 'overreacting', 'whine', 'whining', 'complain',
  'complaining', 'freeloaders', 'handouts', 'superstitious', 'fanatics', 'extremists',
  'radical', 'oppress', 'oppressive', 'controlling', 'dominating', 'beat', 'abuse', 'abusive',
]);

/** Words that turn a mention into a generalisation about the whole group. */
export const GENERALISERS = new Set([
  'all', 'always', 'never', 'typical', 'typically', 'naturally', 'every', 'those', 'these',
  'tend', 'tends', 'usually', 'generally', 'inherently', 'genetically', 'born', 'real', 'most',
  'should', "shouldn't", 'cannot', "can't", 'can', 'must', 'are', 'just', 'because', 'like',
  'such', 'only', 'nature', 'known', 'stereotype', 'obviously', 'of course',
]);

/** Counter-stereotype and anti-bias phrasing: statements that push back against a bias. */
export const COUNTER_STEREOTYPE = [
  /\bjust as (?:capable|smart|intelligent|good|strong|competent|qualified|able)\b/i,
  /\bnot all\b/i,
  /\b(?:stereotypes?|prejudice|discrimination|racism|sexism|bigotry|bias) (?:is|are|against|toward|towards)\b/i,
  /\b(?:it is|it's) (?:wrong|unfair|false|a myth) (?:to|that)\b/i,
  /\b(?:deserve|deserves) (?:equal|the same|respect|dignity|rights)\b/i,
  /\bequal (?:rights|pay|opportunit)/i,
  /\bregardless of (?:their )?(?:gender|race|age|religion|sex|ethnicity|background)\b/i,
  /\b(?:there is|there's) no (?:evidence|reason)\b/i,
  /\bmyth\b/i,
];

/**
 * obscenity's English data set names each phrase by its `originalWord`. We sort those names
 * into our subtypes; anything not listed is PROFANITY.
 */
export const OBSCENITY_SLURS = new Set([
  'abo', 'abeed', 'africoon', 'arabush', 'boonga', 'chingchong', 'chink', 'dyke', 'fag', 'kike',
  'negro', 'nigger', 'retard', 'spastic', 'tranny',
]);
export const OBSCENITY_SEXUAL = new Set([
  'anal', 'bestiality', 'blowjob', 'buttplug', 'cum', 'deepthroat', 'dildo', 'doggystyle',
  'double penetration', 'ejaculate', 'felch', 'fellatio', 'finger bang', 'fisting', 'gangbang',
  'handjob', 'hentai', 'incest', 'jizz', 'lubejob', 'masturbate', 'orgasm', 'orgy', 'porn', 'rape',
  'scat', 'semen', 'sex', 'hooker', 'jerk off',
]);
/** Anatomical and clinical words that obscenity matches but that are normal in medical text. */
export const MEDICAL_TERMS = new Set(['penis', 'vagina', 'anus', 'semen', 'ejaculate', 'orgasm', 'sex', 'anal', 'boob', 'tit', 'masturbate', 'incest', 'rape', 'scat']);

/**
 * Words obscenity matches inside harmless words or names. Checked against the whole token the
 * match falls in ("Scunthorpe", "cocktail", "cum laude", "Dickens").
 */
export const PROFANITY_ALLOW = new Set([
  'scunthorpe', 'cocktail', 'cocktails', 'peacock', 'hancock', 'shuttlecock', 'woodcock', 'dickens',
  'dickinson', 'dickson', 'cumulative', 'cumbersome', 'cucumber', 'circumstance', 'document',
  'analysis', 'analyst', 'analytics', 'assess', 'assessment', 'assist', 'assistant', 'passion',
  'classic', 'bass', 'grass', 'mass', 'class', 'pass', 'assume', 'sussex', 'essex', 'middlesex',
  'titanic', 'title', 'titles', 'titular', 'constitution', 'petition', 'competition', 'shitake',
  'shiitake', 'therapist', 'grape', 'drape', 'scrape', 'rapeseed', 'arsenal', 'arsenic',
  'sextant', 'sextet', 'sexton', 'hotchkiss', 'kumquat', 'pricking', 'prickly', 'spicy',
  'bitcoin', 'butter', 'button', 'buttress', 'matsushita', 'hitchcock', 'cockpit', 'cockatoo',
  'cockroach', 'scrap', 'skyscraper', 'pussycat', 'pussywillow', 'dyke', 'dykes', 'laude',
]);

/** A slur or swear word inside these frames is being talked about, not used. */
export const MENTION_FRAMES = /\b(?:the (?:word|term|slur)|words? like|called (?:me|him|her|them|us) (?:a|an)?|(?:is|are|was) (?:a|an) (?:slur|offensive|derogatory)|say(?:ing)? the|use(?:d|s)? the (?:word|term)|means?|definition of|spell(?:ed|ing)?)\s*["'“‘]?$/i;

/** Reclaimed or community-internal uses that are not attacks. */
export const RECLAIMED = /\b(?:dyke march|dykes on bikes|queer (?:theory|studies|community|people|folks|art|cinema)|crip (?:theory|culture))\b/i;

/** Threats and wishes of harm. */
export const THREAT_PATTERNS: RegExp[] = [
  /\b(?:i(?:'ll| will| am going to|'m going to|'m gonna| gonna)|we(?:'ll| will)|gonna|going to) (?:kill|murder|hurt|beat|stab|shoot|destroy|end|find|rape|strangle|burn)\b/i,
  /\b(?:kill|shoot|hang|stab|gas|burn|lynch|exterminate|deport) (?:you|him|her|them|all|every|those|these)\b/i,
  /\b(?:should|must|deserve(?:s)? to|ought to|need(?:s)? to) (?:be )?(?:die|dead|killed|shot|hanged|hung|burned|gassed|raped|beaten|executed|exterminated|wiped out|deported|locked up)\b/i,
  /\b(?:go )?(?:kill|hang) (?:your ?self|yourselves)\b|\bkys\b/i,
  /\bi hope (?:you|he|she|they) (?:die|dies|get|gets|rot|burn)\b/i,
  /\b(?:body bags?|six feet under|hanging from (?:lamp ?posts|trees))\b/i,
  /\bwipe (?:them|you|it) (?:all )?out\b/i,
];

/** Direct insults aimed at the reader, in our own words. */
export const INSULTS = new Set([
  'idiot', 'idiots', 'moron', 'morons', 'imbecile', 'stupid', 'dumb', 'dumbass', 'retarded',
  'loser', 'losers', 'pathetic', 'worthless', 'scum', 'trash', 'garbage', 'clown', 'clowns',
  'fool', 'fools', 'ignorant', 'disgusting', 'vile', 'pig', 'pigs', 'rat', 'rats', 'dog',
  'scumbag', 'jerk', 'creep', 'freak', 'hypocrite', 'liar', 'coward', 'cowards', 'traitor',
  'lowlife', 'degenerate', 'subhuman', 'animal', 'animals', 'savage', 'savages', 'vermin',
  'brainless', 'clueless', 'delusional', 'incompetent', 'troll', 'shill', 'idiotic', 'asinine',
  'halfwit', 'nitwit', 'dimwit', 'buffoon', 'twit', 'dolt', 'hoe', 'hoes', 'thot', 'bitches',
]);

/** Condescending phrasing: talking down to the reader. Written for Chatlens. */
export const CONDESCENSION_PATTERNS: RegExp[] = [
  /\b(?:obviously|clearly|evidently) (?:you|u) (?:don't|do not|didn't|can't|cannot|have no|haven't|never|are not|aren't)\b/i,
  /\b(?:you|u) (?:clearly|obviously|evidently|apparently|simply|just) (?:don't|do not|didn't|can't|cannot|have no|haven't|lack|fail|are not|aren't|missed|need)\b/i,
  /\b(?:learn|try) (?:how )?to read\b|\breading comprehension\b|\bcan you even read\b/i,
  /\b(?:educate|inform) yourself\b|\bdo (?:some|your) (?:own )?(?:research|homework)\b/i,
  /\b(?:let me|i'll|i will) (?:explain|spell|break) (?:it|this|that) (?:out |down )?(?:for you|slowly|to you)\b/i,
  /\b(?:simple|basic|easy) enough (?:for|that) (?:even )?(?:you|a child)\b|\beven a (?:child|kid|toddler|five[- ]year[- ]old)\b/i,
  /\b(?:sweetie|sweetheart|honey|dear|sonny|kiddo|little one|buddy|pal|champ)\b[,.!?]/i,
  /\bbless your (?:little )?heart\b|\bnice try\b|\bgood luck with that\b|\bhow cute\b|\bcute that you\b/i,
  /\b(?:grow up|get a clue|get a grip|wake up|get real|think (?:for yourself|harder)|pay attention)\b/i,
  /\bif you (?:had|would) (?:bothered|read|actually|any)\b|\bif you (?:actually )?(?:knew|understood) anything\b/i,
  /\b(?:as i|like i) (?:already )?(?:said|told you|explained)\b|\bfor the (?:last|hundredth|third|umpteenth) time\b/i,
  /\b(?:try|it's not) (?:rocket science|that hard|that difficult|complicated)\b|\bnot rocket science\b/i,
  /\bdo you (?:even )?(?:know|understand|realize|realise) (?:what|how|anything)\b|\bdo you even\b/i,
  /\b(?:poor|silly|naive|little) (?:you|thing|child|boy|girl|man|fella)\b/i,
  /\b(?:you people|people like you|guys like you|folks like you|your kind|the likes of you)\b/i,
  /\bi (?:can't|cannot) believe (?:you|anyone|people)\b|\bseriously\?|\breally\?/i,
  /\b(?:oh|well),? (?:please|honey|dear|look)\b|\bnews flash\b|\bnewsflash\b|\bnewsflash\b|\bspare (?:me|us)\b/i,
  /\b(?:that's|that is) (?:cute|adorable|precious|rich)\b|\bwhatever you say\b|\bsure,? (?:jan|buddy|pal)\b/i,
  /\b(?:you|u) (?:wouldn't|would not|don't|do not) (?:know|understand|get it)\b|\bbeyond (?:you|your)\b/i,
  /\b(?:clueless|ignorant|uninformed|ill[- ]informed|naive|gullible) (?:people|folks|ones|voters|fools|sheep)?\b/i,
  /\b(?:smart|intelligent|bright|brilliant) (?:enough|one)\b|\bgenius\b|\bbrilliant\.|\bgreat idea\b/i,
  /\bwhat (?:a|an) (?:joke|clown|idiot|genius|surprise)\b|\bhow (?:typical|predictable|original)\b/i,
];
