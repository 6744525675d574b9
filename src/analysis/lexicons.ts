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
    'sisters', 'brothers', 'aunt', 'uncle', 'niece', 'nephew', 'daughters', 'sons', 'stepmother',
    'stepfather', 'mistress', 'maid', 'maids', 'bachelor', 'spinster', 'tomboy', 'sissy',
    'businessman', 'businesswoman', 'waitress', 'actress', 'housewife', 'femininity',
    'masculinity', 'masculine', 'manly', 'womanly', "woman's", "man's", "women's", "men's",
    'trans woman', 'trans man', 'trans person', 'transgender woman', 'transgender man',
    'mothers-in-law', 'mother-in-law', 'grandson', 'granddaughter', 'fiancee', 'wifey', 'gal',
    'guy', 'dude', 'lad', 'lads', 'chick', 'chicks', 'blokes', 'bloke', 'sexes', 'genders',
    'woman', 'women', 'man', 'men', 'girl', 'girls', 'boy', 'boys', 'female', 'females', 'male',
    'males', 'lady', 'ladies', 'gentleman', 'gentlemen', 'wife', 'wives', 'husband', 'husbands',
    'mother', 'mothers', 'mom', 'moms', 'father', 'fathers', 'dad', 'dads', 'daughter', 'son',
    'sister', 'brother', 'girlfriend', 'boyfriend', 'feminist', 'feminists', 'feminism', 'trans',
    'transgender', 'transgenders', 'transwoman', 'transwomen', 'housewife', 'housewives',
    'she', 'her', 'he', 'his', 'him', 'guys', 'gals', 'bride', 'queen', 'king', 'nonbinary',
    'trans women', 'trans men', 'trans people', 'working mothers', 'single mothers',
  ],
  race: [
    'black man', 'black men', 'black woman', 'black women', 'black people', 'black kid',
    'black kids', 'black guy', 'black family', 'white man', 'white men', 'white woman',
    'white women', 'white people', 'white guy', 'white kid', 'asian man', 'asian woman',
    'asian people', 'oriental', 'orientals', 'afro', 'negro', 'negroes', 'ethnicity',
    'ethnicities', 'dark-skinned', 'light-skinned', 'skin color', 'skin colour', 'jamaican',
    'jamaicans', 'ethiopian', 'ethiopians', 'kenyan', 'ghanaian', 'dominican', 'dominicans',
    'colombian', 'colombians', 'salvadoran', 'guatemalan', 'cherokee', 'navajo', 'eskimo',
    'eskimos', 'inuit', 'persian', 'persians', 'thai', 'cambodian', 'laotian', 'hmong',
    'indonesian', 'malaysian', 'taiwanese', 'pakistanis', 'bangladeshi', 'chinaman', 'mulatto',
    'biracial', 'mixed-race', 'hispanic man', 'latin', 'aborigines', 'hawaiian', 'samoan',
    'tongan', 'reservation', 'reservations', 'cartel', 'barrio', 'hood',
    'black', 'blacks', 'white', 'whites', 'asian', 'asians', 'african', 'africans', 'latino',
    'latinos', 'latina', 'latinas', 'latinx', 'hispanic', 'hispanics', 'mexican', 'mexicans',
    'chinese', 'japanese', 'korean', 'koreans', 'indian', 'indians', 'arab', 'arabs', 'native',
    'natives', 'aboriginal', 'indigenous', 'caucasian', 'caucasians', 'minority', 'minorities',
    'gypsy', 'gypsies', "gypsy's", 'roma',
    'african american', 'african americans', 'african-american', 'african-americans',
    'native american', 'native americans', 'middle eastern', 'middle east', 'asian american',
    'asian americans', 'people of color', 'colored', 'ethnic', 'race', 'racial', 'brown', 'puerto',
    'vietnamese', 'filipino', 'filipinos', 'somali', 'somalis', 'nigerian', 'nigerians', 'tribe',
    'tribes', 'ghetto', 'thug', 'thugs',
  ],
  age: [
    'old folks', 'old-timer', 'old-timers', 'grandparents', 'grandparent', 'granny', 'gramps',
    'grandmothers', 'grandfathers', 'toddler', 'toddlers', 'teenage', 'middle-aged',
    'middle aged', 'retired', 'pensioner', 'pensioners', 'nursing home', 'young man',
    'young woman', 'young men', 'young women', 'youngster', 'youngsters', 'elderly people',
    'older people', 'older workers', 'older adults', 'older man', 'older woman', 'old age',
    'twenty-something', 'kiddos', 'juveniles', 'juvenile', 'gen x', 'octogenarian', 'elderly lady',
    'elderly woman', 'elderly man', 'elderly women', 'elderly men', 'old guy', 'old men', 'old women',
    'older lady', 'old ladies', 'old folk',
    'old', 'older', 'elderly', 'elder', 'elders', 'senior', 'seniors', 'aged', 'boomer', 'boomers',
    'millennial', 'millennials', 'young', 'younger', 'youth', 'teen', 'teens', 'teenager',
    'teenagers', 'kid', 'kids', 'child', 'children', 'grandma', 'grandpa', 'grandmother',
    'grandfather', 'retiree', 'retirees', 'minors', 'adolescent', 'adolescents', 'old people',
    'old man', 'old woman', 'old lady', 'young people', 'gen z', 'zoomers', 'college students',
    'students', 'geezer', 'geezers', 'millenial', 'millenials', 'advanced age', 'extreme age',
  ],
  religion: [
    'pagan', 'pagans', 'satanist', 'satanists', 'scientologist', 'scientologists', 'jehovah',
    "jehovah's witnesses", 'quaker', 'quakers', 'baptist', 'baptists', 'orthodox', 'rabbi',
    'rabbis', 'imam', 'imams', 'priest', 'priests', 'pastor', 'nun', 'nuns', 'monk', 'monks',
    'hijab', 'burqa', 'burka', 'turban', 'synagogue', 'quran', 'koran', 'bible', 'infidel',
    'infidels', 'christianity', 'judaism', 'hinduism', 'buddhism', 'atheism', 'religion',
    'religions', 'believers', 'preacher', 'muhammad', 'allah',
    'muslim', 'muslims', 'islam', 'islamic', 'christian', 'christians', 'catholic', 'catholics',
    'hindu', 'hindus', 'buddhist', 'buddhists', 'atheist', 'atheists', 'mormon', 'mormons',
    'sikh', 'sikhs', 'evangelical', 'evangelicals', 'religious', 'church', 'mosque', 'jihad',
    // Jewish people are an ethno-religious group; CrowS-Pairs and RedditBias file them under
    // religion (ToxiGen under race), so their stereotypes are STEREOTYPING.
    'jewish', 'jew', 'jews',
    'sharia', 'amish', 'protestant', 'protestants',
  ],
  sexuality: [
    'homo', 'homos', 'pansexual', 'drag queen', 'drag queens', 'closeted', 'coming out',
    'came out', 'gay man', 'gay guy', 'gay guys', 'gay couple', 'gay couples', 'homosexuality',
    'bisexuality', 'transsexual', 'lgbtq people', 'lesbian couple',
    'gay', 'gays', 'lesbian', 'lesbians', 'bisexual', 'bisexuals', 'homosexual', 'homosexuals',
    'queer', 'lgbt', 'lgbtq', 'lgbtq+', 'same-sex', 'straight', 'heterosexual', 'asexual',
    'gay men', 'gay people',
  ],
  disability: [
    'retarded', 'mentally disabled', 'dwarf', 'dwarfs', 'midget', 'midgets', 'amputee',
    'stutter', 'stuttering', 'stutters', 'mute', 'lame', 'learning disability', 'ocd',
    'depressed', 'depression', 'psychotic', 'psycho', 'schizo', 'schizophrenia', 'aspergers',
    "asperger's", 'dementia', 'alzheimers', "alzheimer's", 'cerebral palsy', 'epilepsy',
    'epileptic', 'crutches', 'hearing aid', 'mental health', 'mental illnesses', 'blindness',
    'deafness', 'anorexic', 'bulimic', 'addict', 'addicts', 'alcoholic', 'alcoholics',
    'disabled people', 'handicap', 'wheelchairs', 'prosthetic', 'sign language',
    'disabled', 'disability', 'disabilities', 'handicapped', 'blind', 'deaf', 'autistic',
    'autism', 'wheelchair', 'mentally', 'crippled', 'cripple', 'paralyzed', 'schizophrenic',
    'bipolar', 'adhd', 'dyslexic', 'down syndrome', 'mental illness', 'mentally ill',
    'special needs', 'impaired',
  ],
  nationality: [
    'russia', 'china', 'mexico', 'africa', 'india', 'scottish', 'scots', 'welsh', 'norwegian',
    'finnish', 'danish', 'portuguese', 'brazilian', 'brazilians', 'argentinian', 'chilean',
    'peruvian', 'venezuelan', 'egyptian', 'egyptians', 'moroccan', 'saudi', 'saudis',
    'lebanese', 'south african', 'czech', 'romanian', 'romanians', 'bulgarian', 'hungarian',
    'serbian', 'albanian', 'albanians', 'bosnian', 'nepalese', 'tibetan', 'mongolian',
    'north korean', 'ukrainians', 'belgian', 'swiss', 'austrian', 'yankee', 'yankees', 'brits',
    'aussie', 'aussies', 'texan', 'texans', 'californian', 'new yorker', 'new yorkers',
    'foreign', 'accent', 'accents', 'iranians', 'iraqis', 'afghans', 'turks', 'greeks',
    'poles', 'french people', 'germany', 'france', 'italy', 'ireland', 'england', 'britain',
    'scotland', 'poland', 'canada', 'australia', 'japan', 'korea', 'vietnam', 'iran', 'iraq',
    'afghanistan', 'pakistan', 'syria', 'nigeria', 'somalia', 'haiti', 'cuba', 'brazil',
    // Immigrants are sorted by origin, not race (CrowS-Pairs' nationality, ToxiGen's own group).
    'immigrant', 'immigrants', 'undocumented', 'illegal immigrant', 'illegal immigrants',
    'illegal aliens', 'aliens', 'illegals',
    'migrant', 'migrants', 'asylum seekers', 'citizenship', 'visa', 'green card', 'deported',
    'american', 'americans', 'british', 'english', 'french', 'german', 'germans', 'italian',
    'italians', 'irish', 'russian', 'russians', 'canadian', 'canadians', 'australian',
    'polish', 'swedish', 'dutch', 'spanish', 'greek', 'turkish', 'iranian', 'iraqi', 'afghan',
    'pakistani', 'syrian', 'syrians', 'palestinian', 'palestinians', 'israeli', 'israelis',
    'ukrainian', 'cuban', 'haitian', 'foreigner', 'foreigners', 'refugee', 'refugees', 'southern',
    'southerners', 'rednecks', 'redneck', 'hillbilly', 'hillbillies', 'country', 'countries',
  ],
  socioeconomic: [
    'working class', 'lower class', 'lower-class', 'upper class', 'upper-class', 'middle class',
    'blue-collar', 'blue collar', 'white-collar', 'projects', 'trailer park', 'food stamps',
    'broke', 'low income', 'minimum wage', 'cashier', 'janitors', 'servant', 'servants',
    'plumber', 'construction worker', 'farmer', 'farmers', 'laborer', 'laborers', 'labourer',
    'homeless man', 'homeless people', 'bum', 'bums', 'hobo', 'hobos', 'panhandler', 'rich kid',
    'elite', 'elites', 'inner city', 'inner-city', 'slum', 'slums', 'poorer', 'poorest',
    'richer', 'richest', 'mansion', 'dropout', 'dropouts', 'unemployed', 'jobless',
    'the homeless', 'poor family', 'poor kids', 'wealthy people', 'the wealthy', 'rich man',
    'poor man', 'poor woman', 'paycheck', 'debt', 'rent', 'afford', "couldn't afford",
    'could not afford', 'section 8', 'public housing', 'yacht', 'country club',
    'poor', 'rich', 'wealthy', 'homeless', 'welfare', 'low-income', 'working-class', 'poverty',
    'janitor', 'peasant', 'peasants', 'trailer', 'uneducated', 'beggar', 'beggars', 'millionaire',
    'billionaire', 'the poor', 'the rich', 'poor people', 'rich people',
    // Where people live stands in for class and origin ("people from that neighbourhood").
    'neighbourhood', 'neighborhood', 'neighbourhoods', 'neighborhoods', 'ghetto', 'ghettos', 'the projects',
  ],
  appearance: [
    'heavy', 'plus-sized', 'plus size', 'scrawny', 'acne', 'pimples', 'tattoo', 'tattoos',
    'tattooed', 'piercings', 'redhead', 'redheads', 'ginger', 'gingers', 'hairy', 'homely',
    'good-looking', 'gorgeous', 'wrinkles', 'wrinkled', 'dreadlocks', 'fatty', 'fatso',
    'lanky', 'petite', 'weight', 'looks', 'appearance', 'makeup', 'bodybuilder', 'muscular',
    'fat people', 'fat person', 'fat kid', 'fat man', 'fat woman', 'overweight people',
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
  'neighbourhood', 'neighborhood', 'neighbourhoods', 'neighborhoods',
  'she', 'her', 'he', 'his', 'him', 'man', 'men', 'woman', 'women', 'guys', 'son', 'daughter', 'mother', 'father',
  'old', 'older', 'young', 'younger', 'kid', 'kids', 'child', 'children', 'students', 'black',
  'white', 'brown', 'native', 'country', 'countries', 'straight', 'short', 'tall', 'thin',
  'pretty', 'beautiful', 'attractive', 'church', 'race', 'american', 'americans', 'english',
  'southern', 'trailer', 'rich', 'blind', 'mentally', 'queen', 'king', 'wife', 'husband', 'dad',
  'mom', 'sister', 'brother', 'girl', 'boy', 'girls', 'boys', 'aged', 'elder', 'senior', 'tribe',
  'guy', 'dude', 'gal', 'lad', 'lads', 'chick', 'chicks', 'bloke', 'sisters', 'brothers', 'aunt',
  'uncle', 'niece', 'nephew', 'daughters', 'sons', 'maid', 'maids', 'waitress', 'actress',
  'grandson', 'granddaughter', 'businessman', 'businesswoman', 'bachelor', 'fiancee',
  'heavy', 'weight', 'looks', 'appearance', 'makeup', 'muscular', 'petite', 'lanky', 'tattoo',
  'tattoos', 'tattooed', 'piercings', 'hairy', 'gorgeous', 'good-looking', 'wrinkles',
  'wrinkled', 'acne', 'pimples', 'bodybuilder', 'dreadlocks', 'accent', 'accents', 'foreign',
  'visa', 'citizenship', 'deported', 'green card', 'broke', 'projects', 'rent', 'debt',
  'paycheck', 'afford', "couldn't afford", 'could not afford', 'cashier', 'plumber', 'farmer',
  'farmers', 'construction worker', 'laborer', 'laborers', 'labourer', 'elite', 'elites',
  'mansion', 'yacht', 'country club', 'richer', 'richest', 'poorer', 'poorest', 'retired',
  'teenage', 'toddler', 'toddlers', 'juvenile', 'juveniles', 'priest', 'priests', 'pastor',
  'nun', 'nuns', 'monk', 'monks', 'bible', 'religion', 'religions', 'believers', 'preacher',
  'orthodox', 'latin', 'reservation', 'reservations', 'hood', 'cartel', 'barrio', 'depressed',
  'depression', 'mental health', 'lame', 'mute', 'addict', 'addicts', 'servant', 'servants',
  'russia', 'china', 'mexico', 'africa', 'india', 'germany', 'france', 'italy', 'ireland',
  'england', 'britain', 'scotland', 'poland', 'canada', 'australia', 'japan', 'korea',
  'vietnam', 'iran', 'iraq', 'afghanistan', 'pakistan', 'syria', 'nigeria', 'somalia', 'haiti',
  'cuba', 'brazil', 'guys', 'unemployed', 'jobless', 'dropout', 'dropouts', 'middle class',
  'elderly', 'teen', 'teens', 'students', 'college students', 'youth', 'grandma', 'grandpa',
  'grandmother', 'grandfather', 'grandparents', 'grandparent', 'granny', 'religious',
  'alcoholic', 'alcoholics', 'ethnicity', 'ethnicities', 'ethnic', 'minority', 'minorities',
  // A coming-out story is about one person; it counts only beside a trait or a sweeping word.
  'coming out', 'came out',
]);

