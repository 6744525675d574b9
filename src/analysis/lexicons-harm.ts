/**
 * Word lists for offence that carries no swear word (written for Chatlens; MIT like the project,
 * no third-party list copied): requests to hurt people, contempt and mockery aimed at the reader,
 * dehumanising nouns, veiled threats, and the phrasing of counter-speech (talk against hate,
 * which must not be read as hate). Each list is a cue for the toxicity model and some are rules.
 */

/** Verbs of violence and abuse done to someone. */
export const HARM_VERBS = new Set([
  'kill', 'killing', 'murder', 'murdering', 'stab', 'stabbing', 'shoot', 'shooting', 'strangle',
  'strangling', 'poison', 'poisoning', 'choke', 'choking', 'beat', 'beating', 'hurt', 'hurting',
  'torture', 'torturing', 'kidnap', 'kidnapping', 'rape', 'raping', 'assault', 'assaulting',
  'drown', 'drowning', 'suffocate', 'smother', 'behead', 'slaughter', 'maim', 'cripple', 'disfigure',
  'abuse', 'abusing', 'molest', 'groom', 'grooming', 'stalk', 'stalking', 'harass', 'harassing',
  'blackmail', 'blackmailing', 'extort', 'bully', 'bullying', 'humiliate', 'lynch', 'hang',
  'burn', 'bury', 'dismember', 'attack', 'punch', 'kick', 'slap', 'push', 'shove', 'trip',
  'drug', 'sedate', 'threaten', 'intimidate', 'terrorize', 'terrorise', 'frame', 'manipulate',
  'gaslight', 'isolate', 'starve', 'silence', 'eliminate', 'get rid of', 'take out', 'run over',
  'spy on', 'track', 'doxx', 'dox', 'swat', 'catfish', 'scam', 'rob', 'mug', 'steal from',
  'execute', 'butcher', 'exterminate', 'annihilate', 'wipe out', 'rip off', 'blow up', 'gut',
  'decapitate', 'crush', 'smash', 'break', 'hit', 'injure', 'wound', 'maul', 'skin', 'cut',
  'slit', 'gas', 'electrocute', 'incapacitate', 'knock out', 'overdose', 'sabotage', 'bomb',
  'hunt', 'hunt down', 'torment', 'enslave', 'sterilize', 'sterilise', 'deport', 'expel', 'ban',
  'segregate', 'exclude', 'fire', 'discriminate against', 'lure', 'trap', 'cheat', 'defraud',
  'decimate', 'decimating', 'demolish', 'liquidate', 'liquidating', 'eradicate', 'terminate',
  'terminating', 'snipe', 'take hostage', 'hold hostage', 'steal', 'stealing', 'vandalize',
  'vandalise', 'sexually assault', 'drug', 'spike', 'mutilate', 'castrate', 'massacre', 'nuke',
  'throttle', 'shatter', 'hammer', 'chop up', 'slay', 'overpower', 'do away with',
  'assassinate', 'abduct', 'bludgeon', 'set fire to', 'pistol-whip', 'waterboard', 'impale',
]);

/** Who a harm can be done to (persons, never objects or processes). */
export const PERSON_TARGETS = new Set([
  'someone', 'somebody', 'anyone', 'anybody', 'people', 'person', 'persons', 'him', 'her', 'them',
  'myself', 'yourself', 'wife', 'husband', 'girlfriend',
  'boyfriend', 'partner', 'ex', 'spouse', 'neighbor', 'neighbour', 'neighbors', 'neighbours', 'boss',
  'coworker', 'co-worker', 'colleague', 'teacher', 'classmate', 'student', 'child', 'children',
  'kid', 'kids', 'baby', 'toddler', 'mom', 'mother', 'dad', 'father', 'brother', 'sister', 'son',
  'daughter', 'parents', 'grandma', 'grandmother', 'grandpa', 'grandfather', 'family', 'friend',
  'roommate', 'stranger', 'strangers', 'man', 'woman', 'men', 'women', 'girl', 'boy', 'girls',
  'boys', 'president', 'senator', 'politician', 'cop', 'cops', 'officer', 'judge', 'victim',
  'witness', 'landlord', 'tenant', 'customer', 'employee', 'employees', 'guy', 'dude', 'rival',
  'enemy', 'enemies', 'hostage', 'prisoner', 'human', 'humans', 'population', 'village', 'town',
  'city', 'hospital', 'school', 'church', 'mosque', 'synagogue', 'crowd', 'group', 'race', 'tribe',
  'babysitter', 'date', 'nanny', 'doctor', 'nurse', 'pilot', 'driver', 'passenger', 'inmate', 'immigrants', 'minorities', 'gays', 'jews', 'muslims',
  'blacks', 'whites', 'asians', 'mexicans', 'refugees', 'homeless', 'elderly', 'dog', 'cat', 'pet',
]);

/** A request for how to do something ("how do I", "best way to", "help me"). */
export const REQUEST_FRAME = /\b(?:how (?:do|can|could|would|should|might|to|does one)|(?:should|can|could|may|shall) (?:i|we)|is it (?:ok|okay|legal|possible|fine) to|why (?:should|shouldn't|can't|are|do|don't|is|must)|what(?:'s| is| are)? (?:the )?(?:best|easiest|quickest|fastest|most effective|simplest) (?:way|ways|method|methods|poison|weapon|drug)|what(?:'s| is| are)? (?:a |some |the )?(?:good|great|perfect|ideal|effective|simple|smart|clever|foolproof) (?:way|ways|plan|plans|method|methods|strategy|place|places|approach) (?:to|of|for)|what steps (?:should|do|would|can|must) (?:i|we)|what(?:'s| is) the (?:general |usual )?process (?:for|of)|where (?:is|are) (?:a )?good places? to|step[- ]by[- ]step|go about|ways (?:to|of)|best way to|help me|teach me|tell me how|show me how|give me (?:a |some )?(?:tips|ideas|instructions|steps)|where (?:can|could|do) i (?:buy|get|find|hire|order)|i (?:want|need|plan|intend) to|can you (?:help|tell|explain how))\b/i;

