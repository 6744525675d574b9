/**
 * Abuse in the six other languages language.ts names: swear words, slurs, insults aimed at the
 * reader and threats, read only in a turn written in that language (detectors/toxicity-foreign.ts).
 * Written for Chatlens from general knowledge of each language; no third-party list copied (MIT).
 *
 * Entries are matched on whole words, lower-cased, accents stripped and "ß" written "ss", so
 * "enculé" / "encule" and "Scheiße" / "Scheisse" are one entry. Elided words are their own word
 * ("t'es" is "t'" "es", "dell'idiota" is "dell'" "idiota"). A trailing "*" is a prefix of a
 * compound, matched on words at least two letters longer ("kut*" is "kutzooi", "kutwijf"); a
 * leading "=" keeps the accent (Spanish "coño", since "cono" is a cone).
 *
 * Left out on purpose, because they are ordinary words too: French "con" alone (Spanish and Italian
 * "with"; kept in insult phrases), "bordel" and "chiant" kept, "tapette" (fly swatter), "nègre"
 * (a ghostwriter), "crève" (a cold); Spanish "coger" (to take, in Spain), "hostia" (the host),
 * "pinche" (a kitchen hand); Portuguese "puto" (a boy in Portugal), "veado" (a deer), "piranha",
 * "macaco"; German "Mist", "Opfer" (victim), "Zigeuner(schnitzel)"; Italian "finocchio" (fennel),
 * "culo" ("che culo", what luck); Dutch "kanker" alone (cancer), "tering" alone (an idiom).
 */
import type { OtherLanguage } from './language.js';

export interface ForeignLexicon {
  /** Swear words and vulgar phrases: PROFANITY wherever they stand (unless quoted or reported). */
  profanity: string[];
  /** Slurs, the common and unambiguous ones: HOSTILE_LANGUAGE "uses a slur". */
  slurs: string[];
  /** Insult words: HOSTILE_LANGUAGE when aimed at the reader (see `address`). */
  insults: string[];
  /**
   * Second-person pronouns and forms of address ("tu", "eres", "seu", "espèce"): an insult after
   * one, with only `fillers` between (at most four), is aimed at the reader. A noun between ends
   * it, so a possessive is no address ("tu pedido está retrasado").
   */
  address: string[];
  /** Copulas, articles, intensifiers: "t'es | qu' un | connard", "du bist | echt ein | Idiot". */
  fillers: string[];
  /** Between the address and the insult, or just before the address: "tu n'es pas un idiot". */
  negators: string[];
  /**
   * Threats and wishes of harm, over the turn's words lower-cased, accents stripped and joined
   * by one space ("je vais t' egorger"). `threatWords`: one of them must be in the turn.
   */
  threats: RegExp[];
  threatWords: string[];
  /** Before a hit (the joined words): the word is reported or discussed ("il m'a traité de"). */
  mentionBefore: RegExp;
  /** After a hit, for verbs at the end of the clause ("hat mich einen Idioten genannt"). */
  mentionAfter?: RegExp;
  /** Turns where a listed word is used in its harmless sense ("cavallo di Troia"). */
  harmless?: RegExp;
}

