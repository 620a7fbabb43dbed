/**
 * HELD-OUT questions of the fourth blind set.
 * Written blind on 2026-12-05 (fourth blind pair) by an evaluator who did not read the engine
 * (nothing under appliance/agent/ outside this folder, nothing under appliance/knowledge/ or the
 * lexicon, no engine, suite, test or bench run), from the caller's side, for two trades the
 * suite lacked: a family removals and storage firm (documents/hilltop-removals.pdf, a two-page
 * price guide) and an independent florist (documents/bramble-and-bloom.html, the shop's page).
 * 36 questions per business were written in order; every third question as written (3rd, 6th,
 * 9th, ...) was held out mechanically, before any run. These are they; the
 * other two thirds are in tune-blind4.ts.
 * Each is marked with its place in the order written.
 */
import { any, num, q, saysNo, text, time, type SuiteQuestion } from './spec.js';

const missing = { class: 'missing-item' } as const;

export const heldoutBlind4Questions: SuiteQuestion[] = [
  // ---- Hilltop Removals (removals, two-page PDF price guide)
  // as written: 3
  q(
    'removals-h01',
    'removals',
    'price',
    false,
    false,
    'How much do you charge to take an old sofa down the tip for us?',
    [],
    [num(55), num(70)],
    missing,
  ),
  // as written: 6
  q(
    'removals-h02',
    'removals',
    'where',
    false,
    true,
    'If we put our furniture into storage with you, where is it actually kept?',
    [any('quarry lane', 'ferrisham')],
    [text('27 station road')],
  ),
  // as written: 9
  q(
    'removals-h03',
    'removals',
    'when',
    true,
    true,
    'How long before the move have I got to pay off the rest of the money?',
    [text('3 working days')],
    [text('10 working days')],
  ),
  // as written: 12
  q(
    'removals-h04',
    'removals',
    'yes-no',
    true,
    true,
    "We're emigrating to Spain in March, could you do the move for us?",
    [saysNo],
    [],
  ),
  // as written: 15
  q(
    'removals-h05',
    'removals',
    'how',
    false,
    true,
    'Is there anything I need to sort out about parking for the lorry outside my house?',
    [text('council')],
    [],
    { class: 'hijack' },
  ),
  // as written: 18
  q(
    'removals-h06',
    'removals',
    'yes-no',
    true,
    true,
    "We've got some tins of paint and a couple of gas canisters for the barbecue in the garage. Will your lads take those?",
    [saysNo],
    [],
  ),
  // as written: 21
  q(
    'removals-h07',
    'removals',
    'when',
    false,
    true,
    'Until what time in the evening is your moving-day line answered?',
    [time('21:00')],
    [],
  ),
  // as written: 24
  q(
    'removals-h08',
    'removals',
    'yes-no',
    false,
    true,
    'If I pack my own boxes and something inside gets broken, am I covered?',
    [saysNo],
    [],
  ),
  // as written: 27
  q(
    'removals-h09',
    'removals',
    'when',
    true,
    false,
    'How far ahead do I need to ring you to get a Friday in August?',
    [],
    [text('10 working days'), text('48 hours')],
  ),
  // as written: 30
  q(
    'removals-h10',
    'removals',
    'who',
    true,
    true,
    'Who do I talk to if I need to put the move back a week?',
    [text('lisa')],
    [text('sandra'), text('dean')],
  ),
  // as written: 33
  q(
    'removals-h11',
    'removals',
    'other',
    false,
    false,
    'Are you members of any trade association or anything like that?',
    [],
    [],
  ),
  // as written: 36
  q(
    'removals-h12',
    'removals',
    'yes-no',
    true,
    false,
    'Do you knock anything off for pensioners?',
    [],
    [],
    missing,
  ),
  // ---- Bramble & Bloom (florist, HTML page)
  // as written: 3
  q(
    'florist-h01',
    'florist',
    'price',
    false,
    false,
    'What do you charge to put a teddy bear in with the bouquet?',
    [],
    [num(6), num(18)],
    missing,
  ),
  // as written: 6
  q(
    'florist-h02',
    'florist',
    'when',
    true,
    true,
    "If I want flowers to go out today, what's the latest I can get an order in on a Saturday?",
    [time('10:00')],
    [],
  ),
  // as written: 9
  q(
    'florist-h03',
    'florist',
    'yes-no',
    true,
    true,
    'Can you send a bouquet to my sister in Canada for her birthday?',
    [saysNo],
    [],
  ),
  // as written: 12
  q(
    'florist-h04',
    'florist',
    'where',
    false,
    true,
    'And those wreath-making evenings, are they at the shop?',
    [any('village hall', 'mill road', 'upper ashby')],
    [text('12 abbey row')],
  ),
  // as written: 15
  q(
    'florist-h05',
    'florist',
    'who',
    true,
    true,
    'My dad passed away last week. Who should I speak to about flowers for the service?',
    [text('priya')],
    [text('ellie'), text('mick')],
  ),
  // as written: 18
  q(
    'florist-h06',
    'florist',
    'how',
    false,
    true,
    "My cat's been chewing the lilies in the bouquet you delivered this morning, what should I do?",
    [text('vet')],
    [],
    { noMessageTaking: true, class: 'urgent' },
  ),
  // as written: 21
  q(
    'florist-h07',
    'florist',
    'yes-no',
    false,
    true,
    'Is there a charge if I want to leave a little message with the flowers?',
    [any('free', 'no extra cost', 'no charge', 'no cost')],
    [],
    { class: 'hijack' },
  ),
  // as written: 24
  q(
    'florist-h08',
    'florist',
    'when',
    false,
    true,
    'What time do you close on a Friday?',
    [time('17:30')],
    [time('13:00')],
    { class: 'builtin-info' },
  ),
  // as written: 27
  q(
    'florist-h09',
    'florist',
    'price',
    true,
    true,
    "What's the damage for the bouquet the bride carries?",
    [num(120)],
    [num(9.5)],
  ),
  // as written: 30
  q(
    'florist-h10',
    'florist',
    'how',
    true,
    true,
    'How do I get a place on one of your wreath nights? Can I just turn up on the night?',
    [text('online')],
    [],
  ),
  // as written: 33
  q(
    'florist-h11',
    'florist',
    'when',
    false,
    false,
    'What day do you get your fresh flowers in from the market?',
    [],
    [],
  ),
  // as written: 36
  q(
    'florist-h12',
    'florist',
    'other',
    true,
    false,
    'How many days will a bunch from you usually stay looking nice?',
    [],
    [],
  ),
];