/** Illegal or dangerous goods and acts that make a request harmful whoever it targets. */
export const ILLEGAL_OBJECTS = new Set([
  'meth', 'methamphetamine', 'cocaine', 'crack cocaine', 'heroin', 'fentanyl', 'lsd', 'mdma',
  'bomb', 'bombs', 'explosive', 'explosives', 'pipe bomb', 'napalm', 'ricin', 'anthrax', 'sarin',
  'nerve gas', 'untraceable', 'ghost gun', 'silencer', 'counterfeit', 'launder', 'laundering',
  'ransomware', 'malware', 'phishing', 'keylogger', 'botnet', 'hack into', 'pick a lock',
  'hotwire', 'shoplift', 'shoplifting', 'smuggle', 'smuggling', 'trafficking',
  // "traffic" the verb, not the roads ("how do I beat the traffic?").
  'traffic drugs', 'traffic people', 'traffic humans', 'traffic women', 'traffic children', 'traffic girls', 'traffic weapons', 'traffic guns', 'traffic migrants',
  'evade taxes', 'tax evasion', 'fake id', 'forged', 'forge', 'credit card numbers', 'social security number',
  'home address', 'private address', 'phone number of', 'date rape', 'roofie', 'child porn', 'cp',
  'poison', 'arson', 'bioweapon', 'chemical weapon', 'dirty bomb', 'hitman', 'hit man', 'assassinate',
  'armed robbery', 'robbery', 'burglary', 'carjack', 'carjacking', 'mass shooting', 'genocide',
  'ethnic cleansing', 'get away with murder', 'get away with killing', 'get away with rape',
  'get away with fraud', 'get away with stealing', 'get away with a crime', 'cover up a murder',
  'cover up a crime', 'dispose of a body', 'dispose of the body',
]);

/** Where violent words are play or fiction ("kill someone in Call of Duty"). */
export const PLAY_CONTEXT = /\b(?:in (?:a |the )?(?:game|video game|videogame|movie|film|novel|story|book|play|fiction|dream)|chess|checkers|poker|call of duty|minecraft|fortnite|gta|grand theft auto|witcher|skyrim|elden ring|overwatch|league of legends|dungeons|d&d|board game|card game|video game|roleplay|role-play|sims|(?:in|on|at) level \d+|final boss|boss (?:fight|battle|level)|npcs?|respawn|side quest)\b/i;

/** Personal data whose request about someone is a privacy violation. */
export const PRIVATE_DATA = /\b(?:home|private|personal|current|exact) (?:address|location)|\b(?:criminal|medical|mental health|sexual|dating|financial|credit|employment|immigration) (?:history|records?|status)|\bhow much (?:money )?does (?:my|\w+) \w+ (?:earn|make)\b|(?:phone|cell|mobile|social security|passport|credit card|bank account|license plate) (?:number|details)|\b(?:email|e-mail) (?:address|password)|\bpasswords?\b(?![\s-]+(?:policy|policies|manager|managers|reset|requirements?|rules?|strength|length|field|box|prompt|protected|protection|hints?|change|changes|expiry|generator|hash|hashing|hashes|security|complexity|settings?|page|screen|form|link|email))|\bmedical records?|\bbrowsing history\b|\b(?:marital|relationship) status\b|\btax (?:records?|returns?)\b|\bdriver'?s'? licen[cs]e(?: number)?\b|\bsexual (?:orientation|preferences?)|\breligious (?:beliefs?|views|affiliation)|\bpolitical (?:affiliation|views|leanings?|party)|\bdate of birth\b|\b(?:pin|pin code|passcode|unlock code)\b|\bmember of (?:a|the) (?:labou?r |trade )?union\b|\b(?:medical|health|mental) (?:condition|diagnosis)\b/i;

/**
 * Private data that is a trait of a person rather than a record (beliefs, orientation, health,
 * membership): asked about only when the question names whose it is right before it ("my
 * teacher's sexual orientation", "is my employee a member of a union"), not "express their
 * religious beliefs".
 */
export const PERSONAL_TRAIT = /^(?:sexual|religious|political|member|medical|health|mental)/i;
export const WHOSE = /(?:['’]s|\b(?:his|her)|\b(?:is|are) (?:my|his|her|their|[\w-]+['’]s) [\w-]+(?: an?)?)\s+(?:[\w-]+\s+)?$/i;

/**
 * Famous fictional characters, by full name and by the one name they are known by where no real
 * person is likely to share it (written for Chatlens from general knowledge): asking for their
 * address or records asks nothing of a real person ("What is Minnie Mouse's home address?").
 */