export const FOREIGN_LEXICONS: Record<OtherLanguage, ForeignLexicon> = {
  fr: {
    profanity: [
      'merde', 'merdes', 'merdique', 'merdeux', 'putain', 'putains', 'ptn', 'bordel', 'chier', 'fait chier',
      'emmerde', 'emmerdes', 'emmerder', 'emmerdeur', 'emmerdeuse', 'encule', 'encules', 'enculee', 'enculer',
      'enculeur', 'enfoire', 'enfoires', 'enfoiree', 'connard', 'connards', 'conard', 'conards', 'connasse',
      'conasse', 'connasses', 'connerie', 'conneries', 'salope', 'salopes', 'salaud', 'salauds', 'pute',
      'putes', 'fdp', 'ntm', 'nique', 'niquer', 'niquez', 'couille', 'couilles', 'foutre',
      'batard', 'batards', 'petasse', 'pouffiasse', 'fils de pute', 'nique ta mere', 'ta gueule',
      'ferme ta gueule', 'fermez vos gueules', 'va te faire foutre', 'allez vous faire foutre',
      'trou du cul', 'sous merde',
    ],
    slurs: [
      'pede', 'pedes', 'tarlouze', 'tarlouzes', 'gouine', 'gouines', 'bougnoule', 'bougnoules',
      'bicot', 'bicots', 'youpin', 'youpins', 'youtre', 'chinetoque', 'chinetoques', 'niakoue', 'sale arabe', 'sales arabes', 'sale juif', 'sales juifs', 'sale noir', 'sales noirs',
    ],
    insults: [
      'idiot', 'idiote', 'idiots', 'imbecile', 'imbeciles', 'cretin', 'cretine', 'cretins', 'debile',
      'debiles', 'abruti', 'abrutie', 'abrutis', 'con', 'conne', 'cons', 'connard', 'conard', 'connasse',
      'encule', 'enfoire', 'salope', 'salaud', 'batard', 'ordure', 'ordures', 'raclure', 'minable',
      'minables', 'bouffon', 'bouffons', 'guignol', 'gogol', 'mongol', 'attarde', 'tare', 'tares',
      'incapable', 'incapables', 'escroc', 'escrocs', 'pute', 'putes', 'petasse', 'pouffiasse', 'incompetent', 'incompetents', 'nul', 'nuls', 'nulle', 'couillon',
      'porc', 'merdeux',
    ],
    address: ['tu', "t'", 'toi', 'vous', 'te', 'espece', 'sale', 'sales', 'pauvre', 'bande'],
    fillers: ['es', 'etes', 'etais', 'etiez', 'vraiment', 'trop', 'tellement', 'completement', 'totalement', "qu'", 'que', 'un', 'une', 'des', 'le', 'la', 'les', "l'", "d'", 'de', 'du', 'sacre', 'sacree', 'gros', 'grosse', 'grand', 'grande', 'vieux', 'vieille', 'juste', 'meme', 'aussi', 'si', 'super', 'bien', 'toujours', 'franchement', 'decidement', 'sale', 'pauvre', 'bande', 'veritable', 'parfait', 'belle', 'tous', 'toutes'],
    negators: ['ne', "n'", 'pas', 'jamais', 'point', 'nullement'],
    threats: [
      /\b(?:je|j'|on|nous) (?:vais |va |vas |veux |allons |vous )?(?:te|vous|t') (?:tu(?:er|e)|but(?:er|e)|crev(?:er|e)|defonc(?:er|e)|frapp(?:er|e)|egorg(?:er|e)|massacr(?:er|e)|flingu(?:er|e)|eclat(?:er|e)|tabass(?:er|e)|etrangl(?:er|e)|brul(?:er|e)|poignard(?:er|e)|faire la peau|casser la gueule|peter la gueule|faire du mal|refaire le portrait)\b/,
      /\b(?:je|j'|on) (?:vais |va )?(?:tuer|buter|massacrer|bruler) (?:ta|ton|tes|toute ta|vos|votre) /,
      /\b(?:je|j'|on) (?:sais|connais|sait|connait) (?:ou (?:tu|t'|vous) (?:habit|vi|travaill|dor)|ton adresse|votre adresse)/,
      /\b(?:tu vas|vous allez) (?:mourir|crever|le payer|souffrir)\b(?! de rire)|\b(?:t' es|tu es|vous etes) (?:un homme |une femme )?morts?\b(?! de)/,
      /\b(?:va|allez) crever\b|\b(?:j' espere|je souhaite) (?:que (?:tu|vous) (?:creve|meure|crevie|mourie)|(?:te|vous) voir (?:creve|mort))/,
    ],
    threatWords: ['tuer', 'tue', 'buter', 'bute', 'crever', 'creve', 'defoncer', 'defonce', 'frapper', 'frappe', 'egorger', 'egorge', 'massacrer', 'flinguer', 'eclater', 'eclate', 'tabasser', 'etrangler', 'bruler', 'poignarder', 'peau', 'gueule', 'mal', 'portrait', 'habites', 'habitez', 'vis', 'vivez', 'travailles', 'travaillez', 'dors', 'adresse', 'mourir', 'payer', 'souffrir', 'mort', 'morte', 'morts', 'meures', 'meure', 'crevies', 'mouriez'],
    harmless: /\bpain batards?\b/,
    mentionBefore: /(?:\btrait(?:e|ee|es|ees|er|ait|aient) (?:de |d' )|\b(?:appel(?:e|ee|er|ait)|insult(?:e|ee|er|ait) (?:de |d' )|\bdit|\ble mot|\bmots? comme|\bl' insulte|\bveut dire|\bsignifie)) ?(?:\S+ ){0,2}$/,
  },
  es: {
    profanity: [
      'mierda', 'mierdas', 'joder', 'jodido', 'jodida', 'jodidos', 'jodidas', 'jodete', 'jodeos', 'que te jodan',
      'que os jodan', '=coño', 'cabron', 'cabrona', 'cabrones', 'gilipollas', 'gilipollez', 'pendejo', 'pendeja',
      'pendejos', 'pendejada', 'puta', 'putas', 'puto', 'putos', 'putada', 'hijo de puta', 'hijos de puta',
      'hija de puta', 'hijoputa', 'hijueputa', 'carajo', 'chingar', 'chinga', 'chingada', 'chingado',
      'chingados', 'verga', 'cojones', 'culero', 'culera', 'me cago en', 'cagada', 'vete a la mierda',
      'idos a la mierda', 'follar', 'que te follen', 'polla', 'pollas',
    ],
    slurs: ['maricon', 'maricones', 'marica', 'maricas', 'mariconazo', 'sudaca', 'sudacas', 'negrata', 'negratas', 'machorra', 'bollera', 'bolleras', 'moraco', 'moracos'],
    insults: [
      'idiota', 'idiotas', 'imbecil', 'imbeciles', 'estupido', 'estupida', 'estupidos', 'estupidas', 'tonto',
      'tonta', 'tontos', 'subnormal', 'subnormales', 'inutil', 'inutiles', 'payaso', 'payasos', 'cretino',
      'cretina', 'gilipollas', 'capullo', 'capullos', 'zorra', 'mamon', 'anormal', 'retrasado', 'retrasada',
      'cabron', 'pendejo', 'pendeja', 'basura', 'escoria', 'mongolo', 'imbecil', 'bobo', 'boba', 'incompetente',
      'incompetentes', 'cerdo', 'cerda', 'rata', 'puta', 'sinverguenza', 'sinverguenzas',
    ],
    address: ['eres', 'sois', 'usted', 'ustedes', 'vosotros', 'te', 'os', 'pedazo', 'so', 'maldito', 'maldita', 'malditos'],
    fillers: ['eres', 'sois', 'es', 'son', 'un', 'una', 'unos', 'unas', 'el', 'la', 'los', 'las', 'muy', 'tan', 'mas', 'de', 'realmente', 'completamente', 'totalmente', 'maldito', 'maldita', 'puto', 'puta', 'gran', 'grandisimo', 'grandisima', 'tremendo', 'tremenda', 'menudo', 'menuda', 'siempre', 'tambien', 'solo', 'panda', 'monton', 'absoluto', 'absoluta', 'autentico', 'autentica'],
    negators: ['no', 'nunca', 'ni', 'jamas'],
    threats: [
      /\b(?:te|os|les?) (?:voy|vamos|va|vais) a (?:matar|partir la cara|romper la cara|reventar|pegar|dar una paliza|apunalar|quemar|destrozar|hacer dano|pegar un tiro)\b/,
      /\b(?:voy|vamos) a (?:matarte|mataros|matarle|partirte la cara|romperte la cara|reventarte|pegarte|apunalarte|quemarte|destrozarte)\b/,
      /\bte (?:mato|matare|reviento|parto la cara)\b|\b(?:eres|sois) (?:hombre|hombres) muertos?\b|\bestas muerto\b/,
      /\b(?:yo )?se donde (?:vives|viven|vivis|trabajas|duermes)\b/,
      /\b(?:ojala|espero que) (?:que )?(?:te mueras|os murais|te maten|revientes)\b|\bmuerete\b|\bmuéranse\b/,
    ],
    threatWords: ['matar', 'matarte', 'mataros', 'matarle', 'mato', 'matare', 'cara', 'reventar', 'reventarte', 'reviento', 'pegar', 'pegarte', 'paliza', 'apunalar', 'apunalarte', 'quemar', 'quemarte', 'destrozar', 'destrozarte', 'dano', 'tiro', 'muerto', 'muertos', 'vives', 'viven', 'vivis', 'trabajas', 'duermes', 'mueras', 'murais', 'maten', 'revientes', 'muerete'],
    mentionBefore: /(?:\bme (?:llamo|llamaron|dijo|ha llamado|han llamado|insulto)|\bllamar(?:me|le|te)?|\bla palabra|\bpalabras como|\bsignifica|\bquiere decir) ?(?:\S+ ){0,2}$/,
  },
  pt: {
    profanity: [
      'merda', 'merdas', 'porra', 'caralho', 'caralhos', 'foda', 'fodas', 'foder', 'fodido', 'fodida',
      'fodidos', 'foda se', 'vai se foder', 'vai te foder', 'vai tomar no cu', 'tomar no cu', 'cuzao',
      'buceta', 'puta', 'putas', 'filho da puta', 'filhos da puta', 'filha da puta', 'fdp', 'puta que pariu',
      'pqp', 'vsf', 'bosta', 'arrombado', 'arrombada', 'cabrao', 'cabroes', 'vadia', 'vadias', 'cacete',
    ],
    slurs: ['viado', 'viados', 'sapatao', 'sapatoes', 'paneleiro', 'paneleiros', 'traveco', 'travecos', 'maricas', 'bichona'],
    insults: [
      'idiota', 'idiotas', 'imbecil', 'imbecis', 'estupido', 'estupida', 'estupidos', 'burro', 'burra',
      'burros', 'cretino', 'cretina', 'babaca', 'babacas', 'otario', 'otaria', 'otarios', 'desgracado',
      'desgracada', 'palhaco', 'palhacos', 'corno', 'inutil', 'inuteis', 'vagabundo', 'vagabunda',
      'retardado', 'retardada', 'panaca', 'lixo', 'escoria', 'incompetente', 'incompetentes', 'arrombado',
      'cabrao', 'vadia', 'porco', 'nojento', 'nojenta', 'anta', 'puta', 'vagabundos',
    ],
    address: ['voce', 'voces', 'vc', 'vcs', 'tu', 'te', 'seu', 'sua', 'seus', 'suas', 'bando'],
    fillers: ['e', 'es', 'sao', 'sois', 'um', 'uma', 'uns', 'umas', 'o', 'a', 'os', 'as', 'muito', 'tao', 'mais', 'mesmo', 'realmente', 'completamente', 'totalmente', 'grande', 'baita', 'de', 'bem', 'sempre', 'tambem', 'so', 'acho', 'bando', 'monte', 'absoluto', 'autentico', 'verdadeiro'],
    negators: ['nao', 'nunca', 'nem', 'jamais'],
    threats: [
      /\b(?:eu )?(?:vou|vamos|vai) (?:te |-te )?(?:matar|bater|espancar|esfaquear|queimar|arrebentar|quebrar) (?:te|voce|vc|voces|tu|a tua|a sua|vos)\b/,
      /\b(?:eu )?(?:vou|vamos) te (?:matar|bater|espancar|esfaquear|queimar|arrebentar|quebrar todo|dar um tiro|pegar la fora|encher de porrada)\b|\b(?:vou|vamos) acabar com (?:voce|vc|tua raca|a tua raca)\b/,
      /\bte (?:mato|matarei|arrebento|quebro todo|encho de porrada)\b/,
      /\b(?:eu )?sei onde (?:voce|vc|tu) (?:mora|moras|vive|vives|trabalha|trabalhas)\b/,
      /\b(?:voce|vc|tu) (?:vai|vais) morrer\b|\b(?:espero que|tomara que) (?:voce|vc|tu) (?:morra|morras|se foda)\b|\b(?:voce|vc|tu) (?:e|es|esta|estas) (?:um homem )?morto\b/,
    ],
    threatWords: ['matar', 'mato', 'matarei', 'bater', 'espancar', 'esfaquear', 'queimar', 'arrebentar', 'arrebento', 'quebrar', 'quebro', 'tiro', 'porrada', 'acabar', 'pegar', 'mora', 'moras', 'vive', 'vives', 'trabalha', 'trabalhas', 'morrer', 'morra', 'morras', 'foda', 'morto'],
    mentionBefore: /(?:\b(?:me )?cham(?:ou|aram|ar|a) (?:de )?|\bxing(?:ou|aram) (?:de )?|\ba palavra|\bpalavras como|\bsignifica|\bquer dizer) ?(?:\S+ ){0,2}$/,
  },
  de: {
    profanity: [
      'scheisse', 'scheiss*', 'kacke', 'kack*', 'verdammt', 'verdammte', 'verdammter', 'verdammtes',
      'verdammten', 'verfluchte', 'verfluchter', 'verdammt noch mal', 'arsch', 'arsch*', 'arschloch',
      'arschlocher', 'fick', 'ficken', 'fickt', 'fick dich', 'ficker', 'wichser', 'wichse', 'hurensohn',
      'hurensohne', 'hure', 'huren', 'schlampe', 'schlampen', 'fotze', 'fotzen', 'miststuck', 'drecksau',
      'dreckskerl', 'drecks*', 'pisser', 'verpiss dich', 'verpisst euch', 'halt die fresse', 'halts maul',
      'halt dein maul', 'halt die schnauze', 'leck mich', 'schwanzlutscher', 'bastard', 'bastarde',
    ],
    slurs: ['neger', 'negern', 'kanake', 'kanaken', 'kanacke', 'kanacken', 'schwuchtel', 'schwuchteln', 'tunte', 'kummelturke', 'kummelturken', 'polacke', 'polacken', 'judensau'],
    insults: [
      'idiot', 'idioten', 'vollidiot', 'vollidioten', 'trottel', 'depp', 'deppen', 'dummkopf', 'blodmann',
      'blod', 'blode', 'bloder', 'dumm', 'dumme', 'dummer', 'penner', 'versager', 'spast', 'spasti', 'spacken',
      'mongo', 'missgeburt', 'schwachkopf', 'hohlkopf', 'arschloch', 'wichser', 'bastard', 'schlampe',
      'hurensohn', 'drecksau', 'abschaum', 'witzfigur', 'lusche', 'loser', 'nichtsnutz', 'clown', 'vollpfosten',
      'schwein', 'ratte', 'unfahig', 'unfahiger', 'unfahige', 'inkompetent', 'hure', 'betruger',
    ],
    address: ['du', 'bist', 'dich', 'seid', 'euch', 'ihr', 'sie'],
    fillers: ['bist', 'seid', 'sind', 'ein', 'eine', 'einen', 'einem', 'so', 'sehr', 'echt', 'wirklich', 'total', 'voll', 'richtig', 'ganz', 'der', 'die', 'das', 'doch', 'ja', 'nur', 'halt', 'aber', 'schon', 'auch', 'immer', 'noch', 'mal', 'fur', 'verdammter', 'verdammte', 'verdammten', 'kleiner', 'kleine', 'alter', 'alte', 'grosser', 'riesen', 'einfach', 'komplett', 'absolut', 'absoluter', 'absolute', 'totaler', 'totale', 'kompletter', 'komplette', 'haufen', 'von', 'alle', 'alles', 'nichts', 'als'],
    negators: ['nicht', 'kein', 'keine', 'keinen', 'keiner', 'nie', 'niemals'],
    harmless: /\bzum (?:scheitern|tode|untergang|nichtstun|schweigen|warten) verdammt|\bdie verdammten dieser erde|\bschwein gehabt\b/,
    threats: [
      /\bich (?:bring|bringe) (?:dich|euch|sie) um\b(?! \d| die ecke| \S+ uhr)/,
      /\bich (?:werde|will|wurde|muss) (?:dich|euch) (?:umbringen|toten|abstechen|erschiessen|abknallen|kaltmachen|verprugeln|fertigmachen|aufschlitzen|finden)\b/,
      /\bich (?:mach|mache|schlag|schlage|stech|steche|knall|knalle) (?:dich|euch) (?:kalt|tot|ab|zusammen|platt|alle|fertig)\b/,
      /\bich (?:weiss|kenne?) (?:wo (?:du|ihr) (?:wohnst|wohnt|arbeitest|arbeitet|schlafst)|deine adresse)\b/,
      /\b(?:du bist|ihr seid) (?:so gut wie )?(?:tot|ein toter mann|tote manner)\b|\bverreck(?:e|t)?\b|\bich hoffe,? (?:du|ihr) (?:stirbst|sterbt|verreckst|verreckt)\b/,
    ],
    threatWords: ['dich', 'euch', 'tot', 'wohnst', 'wohnt', 'arbeitest', 'arbeitet', 'schlafst', 'adresse', 'toter', 'tote', 'verreck', 'verrecke', 'verreckt', 'stirbst', 'sterbt', 'verreckst'],
    mentionBefore: /(?:\b(?:mich|uns|ihn|sie) (?:als )?|\bnannte (?:mich|uns|ihn|sie) |\bdas wort|\bworter wie|\bbedeutet|\bheisst) ?(?:\S+ ){0,1}$/,
    mentionAfter: /^ ?(?:\S+ ){0,2}(?:genannt|geschimpft|beschimpft|bezeichnet)\b/,
  },
  it: {
    profanity: [
      'cazzo', 'cazzi', 'cazzata', 'cazzate', 'incazzato', 'incazzata', 'vaffanculo', 'fanculo', 'affanculo',
      'va a fare in culo', 'vai a fare in culo', 'vai a cagare', 'stronzo', 'stronza', 'stronzi', 'stronze',
      'stronzata', 'stronzate', 'merda', 'merde', 'coglione', 'coglioni', 'cogliona', 'minchia', 'minchiata',
      'puttana', 'puttane', 'puttanata', 'porca puttana', 'porco dio', 'porca madonna', 'porca troia',
      'troia', 'troie', 'figlio di puttana', 'testa di cazzo', 'bastardo', 'bastarda', 'bastardi',
      'rompicoglioni', 'sticazzi', 'zoccola', 'mignotta', 'incazzati', 'cazzone',
    ],
    slurs: ['frocio', 'froci', 'ricchione', 'ricchioni', 'culattone', 'culattoni', 'terrone', 'terroni'],
    insults: [
      'idiota', 'idioti', 'imbecille', 'imbecilli', 'cretino', 'cretina', 'cretini', 'deficiente',
      'deficienti', 'scemo', 'scema', 'scemi', 'stupido', 'stupida', 'stupidi', 'sfigato', 'sfigata',
      'coglione', 'stronzo', 'stronza', 'bastardo', 'ritardato', 'ritardata', 'mongoloide', 'incapace',
      'incapaci', 'pagliaccio', 'pagliacci', 'buffone', 'buffoni', 'somaro', 'ignorante', 'ignoranti',
      'inutile', 'inutili', 'incompetente', 'incompetenti', 'porco', 'verme', 'schifoso', 'schifosa', 'fallito', 'falliti', 'puttana', 'troia',
    ],
    address: ['sei', 'siete', 'tu', 'voi', 'ti', 'brutto', 'brutta', 'brutti', 'pezzo', 'razza'],
    fillers: ['sei', 'siete', 'e', 'un', 'uno', 'una', "un'", 'proprio', 'davvero', 'veramente', 'tanto', 'cosi', 'molto', 'piu', 'il', 'lo', 'la', 'i', 'gli', 'le', 'solo', 'gran', 'grande', 'grandissimo', 'grandissima', 'di', "d'", 'sempre', 'anche', 'tutti', 'degli', 'delle', 'dei', 'del', 'della', 'dello', "dell'", 'brutto', 'brutta', 'completamente', 'totalmente', 'branco', 'manica', 'massa', 'vero', 'autentico', 'emerito', 'perfetto'],
    negators: ['non', 'mai', 'mica', 'ne'],
    harmless: /\b(?:cavallo|guerra|elena|assedio|rovine) di troia\b|\btroia (?:antica|omerica)\b/,
    threats: [
      /\bti (?:ammazzo|uccido|ammazziamo|uccidiamo|spacco la faccia|spacco il culo|spacco le ossa|rompo le ossa|sparo|accoltello|faccio fuori|faccio del male|faccio a pezzi|brucio)\b/,
      /\b(?:ti|vi) (?:voglio|vogliamo) (?:morto|morta|morti)\b|\b(?:io )?so dove (?:abiti|vivi|lavori|dormi|abitate)\b/,
      /\b(?:sei|siete) (?:un uomo |una donna )?mort[oaie]\b|\b(?:devi|dovete) morire\b|\bspero che (?:tu )?(?:muoia|crepi)\b|\b(?:vado|andiamo) ad? ammazzar(?:ti|vi)\b/,
    ],
    threatWords: ['ammazzo', 'uccido', 'ammazziamo', 'uccidiamo', 'spacco', 'rompo', 'sparo', 'accoltello', 'fuori', 'faccio', 'pezzi', 'brucio', 'morto', 'morta', 'morti', 'morte', 'abiti', 'vivi', 'lavori', 'dormi', 'abitate', 'morire', 'muoia', 'crepi', 'ammazzarti', 'ammazzarvi'],
    mentionBefore: /(?:\b(?:mi|ci|gli|le) ha(?:nno)? (?:dato|detto) (?:del|dello|della|dell'|di|d')|\bdare (?:del|dello|della)|\b(?:mi|ci) ha(?:nno)? chiamat[oaie]|\bla parola|\bparole come|\bsignifica|\bvuol dire) ?(?:\S+ ){0,2}$/,
  },
  nl: {
    profanity: [
      'godverdomme', 'godver', 'verdomme', 'verdomd', 'klote', 'klote*', 'kloten', 'kut', 'kut*', 'tering*',
      'tyfus', 'tyfus*', 'kankerlijer', 'kankerlijers', 'kankerhoer', 'kankerzooi', 'kankerwijf', 'kankerhond',
      'klootzak', 'klootzakken', 'hoer', 'hoeren', 'hoerenzoon', 'reet', 'sodemieter op',
      'flikker op', 'slet', 'sletten', 'zakkenwasser', 'pleur op', 'donder op', 'tyf op', 'kanker op',
    ],
    slurs: ['flikker', 'flikkers', 'nikker', 'nikkers', 'moffen', 'kankerjood', 'kankerjoden', 'kutmarokkaan', 'kutmarokkanen', 'poepchinees', 'poepchinezen', 'geitenneuker', 'geitenneukers', 'bosneger', 'bosnegers', 'vuile homo', 'vuile jood'],
    insults: [
      'idioot', 'idioten', 'sukkel', 'sukkels', 'debiel', 'debielen', 'randdebiel', 'mongool', 'mongolen',
      'achterlijk', 'achterlijke', 'trut', 'trutten', 'eikel', 'eikels', 'hufter', 'hufters', 'klojo',
      'lamzak', 'oen', 'zak', 'zakken', 'klootzak', 'teef', 'kutwijf', 'zakkenwasser', 'loser', 'mislukkeling',
      'nietsnut', 'kankerlijer', 'teringlijer', 'tyfuslijer', 'stomkop', 'dombo', 'uilskuiken', 'oetlul', 'lul', 'spast', 'tuig', 'schoft', 'incompetent',
      'waardeloos', 'waardeloze', 'varken', 'rat', 'dom', 'hoer', 'slet', 'oplichter', 'oplichters',
    ],
    address: ['jij', 'jullie', 'jou', 'bent'],
    fillers: ['bent', 'ben', 'zijn', 'een', 'echt', 'zo', "zo'", 'n', 'wel', 'toch', 'gewoon', 'heel', 'erg', 'ontzettend', 'enorm', 'de', 'het', 'vuile', 'vuil', 'stomme', 'domme', 'gore', 'alleen', 'ook', 'nog', 'altijd', 'maar', 'grote', 'kleine', 'complete', 'totale', 'stelletje', 'stel', 'bende', 'absolute', 'volslagen', 'nou', 'wel', 'allemaal'],
    negators: ['niet', 'geen', 'nooit'],
    harmless: /\bde tering naar de nering\b/,
    threats: [
      /\bik (?:maak|sla|steek|schiet|trap) (?:je|jou|jullie|u) (?:af|dood|neer|lek|kapot|in elkaar|verrot)\b/,
      /\bik (?:ga|zal) (?:je|jou|jullie|u) (?:vermoorden|afmaken|doodmaken|neersteken|neerschieten|doodschieten|kapotmaken|in elkaar slaan)\b|\bik vermoord (?:je|jou|jullie|u)\b/,
      /\bik weet waar (?:je|jij|jullie|u) (?:woont|wonen|werkt|werken|slaapt)\b/,
      /\b(?:je bent|jij bent|jullie zijn) (?:er geweest|dood|een dode man)\b|\bkrijg (?:de|het|nou de|toch de) (?:kanker|tering|tyfus|pest|klere|klerelijer)\b|\bik hoop dat (?:je|jij|jullie) (?:doodgaat|doodgaan|sterft|sterven|kanker krijgt|creperen|crepeert)\b/,
    ],
    threatWords: ['maak', 'dood', 'neer', 'lek', 'kapot', 'elkaar', 'verrot', 'vermoorden', 'afmaken', 'doodmaken', 'neersteken', 'neerschieten', 'doodschieten', 'kapotmaken', 'vermoord', 'woont', 'wonen', 'werkt', 'werken', 'slaapt', 'geweest', 'krijg', 'kanker', 'tering', 'tyfus', 'klere', 'klerelijer', 'doodgaat', 'doodgaan', 'sterft', 'sterven', 'creperen', 'crepeert'],
    mentionBefore: /(?:\bnoemde (?:me|mij|ons|hem|haar) (?:een )?|\bhet woord|\bwoorden als|\bbetekent|\buitgescholden (?:voor|als) ?) ?(?:\S+ ){0,1}$/,
    mentionAfter: /^ ?(?:\S+ ){0,2}(?:genoemd|uitgescholden|gescholden)\b/,
  },
};
