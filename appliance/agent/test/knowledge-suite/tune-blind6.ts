/**
 * TUNE questions of the sixth blind set.
 * Written blind on 2026-12-05 (sixth blind pair) by an evaluator who did not read the engine
 * (nothing under appliance/agent/ outside this folder, nothing under appliance/knowledge/ or the
 * lexicon, no engine, suite, test or bench run), from the caller's side, for two
 * trades the suite lacked: a dry cleaner and alterations shop (documents/fairbank-cleaners.html,
 * the shop's page as its site builder exports it) and a self-storage company
 * (documents/ridgeway-self-storage.txt, an emailed plain-text information sheet).
 * 36 questions per business were written in order; every third question as written (3rd, 6th,
 * 9th, ...) was held out mechanically, before any run. Those are in heldout-blind6.ts;
 * these are the other two thirds.
 * Each is marked with its place in the order written.
 */
import { any, num, phone, q, saysNo, saysYes, text, time, type SuiteQuestion } from './spec.js';

const missing = { class: 'missing-item' } as const;

export const tuneBlind6Questions: SuiteQuestion[] = [
  // ---- Fairbank Cleaners (dry cleaning and alterations, HTML page)
  // as written: 1
  q(
    'cleaners-t01',
    'cleaners',
    'price',
    false,
    true,
    'Hi, how much is it to get a two-piece suit dry cleaned?',
    [num(16.5)],
    [num(21), num(9.5), num(7.5)],
    { alsoOk: [23] },
  ),
  // as written: 2
  q(
    'cleaners-t02',
    'cleaners',
    'when',
    false,
    true,
    'What time do you close on a Thursday?',
    [time('19:30')],
    [],
    { class: 'builtin-info' },
  ),
  // as written: 4
  q(
    'cleaners-t03',
    'cleaners',
    'who',
    true,
    true,
    "Who's the person there who actually does the sewing, like taking things up?",
    [text('stelios')],
    [text('kwame'), text('chloe')],
  ),
  // as written: 5
  q(
    'cleaners-t04',
    'cleaners',
    'price',
    true,
    true,
    'How much to have a pair of trousers taken up?',
    [num(12)],
    [num(15), num(14), num(7.5)],
    { alsoOk: [16, 8, 20] },
  ),
  // as written: 7
  q(
    'cleaners-t05',
    'cleaners',
    'yes-no',
    false,
    false,
    'Do you do a discount for students?',
    [],
    [],
    missing,
  ),
  // as written: 8
  q(
    'cleaners-t06',
    'cleaners',
    'price',
    true,
    true,
    "What would you charge to wash the big quilt off our super king bed? The dog's been sleeping on it.",
    [num(24)],
    [num(19), num(25)],
    { alsoOk: [31] },
  ),
  // as written: 10
  q(
    'cleaners-t07',
    'cleaners',
    'price',
    false,
    true,
    'How much to get the zip replaced on my winter coat?',
    [num(28)],
    [num(14), num(22)],
    { alsoOk: [8, 36] },
  ),
  // as written: 11
  q(
    'cleaners-t08',
    'cleaners',
    'yes-no',
    false,
    true,
    "Can you clean a rug? It's a big wool one from the living room.",
    [saysNo],
    [],
  ),
  // as written: 13
  q(
    'cleaners-t09',
    'cleaners',
    'yes-no',
    true,
    true,
    "Hello, do you pick things up from people's houses? I don't drive.",
    [any('collect')],
    [],
    { class: 'hijack' },
  ),
  // as written: 14
  q(
    'cleaners-t10',
    'cleaners',
    'yes-no',
    false,
    false,
    'Can you dye a dress a different colour for me?',
    [],
    [],
    missing,
  ),
  // as written: 16
  q(
    'cleaners-t11',
    'cleaners',
    'when',
    true,
    true,
    'What days does your driver come round?',
    [text('tuesday'), text('friday')],
    [],
  ),
  // as written: 17
  q(
    'cleaners-t12',
    'cleaners',
    'price',
    true,
    true,
    "If I drop off a big bag of the family's everyday clothes for you to do, like a launderette would, how do you charge for that?",
    [num(2.9)],
    [num(2.6)],
    { alsoOk: [12, 4.2, 18] },
  ),
  // as written: 19
  q(
    'cleaners-t13',
    'cleaners',
    'yes-no',
    true,
    true,
    "Can you clean my curtains? They're nearly three metres from the rail to the floor.",
    [saysNo],
    [],
  ),
  // as written: 20
  q(
    'cleaners-t14',
    'cleaners',
    'price',
    false,
    true,
    "How much to get a skirt shortened? It's a lined one.",
    [num(18)],
    [num(14), num(24)],
    { alsoOk: [8, 26] },
  ),
  // as written: 22
  q(
    'cleaners-t15',
    'cleaners',
    'how',
    true,
    true,
    'If something of mine got wrecked while you had it, would I get any money back?',
    [num(300)],
    [],
  ),
  // as written: 23
  q(
    'cleaners-t16',
    'cleaners',
    'when',
    true,
    true,
    'How long will you hang on to my things if I forget to come and get them?',
    [any('90 day', '3 month')],
    [],
  ),
  // as written: 25
  q(
    'cleaners-t17',
    'cleaners',
    'price',
    true,
    true,
    "How much to shorten the sleeves on a suit jacket? They've got the buttons that actually undo.",
    [num(34)],
    [num(22), num(28)],
    { alsoOk: [8, 42] },
  ),
  // as written: 26
  q(
    'cleaners-t18',
    'cleaners',
    'when',
    false,
    true,
    'What time do you open on a Saturday?',
    [time('08:30')],
    [],
    { class: 'builtin-info' },
  ),
  // as written: 28
  q(
    'cleaners-t19',
    'cleaners',
    'price',
    true,
    true,
    'What would five shirts washed and ironed come to?',
    [num(11.5)],
    [num(3.8)],
    { alsoOk: [2.6] },
  ),
  // as written: 29
  q(
    'cleaners-t20',
    'cleaners',
    'when',
    false,
    true,
    'Are you open on the bank holiday Monday?',
    [time('10:00'), time('14:00')],
    [],
    { class: 'builtin-info' },
  ),
  // as written: 31
  q(
    'cleaners-t21',
    'cleaners',
    'price',
    false,
    true,
    'My wedding dress needs taking in a bit before the big day. Roughly what would that cost?',
    [num(120)],
    [num(26), num(140), num(95), num(185)],
  ),
  // as written: 32
  q(
    'cleaners-t22',
    'cleaners',
    'when',
    true,
    true,
    'How long does a normal dry clean take?',
    [any('3 working day', '3 day')],
    [],
  ),
  // as written: 34
  q(
    'cleaners-t23',
    'cleaners',
    'yes-no',
    true,
    false,
    'Do you do one of those cards where you get a free clean after so many?',
    [],
    [],
    missing,
  ),
  // as written: 35
  q(
    'cleaners-t24',
    'cleaners',
    'how',
    true,
    true,
    'How do I pay if I drop things off at the one by the train station?',
    [text('card')],
    [],
  ),
  // ---- Ridgeway Self Storage (self storage, plain-text information sheet)
  // as written: 1
  q(
    'storage-t01',
    'storage',
    'price',
    false,
    true,
    'Hi, how much is a 50 square foot unit per month?',
    [num(68)],
    [num(39), num(94)],
    { alsoOk: [58, 16] },
  ),
  // as written: 2
  q(
    'storage-t02',
    'storage',
    'when',
    false,
    true,
    'What time does your office open on a Saturday?',
    [time('09:00')],
    [],
    { class: 'builtin-info' },
  ),
  // as written: 4
  q(
    'storage-t03',
    'storage',
    'when',
    true,
    true,
    'How early in the morning can I get in to my unit at Brockhurst to drop stuff off?',
    [time('06:00')],
    [time('08:30')],
  ),
  // as written: 5
  q(
    'storage-t04',
    'storage',
    'who',
    true,
    true,
    "Who sorts out the money side of things, like if a payment's gone out twice?",
    [text('nadia')],
    [text('gary'), text('owen')],
  ),
  // as written: 7
  q(
    'storage-t05',
    'storage',
    'price',
    true,
    true,
    "How much is it to protect my stuff if it's all worth about four thousand pounds?",
    [num(4.2)],
    [num(2.5), num(7.5)],
    { alsoOk: [5000, 2500] },
  ),
  // as written: 8
  q(
    'storage-t06',
    'storage',
    'yes-no',
    true,
    true,
    'Can I keep a couple of spare cylinders for the barbecue in there?',
    [saysNo],
    [],
  ),
  // as written: 10
  q(
    'storage-t07',
    'storage',
    'price',
    true,
    true,
    "I only need somewhere for a few boxes for a fortnight while we move. What's the smallest thing you've got, and what's that a week?",
    [num(5.5)],
    [num(9.5)],
    { alsoOk: [11, 22] },
  ),
  // as written: 11
  q(
    'storage-t08',
    'storage',
    'yes-no',
    true,
    true,
    'Could I leave my camper van with you over the winter?',
    [saysNo],
    [],
    { class: 'hijack' },
  ),
  // as written: 13
  q(
    'storage-t09',
    'storage',
    'when',
    true,
    true,
    'What time does the gate shut at night at Felsham?',
    [time('20:00')],
    [time('22:00')],
  ),
  // as written: 14
  q(
    'storage-t10',
    'storage',
    'how',
    false,
    true,
    "I'm at my unit and I can smell gas in the corridor. What should I do?",
    [any('999', '9 9 9')],
    [phone('01632 964120')],
    { noMessageTaking: true, class: 'urgent' },
  ),
  // as written: 16
  q(
    'storage-t11',
    'storage',
    'price',
    false,
    true,
    'What does the 20 foot container cost per week?',
    [num(31)],
    [num(19)],
    { alsoOk: [129, 110] },
  ),
  // as written: 17
  q(
    'storage-t12',
    'storage',
    'who',
    true,
    true,
    "Hello, who'd be the one to show me round so I can work out what size I need?",
    [text('gary')],
    [text('nadia'), text('owen')],
    { class: 'hijack' },
  ),
  // as written: 19
  q(
    'storage-t13',
    'storage',
    'when',
    true,
    true,
    'If I want to move my stuff out, how much warning do I have to give you?',
    [any('14 day', '2 week', 'fortnight')],
    [],
  ),
  // as written: 20
  q(
    'storage-t14',
    'storage',
    'price',
    true,
    true,
    'Do I have to put money down up front when I take a unit, and how much is it?',
    [num(50)],
    [],
  ),
  // as written: 22
  q(
    'storage-t15',
    'storage',
    'price',
    false,
    true,
    'Is there a cheap deal for students over the summer holidays?',
    [num(99)],
    [num(39), num(33)],
    { class: 'hijack' },
  ),
  // as written: 23
  q(
    'storage-t16',
    'storage',
    'yes-no',
    false,
    true,
    'Can I use my own home insurance instead of yours?',
    [saysYes, any('certificate', 'goods in storage')],
    [],
  ),
  // as written: 25
  q(
    'storage-t17',
    'storage',
    'price',
    true,
    true,
    'Do you sell those tall boxes you can hang clothes up in? How much are they?',
    [num(9)],
    [num(3.5), num(2.2)],
  ),
  // as written: 26
  q(
    'storage-t18',
    'storage',
    'yes-no',
    true,
    false,
    "I've got a pallet coming on a lorry. Have you got one of those machines with the forks to lift it off?",
    [],
    [],
    missing,
  ),
  // as written: 28
  q(
    'storage-t19',
    'storage',
    'yes-no',
    true,
    true,
    'Is the place in Felsham somewhere I can just turn up and talk to someone?',
    [saysNo],
    [],
  ),
  // as written: 29
  q(
    'storage-t20',
    'storage',
    'yes-no',
    false,
    true,
    'Are you open on Boxing Day? I wanted to get some things out.',
    [any('closed', 'no', 'not')],
    [],
    { class: 'builtin-info' },
  ),
  // as written: 31
  q(
    'storage-t21',
    'storage',
    'who',
    false,
    true,
    'Who looks after the Felsham site?',
    [text('owen')],
    [text('gary'), text('nadia')],
  ),
  // as written: 32
  q(
    'storage-t22',
    'storage',
    'how',
    true,
    true,
    "I'm a bit behind with the rent. What happens if I don't pay for a while?",
    [any('late fee', 'late payment fee', '15', 'overlock', 'sell', 'sold')],
    [],
  ),
  // as written: 34
  q(
    'storage-t23',
    'storage',
    'price',
    false,
    false,
    'How much do you charge for a 35 square foot unit?',
    [],
    [num(39), num(68)],
    missing,
  ),
  // as written: 35
  q(
    'storage-t24',
    'storage',
    'yes-no',
    false,
    true,
    "I've forgotten my gate code and it's eight at night. Can I ring your out-of-hours number to get it reset?",
    [saysNo],
    [],
  ),
];
