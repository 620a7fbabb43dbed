/**
 * HELD-OUT questions of the seventh blind set.
 * Written blind on 2026-12-05 (seventh blind pair) by an evaluator who did not read the engine
 * (nothing under appliance/agent/ outside this folder, nothing under appliance/knowledge/,
 * models/ or the lexicon, no engine, suite, test or bench run; only make-documents.ts and the
 * typecheck were run), from the caller's side, for two trades the suite lacked: a children's and
 * adults' swimming school (documents/otterbrook-swim-school.pdf, a two-page lessons, timetable
 * and fees leaflet) and a mobile car valeting firm (documents/tidewell-valeting.docx, a Word
 * prices and information sheet). Both documents are written by make-documents.ts from
 * blind7-documents.ts.
 * 36 questions per business were written in order; every third question as written (3rd, 6th,
 * 9th, ...) was held out mechanically, before any run.
 * These are in this file, never to be tuned on; the other two thirds are in tune-blind7.ts.
 * Each is marked with its place in the order written.
 */
import { any, num, q, saysNo, text, time, type SuiteQuestion } from './spec.js';

const missing = { class: 'missing-item' } as const;

export const heldoutBlind7Questions: SuiteQuestion[] = [
  // ---- Otterbrook Swim School (swimming lessons, two-page PDF leaflet)
  // as written: 3
  q(
    'swim-h01',
    'swim',
    'where',
    true,
    true,
    'Where do the lessons happen on a Tuesday after school?',
    [text('wilfrid')],
    [text('kings parade')],
  ),
  // as written: 6
  q(
    'swim-h02',
    'swim',
    'yes-no',
    false,
    false,
    "Do you do swimming parties? It's my son's seventh birthday next month.",
    [],
    [],
    missing,
  ),
  // as written: 9
  q(
    'swim-h03',
    'swim',
    'when',
    true,
    true,
    "My daughter can swim a little bit but I've no idea what level she'd be. When could someone have a look at her?",
    [text('saturday'), time('08:30')],
  ),
  // as written: 12
  q('swim-h04', 'swim', 'where', false, true, "What's your address?", [text('kings parade')], [], {
    class: 'builtin-info',
  }),
  // as written: 15
  q(
    'swim-h05',
    'swim',
    'how',
    true,
    true,
    "If we're away on holiday for a week, is there any way to get that lesson back?",
    [any('make-up', 'make up')],
  ),
  // as written: 18
  q(
    'swim-h06',
    'swim',
    'yes-no',
    true,
    false,
    'Is the water nice and warm at the leisure centre? My baby feels the cold.',
    [],
    [num(31)],
    missing,
  ),
  // as written: 21
  q(
    'swim-h07',
    'swim',
    'yes-no',
    true,
    true,
    "Hello, I've had a text message saying tonight's lesson is off because the pool's shut. Do we still pay for that week?",
    [any('credit', 'refund', 'never charge', 'not charge')],
    [],
    { class: 'hijack' },
  ),
  // as written: 24
  q(
    'swim-h08',
    'swim',
    'price',
    true,
    true,
    'Roughly how much would it be for my twins to share a teacher between the two of them for a term?',
    [num(150)],
    [num(265)],
    { alsoOk: [300, 16] },
  ),
  // as written: 27
  q(
    'swim-h09',
    'swim',
    'who',
    true,
    true,
    'Who would I talk to about spreading the fees over a few months?',
    [text('daniel')],
    [text('karen')],
  ),
  // as written: 30
  q(
    'swim-h10',
    'swim',
    'how',
    false,
    false,
    "I need to leave halfway through my son's lesson on Thursday. Can I take him out early?",
    [],
    [],
    { class: 'hijack' },
  ),
  // as written: 33
  q(
    'swim-h11',
    'swim',
    'yes-no',
    false,
    false,
    "Do you sell gift vouchers for lessons? I'd like to get some for my niece.",
    [],
    [],
    missing,
  ),
  // as written: 36
  q(
    'swim-h12',
    'swim',
    'price',
    false,
    true,
    'What does a term of Ducklings cost?',
    [num(72)],
    [num(85), num(98)],
  ),
  // ---- Tidewell Mobile Valeting (mobile car valeting, Word prices and information sheet)
  // as written: 3
  q(
    'valet-h01',
    'valet',
    'price',
    true,
    true,
    "My dog's left fur all over the back seats. What do you charge to get that out?",
    [num(20)],
    [num(45), num(15)],
  ),
  // as written: 6
  q(
    'valet-h02',
    'valet',
    'price',
    false,
    true,
    'How much does headlight restoration cost?',
    [num(40)],
    [num(45), num(30)],
  ),
  // as written: 9
  q('valet-h03', 'valet', 'yes-no', false, false, 'Do you do window tinting?', [], [], missing),
  // as written: 12
  q(
    'valet-h04',
    'valet',
    'yes-no',
    true,
    true,
    "I've got a hybrid. Could you give the bit under the bonnet a clean?",
    [saysNo],
  ),
  // as written: 15
  q(
    'valet-h05',
    'valet',
    'price',
    false,
    false,
    'What do you charge to valet a motorbike?',
    [],
    [num(30)],
    missing,
  ),
  // as written: 18
  q('valet-h06', 'valet', 'price', true, true, 'Do I have to pay anything up front when I book a big job?', [
    num(50),
  ]),
  // as written: 21
  q(
    'valet-h07',
    'valet',
    'yes-no',
    false,
    false,
    "Do you sell gift vouchers? I'd like to get one for my dad's birthday.",
    [],
    [],
    missing,
  ),
  // as written: 24
  q(
    'valet-h08',
    'valet',
    'price',
    false,
    true,
    "How much is it to have a touring caravan washed and waxed? It's about eighteen feet.",
    [num(140)],
    [num(220)],
  ),
  // as written: 27
  q(
    'valet-h09',
    'valet',
    'who',
    true,
    true,
    "Who's the one who's best with smelly cars, like if someone's been smoking in it?",
    [text('kyle')],
    [text('lee'), text('sam')],
  ),
  // as written: 30
  q('valet-h10', 'valet', 'when', true, true, 'If I need to call it off, how much warning do you need?', [
    any('24 hour', '48 hour'),
  ]),
  // as written: 33
  q(
    'valet-h11',
    'valet',
    'yes-no',
    true,
    true,
    'Can you come to me in the underground car park under my office block?',
    [saysNo],
  ),
  // as written: 36
  q(
    'valet-h12',
    'valet',
    'yes-no',
    false,
    false,
    "Are you insured in case something gets damaged while you're working on my car?",
    [],
    [],
    missing,
  ),
];