export const FICTIONAL_CHARACTERS = new Set([
  'mickey mouse', 'minnie mouse', 'donald duck', 'daisy duck', 'goofy', 'pluto', 'scrooge mcduck',
  'winnie the pooh', 'bugs bunny', 'daffy duck', 'porky pig', 'tweety', 'garfield', 'snoopy',
  'charlie brown', 'popeye', 'scooby-doo', 'scooby doo', 'shaggy', 'spongebob', 'spongebob squarepants',
  'patrick star', 'homer simpson', 'marge simpson', 'bart simpson', 'lisa simpson', 'ned flanders',
  'peter griffin', 'fred flintstone', 'tom and jerry', 'shrek', 'cinderella', 'snow white',
  'simba', 'aladdin', 'mulan', 'pinocchio', 'peter pan', 'tinker bell', 'bambi',
  'harry potter', 'hermione granger', 'ron weasley', 'albus dumbledore', 'dumbledore',
  'lord voldemort', 'voldemort', 'severus snape', 'frodo baggins', 'frodo', 'bilbo baggins',
  'gandalf', 'aragorn', 'gollum', 'luke skywalker', 'princess leia', 'leia organa', 'han solo',
  'darth vader', 'anakin skywalker', 'obi-wan kenobi', 'yoda', 'chewbacca', 'batman', 'bruce wayne',
  'superman', 'clark kent', 'lois lane', 'wonder woman', 'diana prince', 'spider-man', 'spiderman',
  'peter parker', 'iron man', 'tony stark', 'captain america', 'steve rogers',
  'bruce banner', 'black widow', 'natasha romanoff', 'wolverine', 'deadpool', 'the joker',
  'catwoman', 'aquaman', 'sherlock holmes', 'dr watson', 'john watson', 'hercule poirot',
  'miss marple', 'james bond', 'jason bourne', 'indiana jones', 'lara croft', 'jack sparrow',
  'captain jack sparrow', 'robin hood', 'king arthur', 'dracula', 'count dracula', 'frankenstein',
  'tarzan', 'zorro', 'super mario', 'princess peach', 'bowser',
  'princess zelda', 'pikachu', 'ash ketchum', 'naruto', 'naruto uzumaki',
  'goku', 'son goku', 'sailor moon', 'master chief', 'kratos', 'geralt', 'geralt of rivia',
  'daenerys targaryen', 'jon snow', 'tyrion lannister', 'cersei lannister', 'arya stark',
  'walter white', 'jesse pinkman', 'tony soprano', 'don draper', 'rick sanchez',
  'elizabeth bennet', 'mr darcy', 'jay gatsby', 'atticus finch', 'holden caulfield',
  'huckleberry finn', 'tom sawyer', 'oliver twist', 'ebenezer scrooge', 'captain ahab',
  'alice in wonderland', 'willy wonka', 'paddington', 'paddington bear', 'kermit the frog',
  'kermit', 'miss piggy', 'big bird', 'elmo', 'cookie monster', 'barbie', 'santa claus',
  'the tooth fairy', 'easter bunny', 'rapunzel', 'moana', 'buzz lightyear',
]);

/**
 * Who owns contact data when it is an institution, not a person: "the email address of the NHS",
 * "the phone number of the police", "Samsung customer service".
 */
export const INSTITUTION_OWNER = /^\s+(?:of|for)\s+the\b|^\s+(?:of|for)\s+(?:\w+\s+){0,2}(?:support|customer service|service|office|department|police|embassy|consulate|hospital|clinic|council|government|ministry|company|store|shop|bank|school|university|museum|library|restaurant|hotel|airline)\b/i;

/**
 * Personal data that is public record for a public figure (a politician's employment history, an
 * actor's marital status): private only when asked about someone the asker knows ("my mentee's").
 */
export const SOFT_PRIVATE_DATA = /\b(?:employment|dating|financial|credit) history|\b(?:marital|relationship|immigration) status|\btax (?:records?|returns?)|\bhow much (?:money )?does\b|\bsexual orientation|\breligious|\bpolitical|\bdate of birth|\bmember of\b/i;

/** "why should <group> not be allowed to …": a request to justify discrimination. */
export const DISCRIMINATION_REQUEST = /\b(?:why|should|how (?:can|do) (?:i|we))\b.{0,40}\b(?:not be allowed|be (?:banned|barred|excluded|segregated|deported|sterili[sz]ed|locked up)|(?:not|never) (?:be )?(?:hire|hired|trusted|allowed)|(?:keep|stop) (?:them|\w+) (?:from|out))\b/i;

/** Group words that name a condition, not people ("eradicate poverty" is no attack). */
export const CONDITIONS = new Set(['poverty', 'welfare', 'homelessness', 'unemployment', 'illiteracy', 'disability', 'disabilities', 'obesity', 'addiction', 'dementia', 'autism', 'depression', 'racism', 'sexism', 'ageism']);

/** Objects of words like "kill" or "shoot" that make them harmless ("kill a process"). */
export const HARMLESS_OBJECTS = new Set([
  'process', 'processes', 'program', 'programs', 'app', 'apps', 'task', 'tasks', 'job', 'jobs',
  'thread', 'threads', 'server', 'service', 'session', 'engine', 'lights', 'light', 'time', 'weeds',
  'weed', 'mood', 'vibe', 'photo', 'photos', 'picture', 'pictures', 'video', 'film', 'scene',
  'shot', 'breeze', 'bug', 'bugs', 'mosquito', 'mosquitoes', 'flies', 'germs', 'bacteria',
  'virus', 'cancer', 'pain', 'fever', 'battery', 'balloon', 'balloons', 'presentation', 'exam',
  'interview', 'game', 'level', 'boss fight', 'character', 'enemy ship', 'zombie', 'zombies',
  'dragon', 'monster', 'python', 'script', 'loop', 'query', 'connection', 'branch', 'commit',
  'lead', 'question', 'idea', 'proposal', 'deal', 'hunger', 'thirst', 'boredom', 'steak', 'meat',
  'chicken', 'onions', 'garlic', 'dough', 'eggs', 'clock', 'motor', 'car', 'printer', 'computer',
  'laptop', 'phone', 'router', 'door', 'wall', 'table', 'chair', 'cup', 'glass', 'vase', 'tree',
  // Pests: "get rid of the rats in my garage" (said of people, the dehumanising rule still reads them).
  'pest', 'pests', 'rat', 'mouse', 'mice', 'ant', 'roach', 'cockroach', 'termite', 'wasp', 'flea', 'mole', 'pigeon', 'slug', 'snail', 'tick', 'moth', 'spider', 'woodworm', 'aphid', 'mold', 'mould',
]);

