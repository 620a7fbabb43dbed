/**
 * HELD-OUT questions of the third blind set: never tune on these.
 * Written blind on 2026-12-05 by an evaluator who did not read the engine (nothing under
 * appliance/agent/ outside this folder, nothing under appliance/knowledge/ or the lexicon, no
 * engine, suite, test or bench run), from the caller's side, for two trades the suite lacked: an
 * independent optician (documents/clearview-opticians.pdf, a two-page fee leaflet) and a day
 * nursery (documents/little-acorns-nursery.docx, a parents' information and fees pack).
 * 36 questions per business were written in order; every third question as written (3rd, 6th,
 * 9th, ...) was held out mechanically, before any run.
 * These are the held-out third; the others are in tune-blind3.ts. Each is marked with its
 * place in the order written.
 */
import { any, num, q, saysNo, text, type SuiteQuestion } from './spec.js';

const missing = { class: 'missing-item' } as const;

export const heldoutBlind3Questions: SuiteQuestion[] = [
  // ---- Clearview Opticians (optician, two-page PDF fee leaflet)
  // as written: 3
  q(
    'optician-h01',
    'optician',
    'who',
    true,
    true,
    "The arm's come off my glasses. Who would I see about getting them fixed?",
    [text('gareth')],
    [text('priya'), text('tom')],
  ),
  // as written: 6
  q(
    'optician-h02',
    'optician',
    'yes-no',
    true,
    true,
    "My mum's seventy-two, does she have to pay for her eye test?",
    [any('free', 'nhs', 'no')],
    [num(30)],
  ),
  // as written: 9
  q(
    'optician-h03',
    'optician',
    'price',
    false,
    false,
    'How much is a pair of prescription swimming goggles?',
    [],
    [num(49), num(40), num(20)],
    missing,
  ),
  // as written: 12
  q(
    'optician-h04',
    'optician',
    'who',
    false,
    true,
    'Which optometrist does the home visits?',
    [text('tom')],
    [text('priya')],
  ),
  // as written: 15
  q(
    'optician-h05',
    'optician',
    'when',
    false,
    false,
    "How long do glasses usually take to be ready once I've picked the frames?",
    [],
    [text('10 days'), text('a week')],
  ),
  // as written: 18
  q('optician-h06', 'optician', 'yes-no', false, true, 'Do you take cheques?', [saysNo], []),
  // as written: 21
  q(
    'optician-h07',
    'optician',
    'yes-no',
    false,
    false,
    "Is there any chance you've got Ray-Ban frames?",
    [],
    [],
    { class: 'hijack' },
  ),
  // as written: 24
  q('optician-h08', 'optician', 'when', true, true, 'What days are you shut?', [text('sunday')], []),
  // as written: 27
  q(
    'optician-h09',
    'optician',
    'how',
    true,
    true,
    "I've splashed bleach in my eye, what do I do right now?",
    [any('rinse', 'running water', '15 minutes')],
    [],
    { noMessageTaking: true, class: 'urgent' },
  ),
  // as written: 30
  q(
    'optician-h10',
    'optician',
    'yes-no',
    false,
    false,
    'Do you fill in the eyesight form for my lorry licence?',
    [],
    [],
  ),
  // as written: 33
  q(
    'optician-h11',
    'optician',
    'price',
    false,
    false,
    'What do you charge for a bottle of contact lens solution?',
    [],
    [num(15), num(25)],
    missing,
  ),
  // as written: 36
  q(
    'optician-h12',
    'optician',
    'other',
    true,
    true,
    'If I buy two pairs of glasses together, do I get anything knocked off?',
    [num(30)],
    [num(10)],
  ),
  // ---- Little Acorns Day Nursery (nursery, DOCX parents' pack)
  // as written: 3
  q('nursery-h01', 'nursery', 'who', false, true, "Who's the manager?", [text('rachel')], [text('sunita')]),
  // as written: 6
  q(
    'nursery-h02',
    'nursery',
    'price',
    true,
    true,
    'We get the thirty free hours. Is there still anything to pay?',
    [num(7.5)],
    [num(72), num(68), num(64)],
    { alsoOk: [4] },
  ),
  // as written: 9
  q(
    'nursery-h03',
    'nursery',
    'price',
    false,
    false,
    'Do the children wear a uniform? How much is the sweatshirt?',
    [],
    [num(50), num(20)],
    missing,
  ),
  // as written: 12
  q(
    'nursery-h04',
    'nursery',
    'who',
    true,
    true,
    "Who'd be looking after my baby? Who's in charge of the baby room?",
    [text('chloe')],
    [text('daniel'), text('hannah')],
  ),
  // as written: 15
  q(
    'nursery-h05',
    'nursery',
    'when',
    false,
    false,
    "How long's the waiting list for a baby place at the moment?",
    [],
    [],
  ),
  // as written: 18
  q('nursery-h06', 'nursery', 'yes-no', false, true, 'Does the forest school cost extra?', [saysNo], []),
  // as written: 21
  q(
    'nursery-h07',
    'nursery',
    'where',
    false,
    false,
    'Is there anywhere to park when I drop off?',
    [],
    [text('bramble lane')],
    { class: 'hijack' },
  ),
  // as written: 24
  q('nursery-h08', 'nursery', 'price', false, true, 'How much is the deposit?', [num(200)], [num(50)]),
  // as written: 27
  q(
    'nursery-h09',
    'nursery',
    'yes-no',
    true,
    true,
    'Does she get fed at lunchtime or do I pack her something?',
    [any('hot lunch', 'included', 'cooked', 'maureen')],
    [],
  ),
  // as written: 30
  q(
    'nursery-h10',
    'nursery',
    'yes-no',
    true,
    true,
    'Could you pick my eldest up from school at three as well?',
    [saysNo],
    [],
  ),
  // as written: 33
  q(
    'nursery-h11',
    'nursery',
    'who',
    true,
    true,
    "Who's the lady who runs the room for the ones about to start school?",
    [text('hannah')],
    [text('chloe'), text('daniel')],
  ),
  // as written: 36
  q(
    'nursery-h12',
    'nursery',
    'price',
    false,
    true,
    'How much is the registration fee, and do we get it back?',
    [num(50), any('not refundable', 'non refundable', 'no')],
    [num(200)],
  ),
];
