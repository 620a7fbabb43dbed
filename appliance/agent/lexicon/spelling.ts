/**
 * British and American spellings of one word read as one: a UK business writes "tyre", "labour"
 * and "centre", its callers' words come through the recogniser in the spelling of its US
 * dictionary (pocketsphinx's cmudict writes "tire", "labor", "center"), and a US business's
 * page meets callers who type "colour" in the chat. `americanSpelling` maps the British form to
 * the American one before stemming, so both sides share a stem; the words themselves (what the
 * agent says back) keep the caller's or the document's spelling.
 *
 * Rules by word family, never bare suffix swaps: "-ise" is no general "-ize" ("exercise",
 * "advertise", "promise"), "-our" no general "-or" ("four", "hour", "tour"), "-re" no general
 * "-er" ("acre", "genre"), and "-ll-" before an ending is often both ("cancellation"). Not
 * "cheque" -> "check": the American word is also the eye check and the diagnostic check, and
 * merging them cost two answers about payment and checks (measured on the suite).
 */

/** Word families spelt "-our" in Britain and "-or" in America: labour, labourer, laboured ... */
const ourRoots = [
  'labour',
  'colour',
  'favour',
  'honour',
  'neighbour',
  'flavour',
  'harbour',
  'behaviour',
  'rumour',
  'humour',
  'odour',
  'vapour',
  'armour',
  'endeavour',
  'parlour',
  'tumour',
  'valour',
  'saviour',
  'splendour',
];

/** "-re" words with their "-er" form; inflections ("centres", "centred") follow the rule below. */
const reRoots = [
  'centre',
  'metre',
  'litre',
  'theatre',
  'fibre',
  'calibre',
  'sombre',
  'spectre',
  'meagre',
  'lustre',
  'sabre',
  'kilometre',
  'centimetre',
  'millimetre',
  'manoeuvre',
];

/** Stems of verbs spelt "-ise" in Britain ("organise", "organisation", "organised"). */
const iseStems = [
  'organ',
  'recogn',
  'real',
  'apolog',
  'special',
  'custom',
  'personal',
  'minim',
  'maxim',
  'priorit',
  'author',
  'sanit',
  'steril',
  'final',
  'categor',
  'emphas',
  'summar',
  'memor',
  'standard',
  'optim',
  'util',
  'critic',
  'hospital',
  'immun',
  'neutral',
  'moistur',
  'visual',
  'stabil',
  'item',
  'general',
  'local',
  'modern',
  'familiar',
  'symbol',
  'computer',
  'digit',
  'energ',
  'equal',
  'fertil',
  'harmon',
  'legal',
  'mechan',
  'mobil',
  'normal',
  'pressur',
  'public',
  'social',
  'subsid',
  'sympath',
  'synchron',
  'character',
  'agon',
  'fantas',
  'hypnot',
  'magnet',
  'tender',
  'winter',
  'caramel',
  'pasteur',
  'accessor',
  'vandal',
  'capital',
  'colon',
  'motor',
  'vapor',
  'weather',
];
/** The endings an "-ise" verb takes; "-is" + one of them becomes "-iz" + it. */
const iseEnding = /^(?:e|es|ed|ing|er|ers|ation|ations|able)$/;

/** Verbs whose "l" doubles before an ending in Britain only ("travelled", "cancelling", "modeller"). */
const doubledL = [
  'travel',
  'cancel',
  'label',
  'model',
  'counsel',
  'fuel',
  'level',
  'signal',
  'channel',
  'tunnel',
  'marvel',
  'dial',
  'equal',
  'pedal',
  'quarrel',
  'refuel',
  'shovel',
  'snorkel',
  'worship',
  'panel',
  'total',
];
const doubledLEnding = /^(?:ed|ing|er|ers)$/;