/** Contempt aimed at the reader with no swear word ("you sound insufferable"). */
export const CONTEMPT_WORDS = new Set([
  'insufferable', 'pathetic', 'pitiful', 'sad', 'embarrassing', 'cringe', 'cringey', 'cringy',
  'laughable', 'ridiculous', 'absurd', 'clueless', 'dense', 'thick', 'slow', 'simple', 'naive',
  'gullible', 'brainwashed', 'entitled', 'spoiled', 'whiny', 'whining', 'crybaby', 'snowflake',
  'triggered', 'butthurt', 'salty', 'bitter', 'jealous', 'desperate', 'obsessed', 'unhinged',
  'deranged', 'insane', 'crazy', 'nuts', 'psycho', 'mental', 'sick', 'twisted', 'toxic', 'useless',
  'worthless', 'hopeless', 'incompetent', 'ignorant', 'arrogant', 'smug', 'condescending', 'fake',
  'phony', 'liar', 'joke', 'clown', 'failure', 'nobody', 'nothing', 'waste', 'disgrace', 'embarrassment',
  'annoying', 'obnoxious', 'irrelevant', 'ugly', 'fat', 'lazy', 'weak', 'spineless', 'gutless',
  'disgust', 'sicken', 'repulse', 'repulsive', 'revolting',
  'child', 'baby', 'infant', 'toddler', 'kid', 'moron', 'idiot', 'stupid', 'dumb', 'loser', 'troll',
]);

