/**
 * TUNE questions of the fourth blind set.
 * Written blind on 2026-12-05 (fourth blind pair) by an evaluator who did not read the engine
 * (nothing under appliance/agent/ outside this folder, nothing under appliance/knowledge/ or the
 * lexicon, no engine, suite, test or bench run), from the caller's side, for two trades the
 * suite lacked: a family removals and storage firm (documents/hilltop-removals.pdf, a two-page
 * price guide) and an independent florist (documents/bramble-and-bloom.html, the shop's page).
 * 36 questions per business were written in order; every third question as written (3rd, 6th,
 * 9th, ...) was held out mechanically, before any run. Those are in heldout-blind4.ts;
 * these are the other two thirds.
 * Each is marked with its place in the order written.
 */
import { any, num, q, saysNo, text, time, type SuiteQuestion } from './spec.js';

const missing = { class: 'missing-item' } as const;

export const tuneBlind4Questions: SuiteQuestion[] = [
  // ---- Hilltop Removals (removals, two-page PDF price guide)
  // as written: 1
  q(
    'removals-t01',
    'removals',
    'price',
    true,
    true,
    'Hi there, how much an hour is it for the big lorry with three lads?',
    [num(140)],
    [num(165), num(115)],
  ),
  // as written: 2
  q(
    'removals-t02',
    'removals',
    'when',
    false,
    true,
    'What time does your office shut on a Saturday?',
    [time('12:30')],
    [],
    { class: 'builtin-info' },
  ),
  // as written: 4
  q(
    'removals-t03',
    'removals',
    'who',
    true,
    true,
    "Who's the lady that comes round to look at all our stuff and work out a price?",
    [text('sandra')],
    [text('lisa'), text('dean')],
  ),
  // as written: 5
  q(
    'removals-t04',
    'removals',
    'price',
    true,
    true,
    "What's the cost of one of those tall boxes you can hang your clothes up in?",
    [num(12.5)],
    [num(6.5), num(2.9)],
  ),
  // as written: 7
  q(
    'removals-t05',
    'removals',
    'yes-no',
    true,
    true,
    'Can our cat come along in the van with all the furniture?',
    [saysNo],
    [],
  ),
  // as written: 8
  q(
    'removals-t06',
    'removals',
    'price',
    false,
    true,
    'Is there a minimum charge if I only need a Luton van with two men for a short job?',
    [text('2 hours')],
    [],
    { alsoOk: [90], class: 'hijack' },
  ),
  // as written: 10
  q(
    'removals-t07',
    'removals',
    'who',
    false,
    true,
    "Who's in charge of the lorry crew on the day itself?",
    [text('dean')],
    [text('peter')],
  ),
  // as written: 11
  q(
    'removals-t08',
    'removals',
    'price',
    false,
    true,
    "We've got an upright piano in the front room, on the ground floor. What's the extra to move that?",
    [num(140)],
    [num(320)],
    { alsoOk: [40] },
  ),
  // as written: 13
  q(
    'removals-t09',
    'removals',
    'price',
    false,
    false,
    'What do you charge to take apart and put back together a bed and a wardrobe?',
    [],
    [num(32), num(145)],
    missing,
  ),
  // as written: 14
  q(
    'removals-t10',
    'removals',
    'when',
    true,
    true,
    'If I need to get something out of my container, when can I go and do that?',
    [time('09:00'), time('16:00')],
    [time('17:30')],
  ),
  // as written: 16
  q(
    'removals-t11',
    'removals',
    'price',
    false,
    true,
    'Do you charge more if we move on a Sunday?',
    [num(30)],
    [num(15)],
  ),
  // as written: 17
  q('removals-t12', 'removals', 'who', false, false, 'Can I speak to whoever deals with complaints?', [], []),
  // as written: 19
  q(
    'removals-t13',
    'removals',
    'where',
    true,
    false,
    'Is there somewhere I can leave the car if I pop into your office?',
    [],
    [],
    { class: 'hijack' },
  ),
  // as written: 20
  q(
    'removals-t14',
    'removals',
    'where',
    true,
    true,
    'Whereabouts are you lot based? I might call in.',
    [text('station road')],
    [text('quarry lane')],
    { class: 'builtin-info' },
  ),
  // as written: 22
  q(
    'removals-t15',
    'removals',
    'where',
    true,
    true,
    "We're in a little village out in the sticks. How far out do you go?",
    [any('25 miles', 'england and wales')],
    [],
  ),
  // as written: 23
  q(
    'removals-t16',
    'removals',
    'who',
    true,
    true,
    'Who actually owns the firm these days?',
    [text('graham'), text('peter')],
    [],
  ),
  // as written: 25
  q(
    'removals-t17',
    'removals',
    'price',
    true,
    true,
    'How much is it for your people to come and put all our stuff into boxes for us?',
    [num(32)],
    [num(2.2), num(2.9)],
    { alsoOk: [145] },
  ),
  // as written: 26
  q(
    'removals-t18',
    'removals',
    'how',
    true,
    true,
    'How do I get a date booked in with you? Do I have to pay anything up front?',
    [text('deposit'), num(20)],
    [],
  ),
  // as written: 28
  q(
    'removals-t19',
    'removals',
    'price',
    true,
    true,
    "Say we're going about a hundred and twenty miles up north in the big lorry, how do you work the price out?",
    [num(2.6)],
    [num(1.9)],
    { alsoOk: [140, 165, 85] },
  ),
  // as written: 29
  q(
    'removals-t20',
    'removals',
    'other',
    false,
    true,
    'Can I pay with my American Express card?',
    [saysNo],
    [],
  ),
  // as written: 31
  q(
    'removals-t21',
    'removals',
    'price',
    false,
    false,
    'How much would you charge to store a car for a few months?',
    [],
    [num(24), num(3.5)],
    missing,
  ),
  // as written: 32
  q(
    'removals-t22',
    'removals',
    'when',
    true,
    true,
    'Could you move us on the twenty-sixth of December?',
    [saysNo],
    [],
  ),
  // as written: 34
  q(
    'removals-t23',
    'removals',
    'how',
    true,
    true,
    "One of your removal men has just slipped on our stairs with a chest of drawers and he says he can't move his leg. What do we do?",
    [any('999', 'moving day line', '07700 900412')],
    [],
    { noMessageTaking: true, class: 'urgent' },
  ),
  // as written: 35
  q(
    'removals-t24',
    'removals',
    'price',
    true,
    true,
    "We've got one of those massive double-door fridges, is there an extra charge for that?",
    [num(40)],
    [num(50), num(95)],
    { class: 'hijack' },
  ),
  // ---- Bramble & Bloom (florist, HTML page)
  // as written: 1
  q(
    'florist-t01',
    'florist',
    'price',
    false,
    true,
    'Hiya, how much is a dozen red roses?',
    [num(70)],
    [num(85), num(60)],
    { alsoOk: [90] },
  ),
  // as written: 2
  q(
    'florist-t02',
    'florist',
    'when',
    false,
    true,
    'Are you open all day on a Wednesday?',
    [time('13:00')],
    [],
    { class: 'builtin-info' },
  ),
  // as written: 4
  q(
    'florist-t03',
    'florist',
    'who',
    true,
    true,
    "I'm getting married next summer. Who would I be dealing with about the flowers?",
    [text('hannah')],
    [text('priya')],
  ),
  // as written: 5
  q(
    'florist-t04',
    'florist',
    'price',
    true,
    true,
    'How much is it to send flowers to someone about six miles from you?',
    [num(8.5)],
    [num(5), num(12)],
  ),
  // as written: 7
  q(
    'florist-t05',
    'florist',
    'price',
    false,
    true,
    'What would a heart for a funeral cost?',
    [num(95)],
    [num(65), num(160)],
  ),
  // as written: 8
  q(
    'florist-t06',
    'florist',
    'where',
    true,
    true,
    'Whereabouts are you exactly, are you in the middle of town?',
    [text('abbey row')],
    [text('mill road'), text('upper ashby')],
    { class: 'builtin-info' },
  ),
  // as written: 10
  q(
    'florist-t07',
    'florist',
    'price',
    false,
    true,
    'How much are the letters that spell out NAN for the funeral?',
    [num(50)],
    [num(160), num(95)],
  ),
  // as written: 11
  q(
    'florist-t08',
    'florist',
    'when',
    true,
    true,
    'When are your Christmas wreath classes on?',
    [text('thursday'), any('november', 'december')],
    [],
  ),
  // as written: 13
  q(
    'florist-t09',
    'florist',
    'where',
    true,
    true,
    'We live out past Upper Ashby, ten miles or so away. How far out do you deliver?',
    [any('15 miles', 'zone 3')],
    [],
  ),
  // as written: 14
  q('florist-t10', 'florist', 'yes-no', false, false, 'Do you do a discount for NHS staff?', [], [], missing),
  // as written: 16
  q(
    'florist-t11',
    'florist',
    'price',
    false,
    false,
    "What do you charge for a corsage for my daughter's prom?",
    [],
    [num(9.5), num(22)],
    missing,
  ),
  // as written: 17
  q(
    'florist-t12',
    'florist',
    'how',
    true,
    true,
    'How do I stop my flowers drooping so quickly?',
    [any('2 cm', 'change the water', 'every 2 days', 'flower food', 'radiator')],
    [],
  ),
  // as written: 19
  q(
    'florist-t13',
    'florist',
    'price',
    true,
    true,
    'How much is the flowers-every-week thing?',
    [num(34)],
    [num(37), num(40)],
  ),
  // as written: 20
  q(
    'florist-t14',
    'florist',
    'yes-no',
    false,
    true,
    "Do you deliver on a Sunday? It's my mum's birthday.",
    [saysNo],
    [],
  ),
  // as written: 22
  q(
    'florist-t15',
    'florist',
    'who',
    false,
    false,
    'Can I speak to whoever does your Instagram? I want to ask about using one of your photos.',
    [],
    [],
  ),
  // as written: 23
  q(
    'florist-t16',
    'florist',
    'price',
    true,
    true,
    'I need something for the top of the coffin, the long one that goes along it. How much is that?',
    [num(160)],
    [num(60)],
  ),
  // as written: 25
  q(
    'florist-t17',
    'florist',
    'other',
    true,
    true,
    'Are your flowers grown round here or do they come from abroad?',
    [text('british')],
    [],
  ),
  // as written: 26
  q(
    'florist-t18',
    'florist',
    'where',
    true,
    true,
    'Is there anywhere to leave the car near the shop?',
    [any('abbey row', 'cattle market')],
    [text('village hall')],
    { class: 'hijack' },
  ),
  // as written: 28
  q('florist-t19', 'florist', 'yes-no', false, false, 'Do you do gift vouchers?', [], []),
  // as written: 29
  q(
    'florist-t20',
    'florist',
    'who',
    false,
    true,
    "Who's the owner of the shop?",
    [text('hannah')],
    [text('priya')],
  ),
  // as written: 31
  q(
    'florist-t21',
    'florist',
    'price',
    true,
    true,
    "What's the smallest bunch of flowers you do, and how much is it?",
    [text('posy'), num(22)],
    [num(40)],
  ),
  // as written: 32
  q(
    'florist-t22',
    'florist',
    'yes-no',
    true,
    true,
    "Do you sell the flowers that aren't real, the ones that last forever? It's for a grave.",
    [saysNo],
    [],
  ),
  // as written: 34
  q(
    'florist-t23',
    'florist',
    'price',
    false,
    false,
    'How much would a peace lily in a pot be?',
    [],
    [num(22), num(48)],
    missing,
  ),
  // as written: 35
  q(
    'florist-t24',
    'florist',
    'who',
    true,
    true,
    "Who'll be bringing the flowers round, is it one of the florists?",
    [text('mick')],
    [text('ellie')],
  ),
];