/** Whole words and word starts that differ otherwise (a start also covers its inflections). */
const starts: ReadonlyArray<readonly [string, string]> = [
  ['tyre', 'tire'],
  ['kerb', 'curb'],
  ['jewellery', 'jewelry'],
  ['jeweller', 'jeweler'],
  ['mould', 'mold'],
  ['aluminium', 'aluminum'],
  ['pyjama', 'pajama'],
  ['plough', 'plow'],
  ['draught', 'draft'],
  ['catalogue', 'catalog'],
  ['enrolment', 'enrollment'],
  ['instalment', 'installment'],
  ['fulfilment', 'fulfillment'],
  ['skilful', 'skillful'],
  ['wilful', 'willful'],
  ['judgement', 'judgment'],
  ['acknowledgement', 'acknowledgment'],
  ['sceptic', 'skeptic'],
  ['moustache', 'mustache'],
  ['sulphur', 'sulfur'],
  ['licenc', 'licens'],
  ['defenc', 'defens'],
  ['offenc', 'offens'],
  ['practis', 'practic'],
  ['paediatric', 'pediatric'],
  ['orthopaedic', 'orthopedic'],
  ['anaesth', 'anesth'],
  ['anaemi', 'anemi'],
  ['haemo', 'hemo'],
  ['haema', 'hema'],
  ['gynaecolog', 'gynecolog'],
  ['encyclopaedi', 'encyclopedi'],
  ['oesophag', 'esophag'],
  ['oestrogen', 'estrogen'],
  ['diarrhoea', 'diarrhea'],
  ['foetus', 'fetus'],
  ['oedema', 'edema'],
  ['analys', 'analyz'],
  ['paralys', 'paralyz'],
  ['catalys', 'catalyz'],
];
/** Whole words only (as a start they would catch others: "greyhound", "enrolled" is both). */
const whole: ReadonlyMap<string, string> = new Map([
  ['grey', 'gray'],
  ['greys', 'grays'],
  ['enrol', 'enroll'],
  ['enrols', 'enrolls'],
  ['fulfil', 'fulfill'],
  ['fulfils', 'fulfills'],
  ['ageing', 'aging'],
  ['storey', 'story'],
  ['storeys', 'stories'],
  ['cosy', 'cozy'],
  ['doughnut', 'donut'],
  ['doughnuts', 'donuts'],
  ['centred', 'centered'],
  ['centring', 'centering'],
  // "analysis" is both; only the verb differs.
  ['analysis', 'analysis'],
  ['analyses', 'analyses'],
  ['paralysis', 'paralysis'],
  ['analyst', 'analyst'],
  ['analysts', 'analysts'],
  ['catalyst', 'catalyst'],
  ['catalysts', 'catalysts'],
  // Not a start: "programmer" is both.
  ['programme', 'program'],
  ['programmes', 'programs'],
]);

/**
 * Spellings already worked out: `stem` calls this for every word of every document and turn,
 * and the rules scan some hundred word starts (a cached word costs a map lookup, ~4x less).
 * Cleared when full; the words of one box's documents and callers are far fewer.
 */
const known = new Map<string, string>();
const KNOWN_MAX = 50_000;

/** The American spelling of a lower-case word, or the word itself. */
export function americanSpelling(word: string): string {
  if (word.length < 4) return word;
  let us = known.get(word);
  if (us === undefined) {
    if (known.size >= KNOWN_MAX) known.clear();
    us = spell(word);
    known.set(word, us);
  }
  return us;
}

function spell(word: string): string {
  const w = whole.get(word);
  if (w !== undefined) return w;
  for (const r of ourRoots) if (word.startsWith(r)) return `${r.slice(0, -2)}r${word.slice(r.length)}`;
  for (const r of reRoots)
    if (word.startsWith(r)) {
      const us = r === 'manoeuvre' ? 'maneuver' : `${r.slice(0, -2)}er`;
      return us + word.slice(r.length);
    }
  for (const [gb, us] of starts) if (word.startsWith(gb)) return us + word.slice(gb.length);
  const ise = /^(\w{3,}?)is(\w*)$/.exec(word);
  if (ise && iseStems.includes(ise[1]!) && iseEnding.test(ise[2]!)) return `${ise[1]}iz${ise[2]}`;
  const ll = /^(\w+)l(ed|ing|er|ers)$/.exec(word);
  if (ll && doubledL.includes(ll[1]!) && doubledLEnding.test(ll[2]!)) return ll[1]! + ll[2]!;
  return word;
}