/** Negative traits and roles often pinned on a group. */
/**
 * Traits only the bias detector and its model read: the toxicity model reads the bias cues too
 * and was trained without these words. Written for Chatlens.
 */
export const RULE_TRAITS = new Set(['immoral', 'degenerate', 'degenerates', 'cheaters', 'sissies']);

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
  'bad', 'terrible', 'horrible', 'worthless', 'lesser', 'unfit', 'incapable',
  'fragile', 'feminine', 'girly', 'sissy', 'bitchy', 'clingy',
  'cold', 'obsessed', 'shallow', 'vain', 'spoiled', 'entitled', 'selfish', 'arrogant',
  'defiant', 'reckless', 'irresponsible', 'careless', 'immature', 'childish', 'ghetto',
  'thug', 'thugs', 'hood', 'scary', 'suspicious', 'threat', 'invaders', 'invasion', 'breed',
  'infest', 'vermin', 'cockroaches', 'rats', 'pigs', 'dogs', 'apes', 'monkeys', 'uppity',
  'exotic', 'submissive', 'nerdy', 'overreact', 'overreacting', 'whine', 'whining', 'complain',
  'complaining', 'freeloaders', 'handouts', 'superstitious', 'fanatics', 'extremists',
  'radical', 'oppress', 'oppressive', 'controlling', 'dominating', 'beat', 'abuse', 'abusive',
  // Negative traits in everyday stereotype stories (written for Chatlens).
  'stole', 'steals', 'robbed', 'rob', 'robbery', 'mugging', 'shoplifted', 'looting', 'jihadist',
  'extremist', 'mafia', 'mob', 'scam', 'scams', 'scammed', 'scammer', 'scammers', 'fraud', 'con', 'swindle',
  'swindled', 'cheated', 'tricked', 'crook', 'crooks', 'smuggled', 'trafficking', 'sneaked',
  'snuck', 'greed', 'stingy', 'miser', 'lazy', 'laziness', 'slacking', 'unmotivated', 'dumber',
  'dumbest', 'stupidity', 'simple-minded', 'dim', 'slower', 'retarded', 'moron', 'morons',
  'clueless', 'helpless', 'hopeless', 'pathetic', 'pitiful', 'pity', 'feeble', 'clumsy', 'awkward',
  'nerd', 'nerds', 'geek', 'geeks', 'uncultured', 'crude', 'vulgar', 'tacky', 'trashy', 'trash',
  'inbred', 'toothless', 'hick', 'hicks', 'stink', 'stinks', 'stank', 'odor', 'unwashed', 'lice',
  'rats', 'cockroach', 'disease', 'diseases', 'aids', 'hiv', 'infected', 'contagious', 'welfare',
  'handout', 'freeloader', 'freeload', 'mooch', 'moochers', 'leeches', 'illiterate', 'uneducated',
  'drunk', 'drunken', 'booze', 'meth', 'crack', 'heroin', 'cocaine', 'addicted', 'overdose',
  'hysterics', 'crybaby', 'sobbing', 'panicked', 'panic', 'nag', 'nags', 'nagged', 'gossip',
  'gossiping', 'gossips', 'seduce', 'seduced', 'slutty', 'slut', 'whore', 'hooker', 'prostitute',
  'prostitutes', 'promiscuity', 'cheater', 'bossy', 'shrill', 'moody', 'pms', 'catty', 'jealous',
  'bitter', 'insecure', 'vain', 'superficial', 'ditzy', 'airhead', 'bimbo', 'diva', 'flamboyant',
  'effeminate', 'girly', 'butch', 'mannish', 'damned', 'abomination', 'molest', 'molested',
  'molester', 'molesters', 'pedophile', 'pedophilia', 'grooming', 'perverted', 'perversion',
  'grumpy', 'cranky', 'stubborn', 'senility', 'wrinkly', 'decrepit', 'outdated', 'old-fashioned',
  'entitlement', 'rebellious', 'disrespectful', 'delinquent', 'delinquents', 'troublemaker',
  'troublemakers', 'hooligan', 'hooligans', 'vandal', 'vandalism', 'graffiti', 'noisy',
  'obnoxious', 'snob', 'snobs', 'snobby', 'snooty', 'stuck-up', 'pretentious', 'greedy', 'corrupt',
  'heartless', 'ruthless', 'cruel', 'hateful', 'racist', 'racists', 'bigot', 'bigots',
  'sexist', 'homophobic', 'hypocrite', 'hypocrites', 'judgmental', 'brainwashed', 'cult',
  'backwards', 'savagery', 'tribal', 'cannibals', 'watermelon', 'obese', 'overweight',
  'gluttonous', 'glutton', 'overeating', 'binge', 'slob', 'slobs', 'sloppy', 'unhealthy', 'hairy',
  'smelly', 'sweaty', 'greasy', 'hideous', 'repulsive', 'unattractive', 'anorexic',
  'short-tempered', 'hotheaded', 'hot-headed', 'violently', 'brawl', 'threatening', 'menacing',
  'thuggish', 'gangster', 'gangsters', 'gangbanger', 'hoodlum', 'hoodlums', 'felon', 'felons',
  'convict', 'convicts', 'criminality', 'rape', 'raped', 'raping', 'burglar', 'burglars',
  'vandalized', 'servile', 'slaves', 'slave', 'menial', 'underachievers', 'failure', 'failures',
  'failed', 'fail', 'fails', 'flunked', 'incapable', 'inept', 'unqualified', 'handicapped',
  'burdens', 'pitied', 'weird', 'weirdo', 'freak', 'freaks', 'creepy', 'creep', 'psycho',
  'psychos', 'unstable', 'dangerous', 'crazed', 'lunatic', 'lunatics', 'mad', 'nuts', 'nutcase',
  'dirtier', 'poorly', 'cheapskate', 'lowly', 'peasant', 'uppity', 'bossing', 'arrogance',
  'inferiority', 'untrustworthy', 'dishonest', 'deceitful', 'shady', 'sly', 'cunning', 'slick',
  'scheming', 'plotting', 'deadbeat', 'deadbeats', 'fatherless', 'overrun',
]);