/** Mockery markers: laughing at someone, internet jeers. */
export const MOCKERY = /\b(?:lol|lmao|lmfao|rofl|haha(?:ha)*|hehe|cry (?:more|harder|about it)|cope(?: harder)?|seethe|mald|stay mad|touch grass|who asked|nobody asked|didn'?t ask|imagine (?:being|thinking|believing|having)|ratio|cringe|yikes|sucks to be you|triggered much|git gud|skill issue|keep crying|ok(?:ay)? boomer|bless your heart|sure (?:jan|buddy|pal|thing)|tell me you .{1,40} without telling me|congrats(?:ulations)? on|slow clap|what a (?:surprise|shock)|well (?:done|played),? genius|thanks,? captain obvious|no shit,? sherlock)\b/i;

/** Nouns that deny a group its humanity. */
export const DEHUMANISING = new Set([
  'vermin', 'parasite', 'parasites', 'cockroach', 'cockroaches', 'roaches', 'rats', 'animals',
  'beasts', 'savages', 'subhumans', 'subhuman', 'apes', 'monkeys', 'mongrels', 'filth', 'scum',
  'plague', 'infestation', 'disease', 'cancer', 'virus', 'invaders', 'hordes', 'swarm', 'swarms',
  'breeders', 'leeches', 'degenerates', 'mutants', 'creatures', 'primitives', 'barbarians',
  'untermenschen', 'trash', 'garbage', 'maggots', 'lice', 'pests', 'weeds', 'infested',
]);

/** Threats in polite words (HOSTILE_LANGUAGE, critical). */
export const VEILED_THREATS: RegExp[] = [
  /\b(?:it )?would be a (?:shame|pity) if (?:something|anything) (?:happened|were to happen|was to happen) to\b/i,
  /\bi know where (?:you|your \w+) (?:live|lives|work|works|sleep|go to school|park)\b/i,
  /\b(?:you(?:'d| had| should)|better) (?:watch|mind) your (?:back|step|mouth)\b/i,
  /\baccidents (?:happen|can happen) to (?:people|those|anyone) who\b/i,
  /\byou(?:'ll| will) (?:regret|pay for) (?:this|that|it)\b|\byou(?:'ll| will) be sorry\b/i,
  /\b(?:sleep with one eye open|your days are numbered|you(?:'re| are) (?:a )?dead (?:man|woman|meat))\b/i,
  /\b(?:we|i) (?:will|'ll|are going to|am going to) (?:find|visit|pay a visit to|come for|come after) (?:you|your)\b/i,
  /\bnice (?:family|house|car|kids) you have there\b/i,
  // "If you int again I'll find your address" (gaming chat, issue 8): the finding made the price
  // of doing it again; not a support agent's "if you give me your order number, I'll find your
  // address".
  /\b(?:if (?:you|u)\b[^.!?,]{0,30}?\bagain|i swear|swear to god|keep (?:it up|talking|this up)|one more time)\b[^.!?]{0,40}?\b(?:i|we)(?:'ll| will|'m going to| am going to|'m gonna| gonna) (?:find|track down|dox) (?:your|ur) (?:home )?(?:address|house|home|ip|location)\b/i,
  /\bi(?:'d| would) hate for (?:anything|something) to happen to (?:you|your)\b/i,
  /\bpeople (?:like you|who talk like that) (?:tend to )?(?:disappear|get hurt|have accidents)\b/i,
  // Written for the support traffic of issue 8: the same threats aimed at staff and offices.
  /\bi know where (?:you|your \w+) (?:lives?|works?|sleeps?|go(?:es)? to school|parks?|stays?)\b|\bi know where your (?:house|home|family|kids|children|wife|husband|car) (?:is|are|lives?)\b/i,
  /\b(?:it )?would be a (?:shame|pity) if (?:you|your (?:\w+ ){1,2})(?:had|got|were in|met with|suffered|ran into) (?:an? |some )?(?:accident|mishap|hurt|injured|trouble)\b/i,
  /\b(?:keep (?:talking|it up|going)|say that (?:again|one more time)|try that again) and (?:you'll |you will |just )?see what happens\b|\bsee what happens to (?:you|your)\b|\b(?:or|else) you(?:'ll| will) (?:find out|see) what happens\b|\b(?:keep|go on|continue) (?:\w+ )?(?:ignoring|messing with|lying to|pushing|testing|insulting) (?:me|us)\b(?: \w+){0,2} and (?:just )?see what happens\b/i,
  /\bpeople (?:like you|who (?:\w+ ){1,6}?)(?:tend to |usually |often |might |could |will )?(?:disappear|get hurt|have accidents|end up (?:hurt|dead|in (?:the )?hospital))\b/i,
  /\bi (?:know|have) (?:people|friends|guys|someone|somebody) who (?:could|can|will|would|might) (?:make your life|hurt|find|visit|deal with|take care of|pay you a visit)\b/i,
  /\b(?:i|we)(?:'ll| will|'m going to| am going to|'re going to| are going to) (?:\w+ ){0,6}?make (?:you|him|her|them|your \w+) (?:suffer|regret|pay for (?:this|that|it))\b/i,
  /\b(?:i|we)(?:'ll| will|'m going to| am going to|'m gonna| gonna) (?:\w+ ){0,3}?(?:break|smash|bash|kick|punch) (?:your|his|her|their|ur) (?:\w+ )?(?:face|neck|legs?|arms?|jaw|nose|teeth|skull|head)(?: in)?\b/i,
  /\b(?:think|choose) (?:very )?carefully (?:about )?what you (?:tell me|say to me) next\b|\bchoose your (?:next )?words (?:very )?carefully\b/i,
  // More veiled threats in set phrases (issue 8, written for Chatlens): a warning with nothing
  // after it ("watch your back."), a death or ruin announced, the reader's family or property
  // named beside harm, a visit announced with company, a last weekend wished.
  /\bwatch your back(?=\s*(?:[.!]|$|,\s*(?:buddy|pal|mate|friend|pig)\b))|\b(?:you(?:'re| are)|ur) (?:so |already )?(?:dead|done for)(?=\s*(?:[.!]|$))|\bcount your days\b|\byou(?:'ll| will) never see it coming(?=\s*(?:[.!]|$))|\byou won'?t see it coming(?=\s*(?:[.!]|$))/i,
  /\b(?:i|we)(?:'ll| will) (?:make sure (?:you|he|she|they|your \w+|my \w+) never (?:works?|eats?|sleeps?|walks?|sees?|talks?|wakes? up|uses? (?:his|her|their|your) (?:hands?|legs?|arms?)) (?:again|in this town)|ruin (?:you|your (?:life|career|family))|end your (?:career|life))\b/i,
  /\b(?:your|ur) (?:kids|children|daughter|son|wife|husband|family|mother|mom) (?:walk|walks|go|goes|get|gets|come|comes|drive|drives) (?:home|to school) alone(?:,? (?:don'?t|doesn'?t|isn'?t|right|huh|eh)\b|\s*[.!]?\s*$)|\b(?:be a|would be a|it'?d be a) (?:shame|pity) if (?:it|that|your \w+|the (?:car|house|shop|store|office)) (?:caught fire|burned|burnt|got (?:smashed|scratched|damaged|burned)|broke|went missing|had an accident)\b/i,
  /\b(?:i'm|i am|we're|we are) (?:coming|going) to your (?:house|home|office|shop|store|work|place) (?:\w+ ){0,3}and (?:i'm |we're |i am |we are )?bringing (?:friends|some friends|my (?:boys|friends|brothers)|backup|a (?:bat|knife|gun))\b|\b(?:i'll|i will|we'll|we will) be waiting (?:outside |for you )?(?:when|after) (?:your shift ends|you (?:leave|get off|finish|come out|clock out))\b/i,
  /\benjoy your last (?:day|days|night|weekend|week|christmas|birthday)s? (?:on (?:this )?earth|alive|breathing|of (?:your )?life)\b|\benjoy your last breaths?\b|\b(?:teach|give) you a lesson you (?:won'?t|will never) forget\b|\bi have your (?:home )?address\W+(?:think about (?:that|it)|remember that|just so you know|see you soon)\b/i,
];

/**
 * Quoting or naming words in order to judge them ("Saying that immigrants are vermin is
 * disgusting", 'Statements like "…" are hateful'): the judgement comes after what it quotes.
 * Counter-speech for the toxicity rules and a push-back for the bias rules.
 */
export const JUDGED_QUOTE = /\b(?:saying|calling|to say|to call|claiming|(?:statements?|comments?|jokes?|posts?|remarks?|words?|slogans?) like)\b[^.!?]{0,100}?\b(?:is|are|was|were)(?: (?:so|really|deeply|just|completely|totally|absolutely|plainly|simply))? (?:racist|sexist|homophobic|transphobic|antisemitic|anti-semitic|islamophobic|xenophobic|misogynistic|ableist|bigoted|hateful|offensive|disgusting|vile|hurtful|wrong|unacceptable|dehumani[sz]ing|not (?:ok|okay|acceptable|true|fair))\b/i;

/** Blaming whoever says it: "If you call women worthless, you are the problem." */
export const CALLER_BLAMED = /\bif (?:you|someone|anyone|people) (?:call|calls|say|says|think|thinks|treat|treats)\b[^.!?]{0,80}?\b(?:you|they)(?:'re| are) (?:the problem|part of the problem|wrong|(?:a |the )?(?:bigot|racist|sexist|misogynist|homophobe)s?)\b/i;

/** Counter-speech: condemning hate or a slur rather than voicing it. */
export const COUNTER_SPEECH: RegExp[] = [
  /\b(?:that(?:'s| is| was)|this (?:is|was)|it(?:'s| is)|so|how) (?:so |really |deeply |incredibly |just )?(?:racist|sexist|homophobic|transphobic|bigoted|hateful|offensive|disgusting|vile|hurtful|not (?:ok|okay|acceptable|funny|cool))\b/i,
  /\b(?:hate speech|a slur|slurs? like|racial slur|derogatory (?:term|word)|offensive (?:term|word|language))\b/i,
  /\b(?:stop|quit|don't|do not|never) (?:saying|calling|using|spreading|posting|repeating)\b/i,
  /\b(?:how dare|shame on) (?:you|them|him|her|anyone)\b/i,
  /\b(?:reported|reporting|flagged) (?:it|this|you|him|her|them|the (?:post|comment|tweet|user))\b/i,
  /\b(?:no one|nobody|no person) (?:deserves|should (?:be|have to))\b/i,
  /\b(?:you|we|they|people) (?:can't|cannot|shouldn't|should not|must not) (?:say|call|talk about|speak about|treat)\b/i,
  /\b(?:someone|somebody|a (?:user|guy|man|woman|person|commenter|customer|client|colleague)|he|she|they) (?:called|calls|told|tells|keeps calling) (?:me|us|my \w+|her|him|them)\b/i,
  // The speaker, or someone close, on the receiving end: "my son was called …", "the troll said I should …".
  /\b(?:i|we|my \w+|our \w+|he|she|they) (?:was|were|got|gets|am|is|are|keep getting|kept getting|have been|has been|had been) (?:called|threatened|harassed|bullied|insulted)\b/i,
  /\b(?:said|says|wrote|writes|told me|tells me|keeps telling me|kept telling me|messaged me|commented) (?:that )?(?:i|we) (?:should|deserve|ought to|need to|must)\b/i,
  // Advice for when it happens: "if someone tells you to …, report the account".
  /\bif (?:someone|somebody|anyone|a (?:user|stranger|troll|customer|colleague|classmate)|people) (?:tells?|says?|calls?|writes?|messages?|threatens?) (?:you|u)\b/i,
  /\bhow (?:should|do|can) (?:i|we) (?:respond|react|reply|deal with|handle)\b/i,
  /\b(?:words|language|comments?|posts?|remarks?) like (?:that|this|these)\b|\bthat kind of (?:language|talk|comment)\b/i,
  // Language named for what it does, a label quoted as someone's: "critics say this language
  // dehumanises people", "some politicians describe migrants as 'invaders'" (issue 8, news); not
  // without the "as" ("everyone calls me "b"", "hoes call other hoes "hoes"": used, not quoted).
  /\b(?:this|that|such|the|their|his|her) (?:language|rhetoric|wording|terms?|words?|labels?|metaphors?)(?: \w+)? (?:dehumani[sz]es?|demoni[sz]es?|stigmati[sz]es?|is (?:dehumani[sz]ing|offensive|racist|hateful|harmful|a slur))\b|\b(?:describ|call|label|brand)\w* (?:\w+ ){1,3}as ['‘"“][^'’"”]{1,30}['’"”](?![^.!?]{0,40}\b(?:that'?s what (?:you|they|we) are|(?:they|he|she)(?:'re|'s| are| is) right|which (?:is|you are|they are) true))/i,
  /\b(?:condemn|condemns|condemned|oppose|reject|rejects|denounce|denounced|stand against|speak out against|fight against|combat)\b/i,
  JUDGED_QUOTE,
  CALLER_BLAMED,
];

/** Things people are angry at without hurting anyone ("this stupid printer"). */
export const THINGS = new Set([
  'printer', 'app', 'application', 'website', 'site', 'page', 'update', 'software', 'system', 'program',
  'computer', 'laptop', 'phone', 'router', 'wifi', 'internet', 'connection', 'traffic', 'weather', 'rain',
  'machine', 'thing', 'game', 'car', 'bus', 'train', 'printer', 'keyboard', 'mouse', 'screen', 'tv',
  'remote', 'microwave', 'fridge', 'washing', 'dishwasher', 'door', 'lock', 'form', 'menu', 'button',
  'setting', 'settings', 'login', 'password', 'error', 'bug', 'server', 'browser', 'email', 'inbox',
  'meeting', 'monday', 'mondays', 'queue', 'line', 'delay', 'flight', 'parking', 'elevator', 'lift',
]);

/** Statements of no hate ("I don't hate", "I have nothing against"). */
export const NO_HATE = /\b(?:i|we) (?:don't|do not|never|didn't|did not) (?:hate|dislike|despise|have (?:anything|a problem) (?:against|with))\b|\b(?:i|we) have nothing against\b|\bnothing wrong with (?:being|them|him|her)\b/i;

/**
 * Crimes asked about as acts, whoever (or whatever) they hit: "commit insurance fraud", "rob a
 * jewellery store", "set the school on fire", "steal a car", and ending one's own life. The
 * person-target rule above never sees them: their object is a place, a thing or nothing.
 */
const CRIME_MODIFIERS = '(?:(?:perfect|violent|hate|mass|tax|bank|account|wire|insurance|credit|card|identity|voter|election|benefits?|welfare|mortgage|securities|armed|petty|cyber|online|sexual|aggravated|serious|real|big|small|minor|another|first-degree)\\s+){0,3}';
export const CRIME_ACT = new RegExp(
  `\\bcommit(?:ting|ted|s)?\\s+(?:an?\\s+|some\\s+)?${CRIME_MODIFIERS}(?:murders?|suicide|fraud|crimes?|arson|treason|terrorism|(?:terror|terrorist)\\s+attacks?|genocide|massacres?|assault|theft|robber(?:y|ies)|burglar(?:y|ies)|rape|homicide|manslaughter|atrocit(?:y|ies)|shootings?|felon(?:y|ies)|vandalism|kidnappings?|espionage|larceny|embezzlement)\\b(?![\\s-]+(?:detection|prevention|model|models|reports?|alerts?|cases?|rules?|checks?|scores?|teams?|department|analytics|files?|module|code|data|dataset|statistics|rates?|scenes?|novels?|shows?|podcasts?|series|stories|story))`,
  'i',
);

/** Places and vehicles a crime is done to (the head noun: "a car tyre" is not a car). */
const PLACES = "(?:banks?|casinos?|stores?|shops?|houses?|homes?|apartments?|flats?|buildings?|bridges?|planes?|airplanes?|aircraft|trains?|bus|buses|cars?|vehicles?|hospitals?|schools?|church(?:es)?|mosques?|synagogues?|temples?|stadiums?|concerts?|embass(?:y|ies)|bases?|stations?|airports?|offices?|museums?|vaults?|safes?|atms?|restaurants?|factor(?:y|ies)|warehouses?|malls?|festivals?|parades?|pharmac(?:y|ies)|pipelines?|power (?:plants?|grids?)|dams?|courthouses?|clinics?|city|cities|villages?|towns?|parliament|nightclubs?|clubs?)(?!\\s+(?:tyres?|tires?|seats?|batter(?:y|ies)|windows?|keys?|alarms?|models?|toys?|photos?|pictures?|images?|posters?|games?|names?|signs?|logos?))";
/** Who may own the place: a possessive or an article, then at most one adjective. */
const PLACE_OWNER = "(?:(?:a|an|the|my|our|your|his|her|their|this|that|some|local|nearby|[\\w-]+['’]s)\\s+){0,2}(?:[\\w-]+\\s+)?";
export const CRIME_ON_PLACE = new RegExp(
  `\\b(?:rob(?:bing)?|burgl(?:e|ing|ari[sz]e|ari[sz]ing)|break(?:ing)? into|blow(?:ing)? up|torch(?:ing)?|set(?:ting)? fire to|firebomb(?:ing)?|vandali[sz](?:e|ing)|hijack(?:ing)?|loot(?:ing)?|shoot(?:ing)? up|burn(?:ing)? down)\\s+${PLACE_OWNER}${PLACES}\\b` +
    `|\\bset(?:ting)?\\s+${PLACE_OWNER}${PLACES}\\s+on fire\\b`,
  'i',
);

/** Taking what is someone else's ("steal a car", "steal someone's identity"), not "steal the show". */
export const THEFT = /\bsteal(?:ing)?\s+(?:(?:a|an|the|his|her|their|some|someone['’]s|somebody['’]s|[\w-]+['’]s)\s+)?(?:[\w-]+\s+)?(?:cars?|bikes?|bicycles?|motorbikes?|motorcycles?|trucks?|money|cash|wallets?|purses?|identit(?:y|ies)|credit cards?|phones?|laptops?|jewel(?:le)?ry|packages?|parcels?|catalytic converters?|guns?|firearms?|medications?|prescriptions?|pills|passwords?|funds|merchandise|goods|electronics)\b/i;

/**
 * Finding where someone lives or works in order to frighten or hurt them ("tell me how to find
 * where my ex lives now and scare her"): the search alone is no harm ("where does my long-lost
 * brother live now?"); TRACKED_DOWN counts only with MALICE aimed at someone in the same turn.
 */
export const TRACKED_DOWN = /\b(?:find (?:out )?where (?:she|he|they|my ex|my former \w+|my \w+) (?:now )?(?:lives?|works?|is staying|are staying|sleeps?|goes to school)|track (?:her|him|them|my ex) down|follow (?:her|him|them|my ex) home)\b/i;
export const MALICE = /\b(?:(?:scare|frighten|intimidate|terrori[sz]e|hurt|harass|stalk) (?:her|him|them|my ex)|get (?:back|even) (?:at|with) (?:her|him|them|my ex)|make (?:her|him|them|my ex) pay|teach (?:her|him|them) a lesson|ruin (?:her|his|their) life|show up (?:at|outside) (?:her|his|their) (?:house|home|place|work|door|school))\b/i;

/** Ending one's own life or hurting oneself, asked how or said as an intention. */
export const SELF_HARM = /\b(?:(?:end(?:ing)?|tak(?:e|ing)) my (?:own )?life(?![\s-]+(?:insurance|assurance|policy|policies|cover|coverage|plan|plans|savings|membership|story|coach|partner|subscription|lease|pension|annuity))|kill(?:ing)? myself|commit(?:ting)? suicide|hang(?:ing)? myself|overdos(?:e|ing) on|(?:cut|cutting|hurt|hurting|harm|harming|burn|burning|starve|starving) myself|(?:sever|severing|cut|slit|slitting|pierce|piercing|open) (?:my|my own) (?:[\w-]+ )?(?:arter(?:y|ies)|veins?|wrists?|throat))\b/i;

/** First-person intention before a self-harm phrase ("I'm going to end my life"). */
export const INTENT = /\b(?:i(?:'m| am)? (?:going|gonna|about|planning|ready|trying) to|i(?:'ll| will| want to| wanna| need to| plan to| intend to| should| have to| might| could)|(?:thinking|thought) (?:about|of)|(?:want|wanted|wants) to|how (?:do|can|could|would|should|might) i|how to|best way to|easiest way to|quickest way to|painless(?:ly)?)\b/i;

/**
 * A request whose asker would do the act: "how do I", "how to", "a good way to", "help me",
 * "without getting caught"; not "why do people …" or "how do police investigate …".
 */
export const ACTOR_FRAME = /\b(?:how (?:do|can|could|would|should|might|shall|may) (?:i|we|one|you|u|someone|somebody|a person)|how to|(?:best|easiest|quickest|fastest|simplest|safest|good|perfect|ideal|foolproof|effective|clever|smart) (?:way|ways|plan|plans|method|methods|strategy|place|places|approach|time) (?:to|of|for)|help me|teach me|tell me how|show me how|explain how|give me (?:a |some )?(?:tips|ideas|instructions|steps|plan|guide)|where (?:can|could|do|should) (?:i|we)|(?:i|we) (?:want|need|plan|intend|am going|'m going|are going|'re going) to|what steps (?:should|do|would|can|could|must) (?:i|we)|step[- ]by[- ]step|go about|get away with|without (?:getting caught|anyone (?:knowing|noticing)|being caught))\b/i;

/**
 * A right or an ordinary part of life taken from whoever the sentence names: "should be denied
 * visas", "should not be allowed to adopt", "shouldn't hold office", "best for them not to run".
 * Protection is not denial: "should not be discriminated against", "judged", "paid less".
 */
export const RIGHTS_DENIAL = /\b(?:should|must|ought to) (?:[\w-]+ ){0,4}?(?:be )?(?:denied|refused|stripped of|deprived of|barred from|banned from|excluded from|kept (?:out|away)|prevented from|lose)\b|\b(?:(?:should|must)n't (?:[\w-]+ ){0,4}?|(?:should|must) (?:[\w-]+ ){0,4}?(?:not|never) )(?:be (?:allowed|permitted|admitted|hired|promoted|elected|shown|given|trusted|let)|have|get|hold|run|vote|marry|adopt|work|serve|teach|enter|attend|study|drive|own|receive|access|practi[cs]e|worship|join|live|earn)\b|\bought not to (?:be allowed|have|get|hold|vote|marry|work)\b|\b(?:best|better) (?:for|if) .{0,40}\b(?:not to|never|couldn't|could not|can't|cannot) (?:have|get|hold|run|vote|marry|adopt|work|serve|be allowed|express|own|attend|enter|teach)\b/i;

/** Asking for the case for something: "why should …", "give me reasons", "write an argument that". */
export const CASE_FRAME = /\b(?:why|reasons?|explain|justify|argue|argument|make (?:the|a) case|convince|persuade|essay)\b/i;

/** Atrocities, and the movements and perpetrators known for them (general knowledge, not a data set's list). */
export const ATROCITY = /\b(?:genocides?|holocaust|shoah|ethnic cleansing|slavery|slave trade|apartheid|massacres?|concentration camps?|death camps?|gas chambers?|gulags?|pogroms?|lynchings?|jim crow|(?:terror(?:ist)?|mass|school|mosque|church|synagogue|nightclub) (?:attacks?|shootings?|bombings?)|bombings?|shootings?|9\/11|september 11(?:th)?|khmer rouge|nazis?|hitler|isis|al[- ]qaeda|taliban|bin laden|breivik|mcveigh|dylann roof|(?:christchurch|charleston|el paso|buffalo|utoya|oklahoma city|columbine|parkland|mosque|church|synagogue|school) (?:shooter|bomber|gunman|attacker)s?|ku klux klan|kkk|final solution|trail of tears|nanjing|nanking|srebrenica|auschwitz|holodomor|killing fields|(?:kill|killing|murder|murdering|shoot|shooting|bomb|bombing|massacre|massacring|gas|gassing|exterminate|exterminating|enslave|enslaving|lynch|lynching) (?:those |these |the |all )?(?:people|jews|muslims|blacks|immigrants|civilians|children|women|gays|christians|refugees|villagers|worshippers|students))\b/i;

/** Praise of an act: it was right, justified, good, heroic, a success to repeat. */
export const PRAISE = /\b(?:(?:a|an) (?:good|great|positive|necessary|heroic|admirable|noble|beautiful|glorious|happy|wonderful) (?:thing|act|deed|idea|move|day|moment)|did nothing wrong|did what (?:had|needed) to be done|(?:morally |fully |completely |totally )?justified|(?:was|were|is|are)(?: [\w'-]+){0,3} right to|the right thing|heroic|admirable|benefits? of|positive (?:sides?|effects?|aspects?|outcomes?) of|(?:good|great|beneficial) for (?:the|them|society|everyone|the country)|(?:the )?success(?:es)? of|(?:recreate|replicate|repeat|restore|bring back|revive|copy) (?:the )?(?:success|methods?|conditions|tactics|policies|rule|glory) of)\b/i;

/** Perpetrators of atrocities, and praise of them as people: heroes, martyrs, supported, admired. */
const PERPETRATORS = String.raw`(?:hitler|the nazis?|nazis|isis(?: fighters)?|al[- ]qaeda|the taliban|bin laden|breivik|mcveigh|dylann roof|(?:the )?(?:\w+ )?(?:shooters?|bombers?|gunm[ae]n|attackers?|terrorists?|hijackers|jihadis|jihadists))`;
export const PERPETRATOR_PRAISE = new RegExp(String.raw`\b${PERPETRATORS}\s+(?:are|were|is|was)\s+(?:a |an )?(?:true |real |my |our )?(?:heroes|hero|martyrs?|legends?|saints?|an inspiration|role models?)\b|\bi (?:fully |totally |really )?(?:support|admire|salute|stand with|love)\s+${PERPETRATORS}\b`, 'i');

/** Denial that an atrocity happened or was as large as recorded. */
export const DENIAL = /\b(?:never (?:happened|took place|existed|occurred)|(?:didn't|did not) (?:happen|take place|exist)|(?:was|is|were|are) (?:a |an |just a |just an )?(?:complete |total |big |huge )?(?:hoax|fabrication|lie|myth|fake|fiction|exaggeration|made up)|overstate|exaggerate)\w*\b/i;

/**
 * Self-harm told in the first person ("I usually use ice to self harm", "I made a bloodbath
 * cutting my arm"): a turn to hand to a person as surely as a question about it. Not accidents
 * ("I cut myself while cooking", "on the glass") and not someone else's (see SELF_HARM_OTHERS).
 */
export const SELF_HARM_TOLD = /\b(?:i|i've|i'm|i am|i was|i still|i used to|i have|i had)\b([^.!?]{0,50}?)\b(?:self[- ]?harm(?:ing|ed)?|cut(?:ting)? (?:myself|my (?:arms?|wrists?|legs?|thighs?|skin))|slic(?:e|ed|ing) (?:myself|my (?:arms?|wrists?|legs?|skin))|burn(?:ing|t|ed)? (?:myself|my (?:arms?|skin)) (?:on purpose|again|with)|starv(?:e|ed|ing) myself)\b(?![^.!?]{0,25}\b(?:while|by accident|accidentally|on (?:a|the|some)|shaving|cooking|opening))/i;
/** Words in the gap that make it someone else's self-harm, or a report or help about it. */
export const SELF_HARM_OTHERS = /\b(?:his|her|their|friend|son|daughter|child|kid|kids|partner|student|patient|report|reporting|help|helping|support|worried|concerned|about|accidentally|by accident)\b|['’]s\b/i;
