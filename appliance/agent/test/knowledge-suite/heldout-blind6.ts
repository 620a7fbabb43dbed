/**
 * HELD-OUT questions of the sixth blind set: never to be tuned on.
 * Written blind on 2026-12-05 (sixth blind pair) by an evaluator who did not read the engine
 * (nothing under appliance/agent/ outside this folder, nothing under appliance/knowledge/ or the
 * lexicon, no engine, suite, test or bench run), from the caller's side, for two
 * trades the suite lacked: a dry cleaner and alterations shop (documents/fairbank-cleaners.html,
 * the shop's page as its site builder exports it) and a self-storage company
 * (documents/ridgeway-self-storage.txt, an emailed plain-text information sheet).
 * 36 questions per business were written in order; every third question as written (3rd, 6th,
 * 9th, ...) was held out mechanically, before any run: these are they. The other two
 * thirds are in tune-blind6.ts.
 * Each is marked with its place in the order written.
 */
import { any, num, phone, q, saysNo, text, time, type SuiteQuestion } from './spec.js';

const missing = { class: 'missing-item' } as const;

export const heldoutBlind6Questions: SuiteQuestion[] = [
  // ---- Fairbank Cleaners (dry cleaning and alterations, HTML page)
  // as written: 3
  q(
    'cleaners-h01',
    'cleaners',
    'price',
    true,
    true,
    'I need my navy blazer cleaned and back by tonight. How much would that be?',
    [num(13.5)],
    [num(23), num(16.5), num(10.5)],
    { alsoOk: [9.5] },
  ),
  // as written: 6
  q(
    'cleaners-h02',
    'cleaners',
    'yes-no',
    true,
    true,
    "My daughter's got one of those soft brushed-leather jackets, the fuzzy kind. Can you clean that?",
    [any('specialist', 'send', 'sent away')],
    [],
  ),
  // as written: 9
  q(
    'cleaners-h03',
    'cleaners',
    'where',
    true,
    true,
    "Is there somewhere I can leave my clothes when you're shut? I work late most nights.",
    [text('station')],
    [],
    { class: 'hijack' },
  ),
  // as written: 12
  q(
    'cleaners-h04',
    'cleaners',
    'price',
    false,
    true,
    "What would it cost to have my wedding dress cleaned? It's lace with quite a long train.",
    [num(140)],
    [num(95), num(185)],
    { alsoOk: [35, 175] },
  ),
  // as written: 15
  q(
    'cleaners-h05',
    'cleaners',
    'where',
    true,
    true,
    'I live out in Maddock. Could your van come and get my things?',
    [saysNo],
    [],
  ),
  // as written: 18
  q(
    'cleaners-h06',
    'cleaners',
    'other',
    false,
    true,
    "Hello, is that the leisure centre? I'm ringing about swimming lessons for my son.",
    [any('fairbank', 'cleaners', 'wrong number')],
    [],
    { class: 'wrong-number' },
  ),
  // as written: 21
  q(
    'cleaners-h07',
    'cleaners',
    'who',
    true,
    true,
    "Who's best to ask about a mark that just won't come out? It's red wine on a silk dress.",
    [text('kwame')],
    [text('stelios'), text('chloe'), text('linda')],
  ),
  // as written: 24
  q('cleaners-h08', 'cleaners', 'yes-no', false, false, 'Do you do shoe repairs as well?', [], [], missing),
  // as written: 27
  q(
    'cleaners-h09',
    'cleaners',
    'who',
    false,
    true,
    "Can I leave a message for the manager? I'm not happy with how my shirt came back.",
    [text('linda')],
    [text('stelios'), text('kwame'), text('chloe')],
    { class: 'hijack' },
  ),
  // as written: 30
  q(
    'cleaners-h10',
    'cleaners',
    'price',
    false,
    false,
    'How much do you charge to clean a leather jacket?',
    [],
    [],
    missing,
  ),
  // as written: 33
  q(
    'cleaners-h11',
    'cleaners',
    'yes-no',
    false,
    true,
    'Can you do a ball gown the same day? I need it for a do on Saturday.',
    [saysNo],
    [],
  ),
  // as written: 36
  q(
    'cleaners-h12',
    'cleaners',
    'price',
    false,
    false,
    'What do you charge to clean a sleeping bag?',
    [],
    [],
    missing,
  ),
  // ---- Ridgeway Self Storage (self storage, plain-text information sheet)
  // as written: 3
  q(
    'storage-h01',
    'storage',
    'price',
    true,
    true,
    "I've got everything from a one-bed flat to put away for about a year. What would that cost me each month?",
    [num(58)],
    [num(80), num(94), num(33)],
    { alsoOk: [68] },
  ),
  // as written: 6
  q('storage-h02', 'storage', 'yes-no', false, false, 'Are the units heated?', [], [], missing),
  // as written: 9
  q(
    'storage-h03',
    'storage',
    'where',
    false,
    true,
    'Whereabouts is your other place, the one in Felsham?',
    [any('old dairy yard', 'station road')],
    [text('canal road')],
    { class: 'builtin-info' },
  ),
  // as written: 12
  q(
    'storage-h04',
    'storage',
    'price',
    true,
    true,
    'How much to borrow one of your big vans for the whole day?',
    [num(85)],
    [num(55)],
  ),
  // as written: 15
  q(
    'storage-h05',
    'storage',
    'yes-no',
    false,
    false,
    'Do you do a discount for people in the armed forces?',
    [],
    [],
    missing,
  ),
  // as written: 18
  q(
    'storage-h06',
    'storage',
    'other',
    false,
    true,
    'Is that the tyre place? I need two new tyres fitted this afternoon.',
    [any('ridgeway', 'storage', 'wrong number')],
    [],
    { class: 'wrong-number' },
  ),
  // as written: 21
  q(
    'storage-h07',
    'storage',
    'how',
    true,
    true,
    "I've just turned up at nine at night and the lock on my unit's been cut off and the door's wide open. Who do I ring?",
    [phone('01632 964877')],
    [phone('01632 964120')],
    { noMessageTaking: true, class: 'urgent' },
  ),
  // as written: 24
  q(
    'storage-h08',
    'storage',
    'when',
    true,
    true,
    "Can I get into my unit at Brockhurst on a Sunday? Your office is shut then, isn't it?",
    [time('06:00'), time('22:00')],
    [],
    { class: 'builtin-info' },
  ),
  // as written: 27
  q(
    'storage-h09',
    'storage',
    'price',
    false,
    true,
    "If I take a 100 square foot unit but I'm only staying three months, what's the monthly price?",
    [num(119)],
    [num(101), num(28)],
  ),
  // as written: 30
  q(
    'storage-h10',
    'storage',
    'price',
    true,
    false,
    'How much would it cost to have your lads come and move my stuff in for me?',
    [],
    [],
    missing,
  ),
  // as written: 33
  q(
    'storage-h11',
    'storage',
    'yes-no',
    false,
    false,
    'Is there any discount if I recommend a friend?',
    [],
    [],
    missing,
  ),
  // as written: 36
  q(
    'storage-h12',
    'storage',
    'price',
    false,
    true,
    "What's a 75 square foot unit per week?",
    [num(22)],
    [num(16), num(28)],
    { alsoOk: [94, 80] },
  ),
];