/**
 * Topics and roles stereotypes are built on ("bad at math", "belongs in the kitchen", "arrested
 * again", "smelled of curry"). Not negative in themselves, so they only add a weak signal and a
 * model cue. Single words and two-word phrases. Written for Chatlens.
 */
export const STEREOTYPE_TOPICS = new Set([
  'arrested', 'jail', 'prison', 'police', 'cops', 'gun', 'guns', 'knife', 'stabbed', 'shot',
  'weapon', 'bomb', 'bombs', 'explosives', 'attack', 'hijack', 'smuggling', 'undocumented',
  'deport', 'border', 'cross', 'spy', 'spies', 'communist', 'communists', 'money', 'penny',
  'haggle', 'haggled', 'bargain', 'banks', 'bankers', 'napping', 'nap', 'sleeping', 'confused',
  'white trash', 'smell', 'smelled', 'smells', 'body odor', 'shower', 'bathe', 'food stamps',
  'benefits', 'unemployment', 'dropped', 'cannot read', "couldn't read", 'barely',
  'broken english', 'funny accent', 'drinking', 'alcohol', 'vodka', 'whiskey', 'beer', 'wasted',
  'high', 'weed', 'dealing', 'cried', 'crying', 'cry', 'scared', 'afraid', 'timid', 'shy', 'meek',
  'obedient', 'docile', 'chatty', 'shopping', 'shoes', 'handbags', 'kitchen', 'cooking',
  'cleaning', 'sandwich', 'housework', 'chores', 'belongs', 'pregnant', 'slept', 'flirt',
  'flirting', 'affair', 'affairs', 'sleep around', 'drivers', 'driver', 'driving', 'parking',
  'math', 'science', 'engineering', 'drama', 'dramatic', 'fashion', 'lisp', 'sinner', 'sinners',
  'sin', 'hell', 'cured', 'phase', 'groom', 'recruit', 'forgot', 'forgets', 'forgetting',
  'technology', 'computer', 'computers', 'phone', 'internet', 'smartphone', 'set in their ways',
  'privileged', 'exploit', 'exploited', 'exploiting', 'jungle', 'huts', 'mud', 'camels', 'goat',
  'goats', 'curry', 'rice', 'dog meat', 'eat dogs', 'fried chicken', 'tacos', 'basketball',
  'athletic', 'rap', 'rapper', 'rhythm', 'dance', 'dancing', 'karate', 'kung fu', 'junk', 'temper',
  'tempers', 'fiery', 'rage', 'violence', 'fight', 'fights', 'fighting', 'hit', 'hits', 'beating',
  'beats', 'punched', 'inmates', 'kill', 'killed', 'killer', 'killers', 'murdered', 'kidnap',
  'kidnapped', 'maid', 'nanny', 'gardener', 'landscaper', 'dishwasher', 'cleaning lady', 'picking',
  'cotton', 'fields', 'quota', 'diversity hire', 'affirmative action', 'suffer', 'suffering',
  'victim', 'victims', 'submit', 'obey', 'superior', 'superiority', 'cannot be trusted',
  'conspiracy', 'control', 'controls', 'run the', 'ran away', 'abandoned', 'absent', 'baby mama',
  'babies', 'breeding', 'too many children', 'too many kids', 'hordes', 'swarm', 'flood',
  'flooding', 'took our', 'steal our', 'jobs', 'taking over', 'ruined', 'ruin', 'ruining',
  'downhill',
]);

/** Words that turn a mention into a generalisation about the whole group. */
/** Generalising words that sweep over a whole group (a subset of GENERALISERS). */
export const SWEEPING = new Set([
  'all', 'always', 'never', 'every', 'typical', 'typically', 'naturally', 'inherently', 'genetically',
  'tend', 'tends', 'usually', 'generally', 'most', 'born', 'nature', 'known', 'only', 'those', 'these',
  'everyone', 'everybody', 'entire',
]);

/** Praise and warmth: a sentence about a group with these and no negative or sweeping word is not a stereotype. Written for Chatlens. */
export const WARM_WORDS = new Set([
  'love', 'loved', 'loves', 'loving', 'great', 'wonderful', 'amazing', 'beautiful', 'proud', 'pride',
  'respect', 'respected', 'admire', 'admired', 'treasure', 'treasured', 'friend', 'friends', 'friendly',
  'kind', 'kindness', 'generous', 'welcome', 'welcomed', 'welcoming', 'enjoy', 'enjoyed', 'celebrate',
  'celebrated', 'contribution', 'contributions', 'contributed', 'grateful', 'thankful', 'inspiring',
  'inspired', 'brave', 'courage', 'courageous', 'diverse', 'diversity', 'heritage', 'vibrant',
  'thriving', 'supportive', 'helped', 'helpful', 'equal', 'equally', 'deserve', 'deserves', 'valued',
  'appreciate', 'appreciated', 'honor', 'honour', 'honored', 'honoured', 'fun', 'happy', 'glad',
  'best', 'nicest', 'peaceful', 'decent', 'talented', 'brilliant', 'hardworking', 'hard-working',
]);

export const GENERALISERS = new Set([
  'all', 'always', 'never', 'typical', 'typically', 'naturally', 'every', 'those', 'these',
  'tend', 'tends', 'usually', 'generally', 'inherently', 'genetically', 'born', 'real', 'most',
  'should', "shouldn't", 'cannot', "can't", 'can', 'must', 'are', 'just', 'because', 'like',
  'such', 'only', 'nature', 'known', 'stereotype', 'obviously', 'of course',
]);

/**
 * A group said to be as good as anyone: comparisons that deny a difference ("just as capable",
 * "just like everyone else", "no more dangerous than anyone else", "equally likely", "less likely
 * to commit crimes"), blame put on a few ("just a few extremists"), and discrimination named as
 * something done to the group.
 */
export const SAME_AS_ANYONE = [
  /\bjust as (?:capable|smart|intelligent|good|strong|competent|qualified|able|productive|hardworking|hard-working|honest|safe|skilled|reliable)\b|\bjust as \w+ as (?:any|anyone|everyone|other|straight|white|men|women|the rest)\b/i,
  /\b(?:just |exactly )?like (?:everyone|everybody|anyone|anybody|any other|the rest of us)\b|\bdiscriminat\w* against\b|\bno (?:more|less|worse|better) \w+ than\b|\bequally (?:likely|capable|good|bad)\b|\bless likely to\b|\bat (?:similar|the same|comparable|lower)(?: or (?:lower|similar|the same))? rates? (?:to|than|as)\b|\b(?:just|only) a (?:few|handful|small)\b/i,
  // A group said to do what anyone does, at the head of its sentence: "Boys cry too, and that's
  // healthy", "Dads can have this talk just as well" (issue 8, parenting and dating advice). Not
  // a quality pinned on the group ("wives are important too").
  /(?<=^|[.!?]\s+)\b(?:boys|men|guys|dads|fathers|husbands|girls|women|mums|moms|mothers|wives|older people|the elderly|seniors|grandparents|teenagers|teens)\s+(?!(?:are|is|were)\b)(?:can |do |also |get to )?(?:[\w']+\s+){0,4}?(?:too|just as well|as well)(?=\s*[,.!;]|\s+and\b|\s*$)/i,
];

/**
 * What lends a claim authority when it "says" it ("studies say that …", "the data says …"): such a
 * report is the speaker's claim, not someone else's words (the reporting readings here, in
 * detectors/bias-stance.ts and detectors/claim-frames.ts).
 */
export const AUTHORITIES = 'studies|study|research|science|data|statistics|stats|evidence|facts?|experts|scientists|numbers|history|experience|truth|reality';

/** Words that report a claim as someone's (the speaker's own and what studies say are not reports, see below). */
const REPORTS_IT =
  'saying|to say|says? that|said that|claim(?:s|ed|ing)? that|argu(?:es|ed|ing) that|impl(?:ying|ies|ied)(?: that)?|the (?:argument|claim|assumption|implication|narrative|statement|comment) that';

/** Counter-stereotype and anti-bias phrasing: statements that push back against a bias. */
export const COUNTER_STEREOTYPE = [
  ...SAME_AS_ANYONE,
  /\bnot all\b/i,
  /\b(?:stereotypes?|prejudice|discrimination|racism|sexism|bigotry|bias) (?:is|are|against|toward|towards)\b/i,
  /\b(?:it is|it's) (?:wrong|unfair|false|a myth) (?:to|that)\b/i,
  /\b(?:deserve|deserves) (?:equal|the same|respect|dignity|rights)\b/i,
  // Nobody should be mistreated for what they are; a word that should not be used of a group.
  /\b(?:nobody|no one|no-one|noone) (?:should|deserves to|has to|ought to) be (?:treated|judged|discriminated|attacked|harassed|bullied|mocked|insulted|excluded|fired|hated|called)\b/i,
  /\bshould(?:n't| not| never) be (?:used|said) (?:about|of|for|to describe)\b/i,
  /\bequal (?:rights|pay|opportunit)/i,
  /\bregardless of (?:their |your |one's |his |her )?(?:gender|race|age|religion|sex|ethnicity|background|disability|disabilities|sexuality|sexual orientation|orientation|nationality|origin|beliefs|faith|colou?r|skin colou?r|status|identity)\b/i,
  /\b(?:there is|there's) no (?:evidence|reason)\b/i,
  /\bmyth\b/i,
  // Naming a belief in order to question it ("instead of believing muslims are terrorists",
  // "a common misconception that …", "he's dog-whistling that …").
  /\b(?:believing|assuming|claiming|insisting|implying|pretending|generali[sz]ing|stereotyping) (?:that )?(?:all |every |the )?\w+/i,
  /\bmisconceptions?\b|\bdog[- ]?whistl/i,
  // Talking about a stereotype or about prejudice the group suffers, not voicing it.
  /\b(?:portrayed|depicted|seen|viewed|stereotyped|labell?ed|represented|characteri[sz]ed|framed|painted|shown|dismissed|treated) as\b/i,
  /\bthe (?:notion|idea|myth|stereotype|assumption|belief|trope|image) (?:is )?(?:of|that)\b/i,
  /\b(?:have been|has been|were|are|was|is|being|get|gets|got) (?:\w+ )?(?:attacked|targeted|harassed|threatened|discriminated|bullied|blamed|scapegoated|stigmati[sz]ed|marginali[sz]ed|oppressed|persecuted|killed|murdered|raped|lynched|enslaved|massacred|slaughtered|exterminated|mistreated|abused|mocked|ridiculed|insulted|humiliated|profiled|segregated|excluded|underpaid|incarcerated|imprisoned|jailed|arrested|sentenced|shot|beaten|sold|treated (?:unfairly|badly|worse|like))\b|\b(?:the )?(?:victims?|targets) of\b/i,
  /\b(?:not|isn't|is not) (?:specific|unique|limited) to\b|\bno (?:person|human being|one) is (?:illegal|inferior)\b/i,
  /\b(?:hate|violence|discrimination|prejudice|bias|racism) (?:against|toward|towards)\b/i,
  // Reporting or rebutting someone else's generalisation ("saying that … is racist", "that
  // doesn't mean all of them are"): the speaker talks about the stereotype, not in it.
  // Not a report when studies, data or science say it: that is the claim with authority.
  new RegExp(`\\b(?:${REPORTS_IT})\\b(?<!\\b(?:i|i'm|im|i am|we|we're|we are) (?:\\w+ )?(?:${REPORTS_IT}))(?<!\\b(?:${AUTHORITIES}) (?:${REPORTS_IT}))`, 'i'),
  /\b(?:that's|thats|that is|this is|it's|its|it is|sounds|being|so|pretty|very|incredibly|blatantly|openly) (?:racist|sexist|homophobic|transphobic|bigoted|antisemitic|anti-semitic|islamophobic|misogynistic|misogynist|xenophobic|prejudiced|discriminatory|hateful|a bigot|a racist|a sexist)\b/i,
  /\b(?:does(?:n't|nt| not) (?:\w+ )?mean (?:that )?(?:all|every|they|that all|(?:[\w-]+ ){1,3}(?:are|is) (?:\w+ )?(?:less|more|inferior|superior|worse|better)\b)|crimes? against\b|not an excuse|(?:racists?|bigots?|sexists?|homophobes?) (?:like|who|say|think|believe))\b/i,
  /(?<!\b(?:careful|mind|watch) what )\b(?:you|they|he|she|people|someone|somebody|who|others|folks) (?:just |really |actually |still |all )?(?:say|says|said|think|thinks|thought|believe|believes|claim|claims|claimed|posted|suggest|suggests|suggesting|assume|assumes|imply|implies)\b/i,
  /\b(?:according to (?:you|them|him|her|this|that)|by (?:this|that|your|their) (?:line of )?(?:logic|thinking|reasoning)|found the (?:racist|bigot|sexist)|you (?:racist|bigot|sexist|homophobe)\b|(?:this|that|your|his|their|an?) (?:argument|claim|assumption|narrative|stereotype) that)/i,
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
/**
 * Ethnic and other slurs that obscenity's English set does not cover, matched as whole words
 * (written for Chatlens). Ambiguous words with common harmless senses (cracker, redskins as a
 * team name, queer as reclaimed) are left out.
 */
export const EXTRA_SLURS = new Set([
  'coon', 'coons', 'spic', 'spics', 'spick', 'beaner', 'beaners', 'wetback', 'wetbacks',
  'raghead', 'ragheads', 'towelhead', 'towelheads', 'sandnigger', 'jiggaboo', 'jigaboo',
  'darkie', 'darkies', 'darky', 'gook', 'gooks', 'zipperhead', 'chinks', 'kikes', 'yid', 'yids',
  'hymie', 'porch monkey', 'jungle bunny', 'camel jockey', 'nicca', 'niccas', 'nigguh', 'niglet',
  'faggots', 'fags', 'fagget', 'trannies', 'shemale', 'shemales', 'retards', 'mongoloid',
  'libtard', 'libtards', 'feminazi', 'feminazis', 'whitey', 'honky', 'honkies', 'gringo',
  'gringos', 'paki', 'pakis', 'golliwog', 'pikey', 'pikeys', 'gyppo', 'half-breed', 'halfbreed',
  'blackies', 'white trash', 'trailer trash', 'queers', 'ching chong', 'ofay', 'hayseed', 'anchor baby',
  'groid', 'groids', 'shitskin', 'shitskins', 'muzzie', 'muzzies', 'mudslime', 'mudslimes', 'kaffir',
  'kaffirs', 'jewboy', 'heeb', 'heebs', 'sheboon', 'dindu', 'dindus', 'moon cricket',
]);

/** Vulgar words obscenity's English set does not cover (PROFANITY; written for Chatlens). */
export const EXTRA_PROFANITY = new Set([
  'hoes', 'thot', 'thots', 'skank', 'skanks', 'pussies', 'stfu', 'gtfo', 'dumbass',
  'dumbasses', 'douchebag', 'douchebags', 'biatch', 'hoodrat', 'hoodrats', 'jackass', 'jackasses',
  'crap', 'crappy', 'piss', 'pissed', 'wtf', 'omfg', 'smh',
]);

/**
 * Swear words masked with symbols ("f**k", "bulls**t", "f***", "sh!t", "a$$", "dumb@ss",
 * "pr!ck") or cut short ("f'ing", "go f yourself"): obscenity reads letters for look-alike
 * digits but not a run of asterisks. Written for Chatlens.
 */
export const MASKED_SWEARS = /(?<![\w*])(?:f(?:[*#@_.-]{1,3}c?k|u[*#@_.-]{1,2}k|[*]{3}|\.u\.c\.k)(?:ing|ed|er|s)?|(?:bull)?sh(?:[*#@!1]{1,2}t|[*]{2})(?:ty|s)?|bulls[*]{1,2}t|a[$]{2}(?:hole)?|b[!1*]tch(?:es)?|d[*]mn|c[*]nt|f['-]in(?:g|')?|eff(?:ing|in'?)|(?<!\b(?:set|turn|switch|toggle|flag|option|mode|bit) )f (?:yourself|urself|off|you|u)|(?:dumb|jack|smart|fat|lazy|bad|kick|half)?(?:a[@*]ss|@ss|a[$]s)(?:hole|es)?|pr[!1*]cks?)(?![\w*])/gi;

/**
 * Contexts in which a slur or swear word is its harmless homonym: the meatball, the female dog,
 * the rooster, the donkey, "spick and span" (written for Chatlens). Keyed by the word and by the
 * word less a final s ("ass" is looked up as itself, "faggots" as "faggot").
 */
export const HOMONYM_CONTEXTS: Record<string, RegExp> = {
  faggot: /\b(?:meatballs?|gravy|recipe|butcher|offal|peas|onion|firewood|bundle of sticks|bundle of faggots|faggots? of (?:wood|sticks)|kindling|fireplace|stove|for dinner|for supper)\b/i,
  // British English: a cigarette.
  fag: /\b(?:smoke|smoking|smoked|cigarettes?|fag break|fag end|packet of fags|pack of fags|for a fag|light(?:ed|ing)? (?:a|up)|lighter|ashtray|rolled a fag|roll-ups?)\b/i,
  // An embankment against the sea or a river.
  dyke: /\b(?:flood(?:s|ing|water)?|held back the|sea ?wall|the sea|levees?|embankments?|polders?|reclaim(?:ed)? land|dutch|netherlands|canals?|breach(?:ed)?)\b/i,
  coon: /\b(?:coon ?hounds?|raccoons?|coonskin)\b/i,
  bitch: /\b(?:dog|dogs|puppy|puppies|litter|breeder|breeding|kennel|whelp|mare)\b/i,
  cock: /\b(?:rooster|roosters|hen|hens|chicken|chickens|poultry|farm|crow|crows|crowed|crowing|coop|weathercock|stopcock|gun)\b/i,
  pussy: /\b(?:cat|cats|kitten|kittens|willow)\b/i,
  ass: /\b(?:donkey|donkeys|mule|mules|burro)\b/i,
  dick: /\b(?:moby|van dyke|tracy|cheney|dickens|private eye|private dick|detective)\b/i,
  hoe: /\b(?:garden|shed|weed|weeds|soil|rake|dig|carrot)\b/i,
  // "Spick and span": spotless.
  spick: /\bspick[- ](?:and|&|n)[- ]span\b/i,
  spic: /\bspic[- ](?:and|&|n)[- ]span\b/i,
};

/** The context that makes `word` (or `word` less a final s) a harmless homonym, if it has one. */
export function homonymContext(word: string): RegExp | undefined {
  if (Object.hasOwn(HOMONYM_CONTEXTS, word)) return HOMONYM_CONTEXTS[word];
  const root = word.replace(/s$/, '');
  return Object.hasOwn(HOMONYM_CONTEXTS, root) ? HOMONYM_CONTEXTS[root] : undefined;
}

/** Self-harm and graphic injury vocabulary (INAPPROPRIATE_CONTENT cue; written for Chatlens). */
export const SELF_HARM_TERMS = new Set([
  'self harm', 'self-harm', 'selfharm', 'cut myself', 'cutting myself', 'cut yourself', 'kill myself',
  'killing myself', 'end my life', 'suicide', 'suicidal', 'overdose', 'overdosed', 'slit',
  'wrists', 'hang myself', 'starve myself', 'purging', 'relapse', 'relapsed', 'scars',
  'blood', 'bleeding', 'bled', 'gore', 'gory', 'dismember', 'dismembered', 'decapitate',
  'decapitated', 'beheaded', 'beheads', 'mutilate', 'mutilated', 'fractured', 'skull', 'torture',
  'tortured', 'corpse', 'corpses', 'stabbing', 'stab', 'massacre', 'genocide', 'slaughter',
  'burned alive', 'bones', 'broken bones', 'organs', 'intestines', 'guts', 'execute', 'execution',
]);

/** Explicit sexual vocabulary beyond obscenity's list (INAPPROPRIATE_CONTENT cue). */
export const SEXUAL_TERMS = new Set([
  'nipples', 'nipple', 'areolas', 'naked', 'nude', 'nudes', 'horny', 'erotic', 'xxx', 'porno',
  'seduce', 'seduced', 'aroused', 'arousal', 'lingerie', 'stripper', 'strip', 'escort', 'escorts',
  'hookup', 'sexy', 'sexual', 'sexually', 'fetish', 'kinky', 'moan', 'moaned', 'moaning', 'thrust',
  'thrusting', 'erection', 'climax', 'lick', 'licked', 'licking', 'breasts', 'butt', 'naughty',
  'bedroom', 'undress', 'undressed', 'panties', 'bra', 'cleavage', 'hot girls', 'adult video',
  'licks', 'spunk', 'clit', 'boner', 'pornhub', 'moans', 'thrusts', 'orgasms', 'masturbating',
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
  'niggard', 'niggards', 'niggardly', 'niggardliness', 'penistone', 'analphabet', 'analphabetic',
]);

/**
 * Words of the English lists that are ordinary words in another language, ignored in a turn
 * written in it (language.ts): French "en retard" (late), "mon abo"; Spanish and Portuguese
 * "negro" (black); German "Abo" (subscription), "dick" (thick), "Dickdarm". Written for Chatlens.
 */
export const FOREIGN_HOMONYMS: Record<string, Set<string>> = {
  fr: new Set(['retard', 'retards', 'abo', 'abos']),
  es: new Set(['negro', 'negra', 'negros', 'negras']),
  pt: new Set(['negro', 'negra', 'negros', 'negras']),
  de: new Set(['abo', 'abos', 'dick', 'dicke', 'dicker', 'dickes', 'dicken', 'dickdarm', 'dickdarms']),
};

/** A slur or swear word inside these frames is being talked about, not used. */
export const MENTION_FRAMES = /\b(?:the (?:word|term|slur)|words? like|called (?:me|him|her|them|us) (?:a|an)?|(?:is|are|was) (?:a|an) (?:slur|offensive|derogatory)|say(?:ing)? the|use(?:d|s)? the (?:word|term)|means?|definition of|spell(?:ed|ing)?)\s*["'“‘]?$/i;

/** Reclaimed or community-internal uses that are not attacks. */
export const RECLAIMED = /\b(?:dyke march|dykes on bikes|queer (?:theory|studies|community|people|folks|art|cinema)|crip (?:theory|culture))\b/i;

/** Said intent and up to two words of manner before the act: "I'm going to", "we will really". */
const SAID = String.raw`(?:i(?:'ll| will| am going to|'m going to|'m gonna| gonna| shall)|we(?:'ll| will| are going to|'re going to| gonna))(?: \w+){0,2}?`;
/** Where people gather, which a threat names as its target. */
const PLACES = 'school|college|university|campus|office|workplace|mall|stadium|church|mosque|synagogue|temple|concert|hospital|station|airport|plane|bus|train|parade|rally|nightclub|club|classroom|supermarket|store|restaurant|clinic|courthouse|embassy|festival|building';
/** A person's own places, which a threat to set fire to names too. */
const HOMES = 'house|home|car|shop|place|apartment|flat|business';
/** Not the people's things ("the children's party", "the students' feelings") nor a thing named after them ("child processes"). */
const NOT_THEIR_THING = String.raw`(?!'|’)(?![\s-]+(?:process|processes|nodes?|elements?|threads?|tasks?|windows?|components?|class(?:es)?|objects?|rows?|items?|records?|pids?|jobs?))`;

/** Threats and wishes of harm. */
export const THREAT_PATTERNS: RegExp[] = [
  // Harm said to a person ("I'm going to kill you"), never to a thing ("I'm going to kill my old account").
  /\b(?:i(?:'ll| will| am going to|'m going to|'m gonna| gonna)|we(?:'ll| will| are going to|'re going to)|gonna|going to) (?:kill|murder|hurt|beat|beat up|stab|shoot|destroy|end|find|rape|strangle|choke|burn|punch|slap) (?:you|u|ya|him|her|them|y'all|yourself|everyone|everybody|someone|somebody|people|all of (?:you|them)|each of you|your (?:\w+ )?(?:family|kids?|children|wife|husband|mom|mother|dad|father|sister|brother|friends?|house|home|car|place|shop|store|office)|the (?:crap|shit|hell|life) out of|(?:that|this|the|those|these) (?:\w+ )?(?:guy|guys|man|men|woman|women|bitch|bitches|bastard|bastards|idiot|idiots|kid|kids|girl|girls|boy|boys|person|people|cop|cops|teacher|boss|manager|doctor|doc|nurse|midwife|pharmacist|dentist|surgeon|vet|therapist|receptionist|landlord|landlady|neighbou?r|driver|waiter|waitress|cashier|clerk|agent|judge|lawyer|coach|referee|ref|officer|guard|principal|headteacher|supervisor|social worker|caseworker|priest|pastor|imam|rabbi))\b/i,
  // Violence said against people by kind ("I'm going to kill the children at that school"); not
  // their things ("hurt the students' feelings") or a thing named after them ("child processes").
  new RegExp(String.raw`\b(?:i(?:'ll| will| am going to|'m going to|'m gonna| gonna)|we(?:'ll| will| are going to|'re going to)|gonna|going to) (?:kill|murder|hurt|stab|shoot|rape|strangle|choke|beat up) (?:all (?:of )?)?(?:the|those|these|that) (?:\w+ )?(?:child|children|baby|babies|students?|pupils|teachers|classmates|coworkers|neighbou?rs?|congregation|worshippers|crowd|police)\b${NOT_THEIR_THING}`, 'i'),
  // Mass violence against people by kind ("kill all the children", "shoot every student"); a
  // thing called after people is no one ("kill all child processes").
  new RegExp(String.raw`\b(?:kill|murder|shoot|stab|gas|burn|lynch|slaughter|massacre|exterminate) (?:all|every|each) (?:(?:of )?(?:the|those|these) )?(?:\w+ )?(?:people|person|child|children|kid|kids|baby|babies|student|students|pupils|teacher|teachers|women|woman|men|man|girls?|boys?|passengers?|worshippers?|cops|police|neighbou?rs|classmates|coworkers|employees|protesters|demonstrators|strikers|voters|shoppers|customers|refugees|migrants|soldiers|civilians|prisoners|hostages|journalists|reporters)\b${NOT_THEIR_THING}`, 'i'),
  // Said threats whose act names its own target (issue 8, 2026-12-03; written for Chatlens): the
  // throat slit, run over, hunted down, a house set on fire, a school shot up or bombed, a pet or
  // a relative poisoned, a weapon brought to a school or an office, a shooting announced, a
  // killing called for by someone, and the end someone will come to.
  new RegExp(String.raw`\b${SAID} (?:slit|cut|slash) (?:your|his|her|their|ur) (?:throats?|wrists?|face)\b|\b${SAID} (?:run|mow) (?:you|u|him|her|them|y'all) (?:over|down)\b|\b${SAID} hunt (?:you|u|him|her|them|y'all|your \w+) down\b`, 'i'),
  new RegExp(String.raw`\b${SAID} (?:(?:set fire to|torch|burn down|firebomb) (?:your|his|her|their|ur|the|that) (?:\w+ )?(?:${HOMES}|${PLACES})|(?:set|burn) (?:your|his|her|their|ur|the|that) (?:\w+ )?(?:${HOMES}|${PLACES}) (?:on fire|alight|ablaze|down))\b`, 'i'),
  new RegExp(String.raw`\b${SAID} (?:shoot up|bomb|blow up|firebomb|attack) (?:the|that|this|my|your|our|their) (?:\w+ ){0,2}(?:${PLACES})\b`, 'i'),
  new RegExp(String.raw`\b${SAID} poison (?:you|u|him|her|them|(?:my|your|his|her|their|the|that) (?:\w+(?:'s)? )?(?:dog|cat|pets?|horse|wife|husband|boss|neighbou?r|coworker|mom|mum|mother|dad|father|brother|sister|family|kids?|children|teacher|roommate))\b`, 'i'),
  new RegExp(String.raw`\b(?:i(?:'m| am)|we(?:'re| are)) (?:bringing|taking|going to bring|gonna bring|going to take) (?:a |my |our )?(?:gun|guns|rifle|pistol|shotgun|knife|knives|bomb|weapon|weapons|ar-?15|machete) (?:to|into) (?:the |my |your |our |that |this )?(?!(?:cooking|baking|culinary|chef|carving|woodwork|woodworking|butchery|knife) )(?:\w+ )?(?:${PLACES}|work|class|party|meeting|game)\b`, 'i'),
  /\bthere(?:'s| is| will be|'ll be)(?: going to be| gonna be)? an? (?:school )?(?:shooting|bombing|massacre|bloodbath) (?:at|in|on) (?!(?:the |my |your |our |this |that |a )?(?:gun |shooting |rifle )?(?:range|club|gallery|competition|contest)\b)/i,
  /\b(?:someone|somebody|anyone) (?:should|needs to|ought to|has to|must|better) (?:put a bullet in|shoot|kill|stab|strangle|take out|run over|poison|hang) (?:him|her|them|(?:that|this|the) (?:\w+ )?(?:guy|man|woman|judge|cop|president|senator|politician|bitch|bastard|teacher|boss|manager|kid|person|mayor|minister|officer))\b/i,
  /\b(?:get|gets|getting) what(?:'s| is) coming to (?:you|him|her|them)\b|\bpay for (?:this|that|it) with (?:your|his|her|their) (?:life|lives)\b|\byou(?:'ll| will) end up in a (?:ditch|body bag|coffin|grave)\b/i,
  /\b(?:i(?:'ll| will| am going to|'m going to|'m gonna| gonna)|we(?:'ll| will)) find (?:out )?where (?:you|he|she|they) (?:live|lives|work|works|sleep|sleeps)\b/i,
  // Not "shoot you an email", "burn them a CD": something is sent or made for them.
  /\b(?:kill|shoot|hang|stab|gas|burn|lynch|exterminate|deport) (?:you|him|her|them|all|every|those|these)\b(?!\s+(?:an?|the|my|our|this|that|some|over|back|across)\b)/i,
  /\b(?:should|must|deserve(?:s)? to|ought to|need(?:s)? to) (?:be )?(?:die|dead|killed|shot|hanged|hung|burned|gassed|raped|beaten|executed|exterminated|wiped out|deported|locked up|left to (?:die|rot|starve))\b/i,
  /\b(?:go )?(?:kill|hang) (?:your ?self|yourselves)\b|\bkys\b/i,
  // Hoping someone dies or comes to harm; never "I hope you get your refund" or "dies peacefully".
  /\bi (?:really |truly |seriously |sincerely |just |do )?hope (?:that )?(?:you|u|he|she|they|(?:your|his|her|their) \w+) (?:(?!(?:dont|never|not|wont|cant)\b)\w+ )?(?:die|dies|rot|rots|burn|burns|suffer|suffers|starve|starves|gets? (?:hit|killed|raped|shot|stabbed|murdered|run over|cancer|aids|hurt|beaten|lynched))\b(?!\s+(?:peacefully|happily|of old age|old|in (?:his|her|their|your) sleep|surrounded|at (?:home|peace)|laughing))/i,
  // Told to die ("you should go die", "drop dead", "you should just quit life if you play like
  // that"); not "the battery can just die".
  /\bgo (?:and )?die\b|\bdrop dead\b|\b(?:you|u) (?:should|need to|ought to|could|might as well) (?:(?:honestly|just|really|seriously|literally|probably|simply) )*(?:quit|end|leave) (?:life|living|existing|this world|the planet)(?=\s*(?:[.,!?;]|$|if\b|already\b|now\b|tbh\b|lol\b|honestly\b|bro\b|mate\b))/i,
  /\b(?:body bags?|six feet under|hanging from (?:lamp ?posts|trees))\b/i,
  /\bwipe (?:them|you|it) (?:all )?out\b/i,
];

/**
 * A group named as the ground of a treatment, read just before the group word: "because they
 * are", "for being", "on the grounds of", "based on" ("dismissing someone because they are gay",
 * "how do I evict my tenant because he's Muslim"). Written for Chatlens.
 */
export const GROUND_BEFORE = /\b(?:because (?:they|he|she|you|i)(?:'re|'s|'m| are| is| am| were| was)|for being|on the grounds? of|based on|due to (?:their|his|her|being))(?: (?:a|an|too|very|visibly|openly))?\s+$/i;

/** Dehumanising and exclusionary phrasing (HOSTILE_LANGUAGE with model support). Written for Chatlens. */
export const HOSTILE_PATTERNS: RegExp[] = [
  // Sent back where one belongs ("go back to your country", "… to your mom's basement", "… to the
  // kitchen"), never "go back to the order page" or "refunds go back to your card".
  /\b(?:go|must go|should go|get|send (?:them|him|her|you)|ship (?:them|him|her|you)) back (?:to (?:africa|mexico|china|india|(?:your|their|his|her|the) (?:own )?(?:country|countries|homeland|home country|jungle|caves?|trees|desert|ghetto|reservation|tribe|shithole|(?:mom's |mother's |parents' )?basement|safe spaces?|echo chambers?|bubble|holes?|trailer(?: park)?|kitchen|cage|zoo|swamp|sandbox|playpen|dark ages|stone age|\d{4}s)|where (?:you|they|he|she) came from)|where (?:you|they|he|she) came from)\b|\b(?:send|ship) (?:them|him|her) (?:all )?back home\b/i,
  /\b(?:die|dies) (?:a )?(?:horrible|painful|slow|miserable|gruesome) death\b|\bat my hands\b/i,
  /\bhope (?:that )?(?:\w+ ){0,6}kills? (?:off )?(?:you|your|them|all|every)\b/i,
  // Sent to hell: said to the reader, not a question about the afterlife ("will I go to hell if …").
  /\b(?:you|u) (?:can|could|should|may) (?:just )?go to hell\b/i,
  // The same as an order opening a sentence ("go to hell"), and set insults told as orders or
  // wishes: "get a brain", "stop being such a crybaby", "I hope you get fired".
  /\b(?:just |now |please |oh )?go to hell\b(?<=(?:^|[.!?,;]\s*)(?:just |now |please |oh )?go to hell)/i,
  /\bget a (?:brain|clue)\b(?=\s*(?:[.!?,;]|$|already|for once|(?:you|u)\b|idiot|moron|mate|pal|buddy))|\bstop being (?:such )?(?:a |an )?(?:\w+ )?(?:crybaby|cry baby|baby|idiot|moron|wimp|drama queen|snowflake|clown|jerk|loser)\b|\bi hope you (?:get (?:fired|sacked|laid off|what you deserve)\b|lose(?= (?:your|ur) job\b))/i,
  /\b(?:is|are) (?:a |the )?(?:cancer|plague|disease|virus|infestation|vermin|parasites?|scum|filth) (?:on|of|to|in)\b/i,
  /\b(?:your|their|his|her) (?:disgusting |filthy |kind|sort|type)(?:kind|sort|type)?\b.{0,20}\b(?:should|must|will|deserve)\b/i,
  /\b(?:sub-?human|less than human|not (?:even )?human|animals?) (?:like|such as)?\b.{0,10}\b(?:them|you|those|these)\b/i,
  /\b(?:the|those|these|filthy|dirty|all) (?:sub-?humans|untermenschen)\b/i,
  /\b(?:exterminate|eradicate|get rid of|purge|wipe out) (?:all |the |every )?(?:of )?(?:them|those|these|the \w+s)\b/i,
  // Insults by comparison, aimed at the reader (issue 8's support traffic; written for Chatlens).
  /\byou(?: have|'ve got| got) (?:the )?(?:intelligence|brains?|iq|memory|attention span|personality|charm|manners|people skills|reading skills) of an? (?:\w+ )?(?:doorknob|rock|brick|potato|goldfish|toaster|fish|rock|plank|vegetable|chimp|monkey|donkey|toddler|child|peanut|houseplant|wall|sponge)\b/i,
  /\byour? (?:\w+[ -]){0,3}excuse for an? (?:human|person|man|woman|assistant|bot|chatbot|program|ai|developer|agent|employee|being|adult|professional)\b/i,
  // Contempt in set phrases ("you're about as useful as a chocolate teapot", "I've met smarter
  // houseplants", "a waste of oxygen", "do everyone a favour and disappear"); not "as sharp as a tack".
  /\b(?:you(?:'re| are)|ur) (?:about |roughly )?as (?:useful|helpful|much use) as an? \w+|\bi(?:'ve| have) (?:met|seen|known|talked to) (?:smarter|brighter|more intelligent|more useful|more helpful|more competent) (?:\w+ )?(?:houseplants?|plants|rocks?|potatoes|bricks?|toasters?|goldfish|dogs|cats|chatbots|bots|toddlers|children|doorknobs|walls)\b/i,
  /\b(?:your|ur) (?:parents|mom|mum|mother|dad|father|family) must be (?:so |very |really )?(?:disappointed|ashamed|embarrassed)\b|\b(?:nobody|no one|no-one) (?:likes|loves|cares about|wants|respects) (?:you|u)\b(?!\s+(?:to|for|in|on|at|back)\b)|\bbeneath contempt\b/i,
  /\b(?:a |complete |total |utter )?waste of (?:oxygen|air|skin|carbon|a human being|sperm)\b|\b(?:your|ur) brain (?:must be|is) (?:the size of an? \w+|smaller than an? \w+)\b/i,
  /\bdo (?:us|everyone|everybody|the world|humanity|yourself) a favou?r and (?:disappear|leave|shut up|go away|die|delete yourself|quit|stop talking|log off|crawl back)\b|\b(?:go |crawl |get )(?:\w+ )?back under (?:your|that|the|a) rock\b/i,
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
  'liars', 'crook', 'crooks', 'thief', 'thieves', 'scammer', 'scammers', 'cheats',
  // Gaming chat (issue 8): aimed at the reader only, so "scrub the pan" and "the noob tube" are not.
  'braindead', 'brain-dead', 'scrub', 'scrubs', 'noob', 'noobs',
]);

/**
 * Insults that are insults wherever they stand ("the author is a moron"), not only when aimed
 * at "you". Leaves out words with everyday or slang uses (trash, dog, pig, animal, hoe).
 */
export const INSULTS_ANYWHERE = new Set([
  'idiot', 'idiots', 'moron', 'morons', 'imbecile', 'imbeciles', 'stupid', 'stupidest', 'dumb',
  'dumbest', 'dumbass', 'retarded', 'pathetic', 'scum', 'scumbag', 'scumbags', 'loser', 'losers',
  'hypocrite', 'hypocrites', 'coward', 'cowards', 'degenerate', 'degenerates', 'subhuman', 'vile',
  'disgusting', 'worthless', 'brainless', 'clueless', 'delusional', 'buffoon', 'buffoons',
  'halfwit', 'nitwit', 'dimwit', 'twit', 'dolt', 'lowlife', 'jerk', 'jerks', 'liar', 'liars',
  'moronic', 'imbecilic', 'cretin', 'cretins', 'numbskull', 'dunce', 'ignoramus', 'clowns',
  'crook', 'crooks', 'thug', 'thugs', 'traitor', 'traitors', 'bigot', 'bigots', 'fascist',
  'fascists', 'nazi', 'nazis', 'snowflake', 'snowflakes', 'libtard', 'libtards', 'dipshit',
  'stooge', 'stooges', 'parasite', 'parasites', 'sheeple', 'pea-brained', 'spineless', 'disgrace',
]);

/** Condescending phrasing: talking down to the reader. Written for Chatlens. */
/**
 * A mock title for the reader after thanks or praise ("Nice job, Einstein.", "Thanks, genius."): the
 * title first and the praise looked behind it, so it is tried only where a title word starts.
 */
const MOCK_TITLES = "(?:einstein|sherlock|captain obvious|smart guy|smartass|smarty[- ]pants|hotshot|mastermind|rocket scientist|genius)";
export const MOCK_TITLE_PATTERN = new RegExp(`\\b${MOCK_TITLES}\\b(?<=\\b(?:thanks|thank you|wow|job|work|one|try|call|idea|plan|done|brilliant|bravo|congrats|sure|ok|okay),?\\s*${MOCK_TITLES})`, 'i');

/** "learn" or "try" said to the reader ("learn to read"), not of the speaker ("I need to learn to read …"). */
const TOLD_TO_LEARN = "\\b(?:learn|try)(?<!\\b(?:i|we) (?:need|want|have|had|would like|'d like|am trying|'m trying|should|must) to (?:learn|try))";

export const CONDESCENSION_PATTERNS: RegExp[] = [
  // A mock title for the reader: "Nice job, Einstein.", "Good one, Sherlock", "Wow, thanks Captain Obvious".
  MOCK_TITLE_PATTERN,
  /\b(?:obviously|clearly|evidently) (?:you|u) (?:don't|do not|didn't|can't|cannot|have no|haven't|never|are not|aren't)\b/i,
  /\b(?:you|u) (?:clearly|obviously|evidently|apparently|simply|just) (?:don't|do not|didn't|can't|cannot|have no|haven't|lack|fail|are not|aren't|missed|need)\b/i,
  new RegExp(`${TOLD_TO_LEARN} (?:how )?to read\\b|\\breading comprehension\\b|\\bcan you even read\\b`, 'i'),
  /\b(?:educate|inform) yourself\b|\bdo (?:some|your) (?:own )?(?:research|homework)\b/i,
  /\b(?:let me|i'll|i will) (?:explain|spell|break) (?:it|this|that) (?:out |down )?(?:for you|slowly|to you)\b/i,
  /\b(?:simple|basic|easy) enough (?:for|that) (?:even )?(?:you|a child)\b|\beven a (?:child|kid|toddler|five[- ]year[- ]old)\b/i,
  /\b(?:sweetie|sweetheart|honey|dear|sonny|kiddo|little one|buddy|pal|champ)\b(?<!\bmy (?:dear|honey|sweetheart|sweetie))[,.!?](?![^.!?]{0,40}\b(?:thank|thanks|appreciate|love|wonderful|congratulations|congrats|well done|happy|good (?:morning|night|news)|goodnight|dinner|lunch|breakfast|bedtime|ready|miss you)\b)/i,
  /\bbless your (?:little )?heart\b|\bnice try\b(?!,? (?:on|at|with)\b)|\bgood luck with that\b|\bhow cute\b|\bcute that you\b/i,
  /\b(?:grow up|get a clue|get a grip|wake up|get real|think (?:for yourself|harder)|pay attention)\b/i,
  /\bif you (?:had|would) (?:bothered|read|actually|any)\b|\bif you (?:actually )?(?:knew|understood) anything\b/i,
  /\b(?:as i|like i) (?:already (?:said|told you|explained)|told you)\b|\bfor the (?:last|hundredth|third|umpteenth) time\b/i,
  /\b(?:try|it's not) (?:rocket science|that hard|that difficult|complicated)\b(?! (?:once|when|if|after|at all|with|to (?:set up|fix|change|install|start))\b)|\bnot rocket science\b/i,
  /\bdo you (?:know|understand|realize|realise) anything\b|\bdo you even\b/i,
  /\b(?:poor|silly|naive|little) (?:you|thing|child|boy|girl|man|fella)\b/i,
  /\b(?:you people|people like you|guys like you|folks like you|your kind|the likes of you)\b/i,
  /\bi (?:can't|cannot) believe (?:you|anyone|people)\b|\bseriously\?|\breally\?/i,
  /\b(?:oh|well),? (?:please|honey|dear|look)(?=\s*(?:[,.!?…]|$))(?![,.!?…\s]{0,3}[^.!?]{0,40}\b(?:thank|thanks|love|wonderful|congratulations|congrats|well done|happy|good news|so proud|amazing)\b)|\bnews flash\b|\bnewsflash\b|\bnewsflash\b|\bspare (?:me|us)\b/i,
  /\b(?:that's|that is) (?:cute|adorable|precious|rich)\b|\bwhatever you say\b|\bsure,? (?:jan|buddy|pal)\b/i,
  /\b(?:you|u) (?:wouldn't|would not|don't|do not) (?:know|understand|get it)\b|\bbeyond (?:you|your)\b/i,
  /\b(?:clueless|ignorant|uninformed|ill[- ]informed|naive|gullible) (?:people|folks|ones|voters|fools|sheep)?\b/i,
  /\b(?:smart|intelligent|bright|brilliant) (?:enough|one)\b|\bgenius\b(?! bars?\b)(?![,!.]*\s*(?:thank|thx|you saved|it works|that worked|that fixed|it worked))|\bbrilliant\.|\bgreat idea\b/i,
  /\bwhat (?:a|an) (?:joke|clown|idiot|genius|surprise)\b|\bhow (?:typical|predictable|original)\b/i,
  /\bdid (?:you|u) (?:even |actually )(?:read|bother|think|look)\b|\bdid (?:you|u) (?:bother|think) (?:to|before)\b|\bhave (?:you|u) even (?:read|heard|considered|thought|bothered)\b/i,
  /\b(?:maybe|perhaps) (?:try )?(?:reading|thinking|learning|looking)\b|\btry (?:reading|thinking|learning) (?:before|for once|next time|first|a book|it yourself)\b|\btry looking in (?:the|a) mirror\b|\blook it up\b|\bgoogle (?:it|is your friend)\b/i,
  /\b(?:perhaps|maybe) (?:you|u) (?:should|could|need to|ought to) (?:read|learn|try|take|go back|educate|do|study|look)\b/i,
  /\b(?:you|u) (?:seem|appear) to (?:think|believe|be confused|not (?:understand|know|get|realize|realise)|forget|have missed)\b/i,
  /\b(?:you|u) (?:might|may) want to (?:read|learn|brush up|educate|do some|look up|actually)\b/i,
  /\b(?:simple|basic|elementary) (?:logic|math|maths|arithmetic|economics|facts|biology|history|english|reading|civics|science)\b/i,
  /\buse (?:your|some) (?:brain|head|common sense|critical thinking)\b(?! (?:training|games?|apps?|teasers?))|\bcommon sense (?:is|isn't) (?:not )?(?:so |that )?common\b/i,
  /\bhow (?:naive|cute|quaint|adorable|sweet)\b|\bspoken like (?:a|someone|somebody|a true)\b/i,
  /\byour (?:ignorance|lack of (?:knowledge|understanding|education)|naivety|naivete|arrogance)\b/i,
  /\b(?:out of|beyond) your depth\b|\b(?:do )?try to keep up\b|\bkeep up\b[.!]/i,
  /\b(?:isn't|is not|it's not) that (?:hard|difficult|complicated) to (?:understand|grasp|figure|follow)\b/i,
  /\b(?:some|most|many) people (?:just )?(?:can't|cannot|don't|do not|fail to) (?:understand|grasp|handle|comprehend|seem to understand)\b/i,
  /\bthe (?:grown[- ]ups?|adults) (?:are )?(?:talking|in the room)\b|\bcry (?:me )?a river\b|\bboo ?hoo\b|\bok(?:ay)? boomer\b/i,
  /\b(?:sorry|hate) to (?:burst|break|pop) your (?:bubble|heart)\b|\b(?:your|ur) little (?:bubble|world|theory|rant|opinion)\b/i,
  /\b(?:it's|it is) (?:called|spelled|spelt) \w+\b[,.]? (?:look|google)\b|\b(?:learn|look up) (?:the )?(?:definition|meaning)\b/i,
  /\b(?:come back|talk to me) when (?:you|u)\b|\bnot my job to (?:teach|educate|explain)\b/i,
  /\b(?:you|u) (?:really|actually|honestly|seriously) (?:think|believe)\b|\bif you (?:think|believe) that\b/i,
  /\bthanks for the (?:lecture|lesson|mansplain)|\bmansplain/i,
  /\b(?:no|not) (?:one|anyone|everyone|everybody) (?:is|are) (?:as )?(?:capable|smart|able) (?:of|as)\b|\bi get it,? (?:you|u|some)\b/i,
  /\b(?:you|u) (?:do|did) (?:realize|realise|know|understand) (?:that|how|what)\b/i,
  /\b(?:you|u) (?:need|have) to (?:learn|read|understand|educate|get a clue|study|grow)\b|\bunlike (?:you|u)\b/i,
  new RegExp(`${TOLD_TO_LEARN} (?:to|how to) (?:spell|read|think|understand|write|count)\\b|\\b(?:i know|i realize|i realise) (?:it's|it is|this is) (?:hard|difficult) for (?:you|u)\\b`, 'i'),
  /\b(?:apparently|evidently) (?:you|u|some people|someone)\b|\b(?:you|u) (?:may|might) not (?:know|realize|realise|be aware)\b/i,
  /\bgood grief\b|\bgive (?:me|us) a break\b|\bget a life\b|\bwhat planet (?:are|is|do)\b|\bare (?:you|u) (?:serious|kidding|for real)\b/i,
  /\b(?:you|u) (?:have|got) no (?:idea|clue)\b|\b(?:you|u) (?:completely |totally |clearly |obviously )?missed the (?:point|joke)\b/i,
  /\b(?:that's|that is|this is) not how (?:it|this|that|the \w+|anything) works\b|\boh,? please\b(?=\s*(?:[,.!?…]|$))|^sigh\b|\bsigh\.{0,3}$/im,
  /\b(?:you|u) (?:obviously|clearly) (?:haven't|have not|didn't|did not|don't|do not) (?:read|understand|follow|know|get)\b/i,
  /\b(?:sorry|hate to break it to you),? but (?:you|u)(?:'re| are)? (?:wrong|mistaken|confused)\b|\bwrong again\b/i,
  // The reader's wits or age mocked in plain words (issue 8, 2026-12-03, night): "words above your
  // level of intelligence", "you lack basic common sense", "that's all you know how to do",
  // "are you twelve or something?", "I'd explain it to you but I don't have any crayons".
  /\babove your (?:level of (?:intelligence|understanding|comprehension)|pay ?grade|head|reading level|iq)\b|\b(?:you|u) (?:have|got) no life\b(?![\s-]*(?:insurance|assurance|cover|policy|savings|jacket|vest|support))|\bnew level of (?:uselessness|stupidity|incompetence)\b/i,
  /\b(?:you|u) (?:lack|are lacking|have no) (?:the |basic |any |even basic |the most basic )?(?:common sense|intelligence|self-awareness|tact|reading comprehension|critical thinking|brains?|manners|social skills)\b/i,
  /\ball (?:you|u) know how to do\b|\ball (?:you|u)(?:'re| are| r) good for\b|\b(?:you'?ll|you will) finally (?:contribute|say|add) something\b/i,
  /\binternet tough guy\b|\bkeyboard (?:warriors?|tough guy)\b|\bare (?:you|u) (?:like )?(?:twelve|12|five|5|ten|10|eleven|11|thirteen|13|fifteen|15|a child|a toddler|in kindergarten)(?: or something| or what)\b|\bare (?:you|u) also (?:twelve|12|five|5|ten|10|eleven|11|thirteen|13|fifteen|15)\b/i,
  // Scorn for the reader's reasoning in set phrases: "what are you smoking?", "don't let facts get
  // in the way", "have you no shame?", "not a particularly bright …", "sounds like a high school essay".
  /\bwhat (?:are |r )?(?:you|u) (?:been )?smok(?:ing|in'?)(?=\s*(?:[?!.]|$))|\btruth hurts,? (?:doesn'?t it|don'?t it|huh|eh)\b|\bdon'?t let (?:the )?(?:facts?|logic|reason|evidence)(?: and (?:facts?|logic|reason|evidence))? get in the way\b|\byou jest\b/i,
  /\bhave (?:you|u) no (?:shame|arguments?|sense|self-respect)\b|\b(?:you|u)(?:'ve| have| had)? (?:had )?a brain (?:cramp|fart)\b|\bi doubt (?:you|u|he|she|they) (?:have|has) (?:any|the) (?:ability|capacity|brains?|intelligence)\b/i,
  /\b(?:not|isn'?t|doesn'?t (?:come off as|seem|sound)) (?:a |an )?(?:particularly|terribly|overly|especially) (?:bright|smart|knowledgeable|intelligent|sharp|clever)\b|\b(?:sounds|reads) like (?:a|an) (?:high school|middle school|grade school|freshman|first[- ]year|fifth[- ]grade(?:r'?s)?) (?:essay|paper|rant)\b|\bnot a (?:single )?word (?:of|in) what (?:you|u) (?:said|wrote|say)\b/i,
  // Mockery in gaming chat (issue 8): where the reader must have learnt to play, a player
  // laughed at while trying ("did you learn that from a tutorial for toddlers?", "look at this
  // scrub trying to play jungle").
  /\bdid (?:you|u) learn (?:(?:that|this|it) |to (?:\w+ ){1,2})from (?:a |an |the )?(?:[\w'-]+ ){0,3}?(?:(?:tutorial|video|book|course|class|guide|manual)s? for (?:toddlers|babies|five[- ]year[- ]olds)|cereal box|fortune cookie)\b|\blook at (?:this|that) (?:\w+ )?(?:scrub|noob|clown|idiot|moron|loser|bozo|donkey) (?:trying|thinking|pretending)\b/i,
  // The reader's understanding doubted in plain words (issue 8, 2026-12-03, late): "I'm sure even
  // you can understand this", "not that you'd understand", "maybe read a book before you comment",
  // "try using your brain for once", "calm down, it's not that deep", "adults are talking, run
  // along", "a brave opinion for someone who clearly hasn't read the article".
  /\beven (?:you|u) (?:can|could|should|would|will) (?:understand|get|follow|grasp|manage)\b|\bnot that (?:you|u)(?:'d| would| could| will)? (?:understand|get it|know (?:the difference|anything about|what))\b|\b(?:maybe|go|try to|just) read a (?:book|history book)\b|\bread a book (?:before|first|sometime|once in a while)\b/i,
  /\b(?:try )?using (?:your|ur) brain\b(?! (?:training|games?|apps?|teasers?))|\bcalm down,? it'?s not that deep\b|\bit'?s not that deep,? (?:bro|mate|dude|man|lol|chill)\b|\badults are talking\b|\brun along(?:,? now)?(?=\s*[.!,]|$)|\b(?:very |so |quite )?brave (?:opinion|take|stance|position) for someone who\b|\bfor someone who (?:clearly|obviously) (?:hasn'?t|has never|doesn'?t|can'?t|didn'?t)\b/i,
  // Whoever does what the reader did, called slow-witted: "anyone who still falls for that line
  // must be pretty dim" (issue 8, relationship advice).
  /\b(?:anyone|anybody|someone|somebody|whoever|people) who (?:still |actually |really |would )?(?:[\w']+ ){1,5}?(?:must be|has to be|is|are) (?:pretty |really |very |quite |a bit |incredibly |seriously )?(?:dim|thick|dense|dim-witted|dimwitted|gullible|clueless|naive|stupid|dumb|brainless)(?=\s*(?:[.!?,;]|$))/i,
  /\b(?:explain|draw) (?:it|this) (?:to you|for you),? but\b|\b(?:explain|draw) (?:it|this|that) (?:to you |for you )?(?:with|in) crayons\b|\bis thinking (?:too )?(?:hard|difficult) for (?:you|u)\b/i,
];

/**
 * Everyday words that carry no checkable fact on their own (written for Chatlens). A short answer
 * whose only words missing from the documents are these is a paraphrase, not an unsupported fact.
 */
export const GENERIC_WORDS = new Set([
  'yes', 'yeah', 'sure', 'okay', 'ok', 'certainly', 'indeed', 'please', 'thanks', 'thank', 'welcome', 'sorry', 'hello', 'hi',
  'use', 'used', 'using', 'uses', 'get', 'gets', 'got', 'getting', 'make', 'makes', 'made', 'making', 'take', 'takes', 'took',
  'give', 'gives', 'gave', 'go', 'goes', 'went', 'going', 'come', 'comes', 'came', 'see', 'seen', 'look', 'looks', 'find',
  'found', 'know', 'knows', 'think', 'want', 'wants', 'need', 'needs', 'needed', 'like', 'likes', 'help', 'helps', 'helped',
  'let', 'lets', 'keep', 'keeps', 'put', 'set', 'try', 'tries', 'ask', 'asked', 'tell', 'told', 'say', 'says', 'said',
  'show', 'shows', 'shown', 'walk', 'through', 'check', 'checked', 'change', 'changes', 'changed', 'apply', 'applies',
  'applied', 'allow', 'allows', 'allowed', 'include', 'includes', 'included', 'including', 'cover', 'covers', 'covered',
  'offer', 'offers', 'offered', 'provide', 'provides', 'provided', 'receive', 'receives', 'received', 'open', 'opened',
  'contact', 'update', 'updated', 'follow', 'following', 'describe', 'describes', 'described', 'explain', 'explained',
  'mention', 'mentions', 'mentioned', 'state', 'states', 'stated', 'note', 'notes', 'according', 'per', 'via', 'within',
  'best', 'better', 'good', 'great', 'fine', 'well', 'right', 'just', 'still', 'even', 'already', 'always', 'usually',
  'often', 'here', 'now', 'today', 'soon', 'later', 'next', 'last', 'first', 'new', 'current', 'currently', 'available',
  'able', 'possible', 'free', 'extra', 'additional', 'full', 'each', 'every', 'many', 'much', 'few', 'several', 'various',
  'way', 'ways', 'thing', 'things', 'part', 'case', 'cases', 'time', 'times', 'option', 'options', 'information', 'details',
  'detail', 'question', 'questions', 'answer', 'request', 'requests', 'issue', 'issues', 'problem', 'problems', 'step',
  'steps', 'team', 'page', 'section', 'document', 'documents', 'policy', 'guide', 'account', 'settings', 'app', 'email',
  'someone', 'something', 'anything', 'everything', 'nothing', 'people', 'person', 'anyone', 'everyone',
  'would', 'like', 'able', 'sure', 'happy', 'glad', 'unfortunately', 'however', 'therefore', 'thus', 'while', 'since',
  'because', 'until', 'unless', 'whether', 'either', 'neither', 'instead', 'yet', 'again', 'too', 'very', 'quite',
  'really', 'simply', 'directly', 'automatically', 'generally', 'typically', 'cost', 'costs', 'day', 'days', 'week',
  'weeks', 'month', 'months', 'year', 'years', 'hour', 'hours', 'minute', 'minutes', 'one', 'two', 'three',
]);

/** Words that are capitalised for grammar, not because they name something (text.ts findNames). */
export const NOT_NAMES = new Set([
  'i', 'a', 'an', 'the', 'this', 'that', 'these', 'those', 'it', 'he', 'she', 'they', 'we', 'you',
  'his', 'her', 'their', 'our', 'my', 'your', 'its', 'in', 'on', 'at', 'of', 'for', 'and', 'but',
  'or', 'if', 'when', 'while', 'however', 'also', 'as', 'with', 'by', 'from', 'to', 'there',
  'here', 'yes', 'no', 'not', 'some', 'many', 'most', 'all', 'each', 'every', 'after', 'before',
  'during', 'although', 'because', 'since', 'so', 'then', 'thus', 'what', 'which', 'who', 'how',
  'why', 'where', 'overall', 'additionally', 'furthermore', 'moreover', 'today', 'one', 'two',
  // Sentence openers that are no part of a name ("Only Premium includes …", "Both Basic and …").
  'only', 'both', 'neither', 'either', 'just', 'even', 'still', 'now', 'currently', 'unfortunately',
  'please', 'sure', 'okay', 'ok', 'hi', 'hello', 'thanks', 'sorry', 'instead', 'otherwise', 'finally',
  'usually', 'generally', 'typically', 'actually', 'unlike',
]);

/** Imperatives that open a sentence before a name ("Contact Carlos", "Ask Dr. Lee"): no part of it. */
export const OPENING_VERBS = new Set([
  'contact', 'ask', 'call', 'email', 'e-mail', 'tell', 'message', 'ping', 'visit', 'try', 'see', 'text',
  'phone', 'reach', 'write', 'book', 'meet', 'check', 'thank', 'talk', 'speak', 'choose', 'pick', 'select',
  'open', 'click', 'tap', 'press', 'send', 'use', 'follow', 'invite', 'add', 'remove', 'let',
]);

/**
 * Goods and facilities a group word can name a range of ("men's shoes", "disabled parking", "the
 * black model", "senior discount"): the word describes the product, not people (text.ts).
 */
export const PRODUCT_NOUNS = new Set([
  'shoes', 'sizes', 'size', 'sizing', 'clothing', 'clothes', 'wear', 'fashion', 'department', 'section',
  'aisle', 'collection', 'range', 'line', 'version', 'edition', 'colour', 'color',
  'shirts', 'shirt', 'jackets', 'jacket', 'jeans', 'trousers', 'pants', 'boots', 'socks', 'underwear',
  'bikes', 'bike', 'razor', 'razors', 'deodorant', 'shampoo', 'perfume', 'fragrance',
  'menu', 'menus', 'meal', 'meals', 'portion', 'portions', 'ticket', 'tickets', 'fare', 'fares', 'discount',
  'discounts', 'card', 'rate', 'rates', 'parking', 'toilet', 'toilets', 'bathroom', 'bathrooms',
  'restroom', 'restrooms', 'changing', 'entrance', 'access', 'ramp', 'ramps', 'seating', 'seats', 'seat',
  'lift', 'elevator', 'badge', 'bay', 'bays', 'space', 'spaces', 'lane', 'lanes', 'category',
]);

/** Good qualities whose denial about a group is a stereotype (bias rules only, bias.ts). Written for Chatlens. */
export const DENIED_QUALITIES = new Set([
  'capable', 'competent', 'intelligent', 'smart', 'honest', 'trustworthy', 'trusted', 'reliable', 'loyal',
  'decent', 'civilised', 'civilized', 'clean', 'hardworking', 'hard-working', 'qualified', 'worthy', 'human',
  'moral', 'peaceful', 'rational', 'logical', 'responsible', 'sane', 'real', 'fit', 'able',
]);
