/**
 * TUNE questions of the seventh blind set.
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
 * Those are in heldout-blind7.ts; these are the other two thirds.
 * Each is marked with its place in the order written.
 */
import { any, num, phone, q, saysNo, text, time, type SuiteQuestion } from './spec.js';

const missing = { class: 'missing-item' } as const;

export const tuneBlind7Questions: SuiteQuestion[] = [
  // ---- Otterbrook Swim School (swimming lessons, two-page PDF leaflet)
  // as written: 1
  q(
    'swim-t01',
    'swim',
    'price',
    false,
    true,
    "Hi, how much is a term of group lessons for my daughter? She's in Stage 2.",
    [num(85)],
    [num(98), num(72), num(110)],
    { alsoOk: [15] },
  ),
  // as written: 2
  q(
    'swim-t02',
    'swim',
    'when',
    false,
    true,
    'What time does your office open in the morning?',
    [time('09:00')],
    [],
    { class: 'builtin-info' },
  ),
  // as written: 4
  q(
    'swim-t03',
    'swim',
    'who',
    true,
    true,
    "Who decides when my son's ready to go up to the next group?",
    [text('karen')],
    [text('daniel'), text('megan'), text('tom'), text('lindsey')],
  ),
  // as written: 5
  q(
    'swim-t04',
    'swim',
    'price',
    true,
    true,
    'What would it cost for me to have one-on-one lessons, just me and a teacher, for the whole term?',
    [num(265)],
    [num(150), num(110)],
    { alsoOk: [28, 15] },
  ),
  // as written: 7
  q(
    'swim-t05',
    'swim',
    'how',
    true,
    true,
    "My little boy's just slipped on the side at the leisure centre and banged his head, and now he's really drowsy. What do I do?",
    [any('999', '9 9 9')],
    [phone('01632 962715')],
    { noMessageTaking: true, class: 'urgent' },
  ),
  // as written: 8
  q(
    'swim-t06',
    'swim',
    'price',
    true,
    true,
    "If I've got two kids both doing the half-hour group lessons, do I get anything knocked off for the second one?",
    [num(10)],
    [],
    { alsoOk: [85, 76.5] },
  ),
  // as written: 10
  q(
    'swim-t07',
    'swim',
    'price',
    false,
    true,
    'How much are the adult improvers lessons?',
    [num(110)],
    [num(85), num(98)],
    { alsoOk: [12.5] },
  ),
  // as written: 11
  q(
    'swim-t08',
    'swim',
    'yes-no',
    true,
    true,
    "Can my husband come and learn? He's forty-two and can't swim a stroke.",
    [text('private')],
  ),
  // as written: 13
  q(
    'swim-t09',
    'swim',
    'when',
    true,
    true,
    'Hello, is there a class for toddlers on a weekday morning?',
    [time('10:00'), any('wednesday', 'friday')],
    [],
    { class: 'hijack' },
  ),
  // as written: 14
  q(
    'swim-t10',
    'swim',
    'price',
    false,
    false,
    'How much are your goggles if I buy a pair from you?',
    [],
    [num(4)],
    missing,
  ),
  // as written: 16
  q(
    'swim-t11',
    'swim',
    'who',
    false,
    true,
    'Who teaches the Stage 3 and 4 groups?',
    [text('tom')],
    [text('megan'), text('karen'), text('lindsey')],
  ),
  // as written: 17
  q(
    'swim-t12',
    'swim',
    'price',
    true,
    true,
    'How much is the week-long course you do in the summer holidays?',
    [num(55)],
    [num(85)],
  ),
  // as written: 19
  q(
    'swim-t13',
    'swim',
    'other',
    true,
    true,
    'What does my son need to have with him for his first time in the water with you?',
    [any('swimsuit', 'trunks', 'towel')],
  ),
  // as written: 20
  q(
    'swim-t14',
    'swim',
    'when',
    false,
    true,
    'What time is the Stage 6 lesson on a Saturday?',
    [time('10:00')],
    [time('16:30')],
  ),
  // as written: 22
  q('swim-t15', 'swim', 'price', true, true, "What's the one-off charge when we first sign up?", [num(15)]),
  // as written: 23
  q('swim-t16', 'swim', 'where', false, true, 'Where do I park for the lessons in Ellingham?', [
    text('village hall'),
  ]),
  // as written: 25
  q(
    'swim-t17',
    'swim',
    'yes-no',
    false,
    false,
    'Do you have lessons for children with autism or other additional needs?',
    [],
    [],
    missing,
  ),
  // as written: 26
  q(
    'swim-t18',
    'swim',
    'when',
    true,
    true,
    'Does the office ever stay open later in the day?',
    [time('18:00'), any('first week')],
    [],
    { class: 'builtin-info' },
  ),
  // as written: 28
  q(
    'swim-t19',
    'swim',
    'price',
    false,
    false,
    'How much do you charge for the lifesaving course, the bronze medallion one?',
    [],
    [],
    missing,
  ),
  // as written: 29
  q('swim-t20', 'swim', 'yes-no', false, true, "Can my daughter wear goggles? She's in Stage 1.", [
    any('stage 2'),
  ]),
  // as written: 31
  q('swim-t21', 'swim', 'when', true, true, 'What time do the adult classes finish on a Thursday night?', [
    time('20:15'),
  ]),
  // as written: 32
  q(
    'swim-t22',
    'swim',
    'other',
    false,
    true,
    "Hi, is that Aldermoor Leisure Centre? I'd like to book a badminton court for Saturday.",
    [any('otterbrook', 'swim school', 'wrong number')],
    [],
    { class: 'wrong-number' },
  ),
  // as written: 34
  q('swim-t23', 'swim', 'price', false, true, 'Do you sell the swimming hats? How much are they?', [num(4)]),
  // as written: 35
  q(
    'swim-t24',
    'swim',
    'yes-no',
    true,
    true,
    'My son had a tummy bug yesterday. Can he still come to his lesson tonight?',
    [any('48 hour', '2 day', 'two day')],
  ),
  // ---- Tidewell Mobile Valeting (mobile car valeting, Word prices and information sheet)
  // as written: 1
  q(
    'valet-t01',
    'valet',
    'price',
    false,
    true,
    'Hi, how much is a full valet on a Ford Focus?',
    [num(110)],
    [num(95), num(130), num(35), num(140)],
  ),
  // as written: 2
  q(
    'valet-t02',
    'valet',
    'when',
    false,
    true,
    'What time do you start in the morning?',
    [time('08:00')],
    [],
    { class: 'builtin-info' },
  ),
  // as written: 4
  q(
    'valet-t03',
    'valet',
    'yes-no',
    true,
    true,
    'Do I need to leave the outside tap on for you, or find you somewhere to plug in?',
    [any('our own', 'own water', 'carry', 'do not need')],
    [],
    { class: 'hijack' },
  ),
  // as written: 5
  q(
    'valet-t04',
    'valet',
    'who',
    true,
    true,
    'Who does the really long-lasting protective coating on the paintwork?',
    [text('lee')],
    [text('kyle'), text('joanne'), text('sam')],
  ),
  // as written: 7
  q('valet-t05', 'valet', 'where', false, true, 'Where do I have to take the car for the ceramic coating?', [
    any('hollybush', 'mill lane'),
  ]),
  // as written: 8
  q(
    'valet-t06',
    'valet',
    'price',
    true,
    true,
    'What do you charge for a quick wash and hoover on a Corsa?',
    [num(30)],
    [num(35), num(95), num(42)],
  ),
  // as written: 10
  q(
    'valet-t07',
    'valet',
    'when',
    true,
    true,
    'How late do you work in the middle of winter, say in January?',
    [time('16:00')],
    [time('18:00')],
    { class: 'builtin-info' },
  ),
  // as written: 11
  q(
    'valet-t08',
    'valet',
    'price',
    false,
    true,
    'How much is the showroom package for a Land Rover Discovery?',
    [num(230)],
    [num(195), num(245), num(170)],
  ),
  // as written: 13
  q(
    'valet-t09',
    'valet',
    'how',
    true,
    true,
    "What happens if it's chucking it down on the day you're meant to come?",
    [any('move', 'rearrange', 'another day', 'reschedule', 'new date', 'first free', 'next free')],
  ),
  // as written: 14
  q(
    'valet-t10',
    'valet',
    'price',
    true,
    true,
    "How much extra is it for you to come out to Stoke Ashby? It's about twelve miles.",
    [num(15)],
    [num(8)],
  ),
  // as written: 16
  q(
    'valet-t11',
    'valet',
    'who',
    false,
    true,
    'Who do I speak to about setting up a fleet account for our vans?',
    [text('joanne')],
    [text('kyle'), text('sam'), text('lee')],
  ),
  // as written: 17
  q(
    'valet-t12',
    'valet',
    'yes-no',
    true,
    true,
    "Could you sort out a deep scratch down my door? It's gone right through to the metal.",
    [saysNo],
  ),
  // as written: 19
  q('valet-t13', 'valet', 'how', false, true, "I'll be at work when you do it. How do I pay you?", [
    any('link', 'bank transfer'),
  ]),
  // as written: 20
  q(
    'valet-t14',
    'valet',
    'price',
    false,
    true,
    'How much is an interior deep clean for a van?',
    [num(110)],
    [num(100), num(140), num(85)],
  ),
  // as written: 22
  q('valet-t15', 'valet', 'when', true, true, 'How far ahead do I need to get in touch to get a slot?', [
    any('week'),
  ]),
  // as written: 23
  q('valet-t16', 'valet', 'yes-no', true, true, "Will you do our caravan? It's a twenty-four footer.", [
    saysNo,
  ]),
  // as written: 25
  q(
    'valet-t17',
    'valet',
    'price',
    false,
    false,
    'How much is the paint protection film, the clear wrap that goes on the front of the car?',
    [],
    [num(395)],
    missing,
  ),
  // as written: 26
  q(
    'valet-t18',
    'valet',
    'where',
    false,
    true,
    'Where are you based?',
    [any('come to you', 'mobile', 'hollybush', 'cowley green', 'farnleigh')],
    [],
    { class: 'builtin-info' },
  ),
  // as written: 28
  q(
    'valet-t19',
    'valet',
    'price',
    true,
    true,
    "We've got eight vans at the depot. Do you do a better rate for businesses?",
    [num(15)],
  ),
  // as written: 29
  q('valet-t20', 'valet', 'yes-no', false, false, 'Do you use eco-friendly products?', [], [], missing),
  // as written: 31
  q(
    'valet-t21',
    'valet',
    'price',
    true,
    true,
    "How much to clean my little one's car seat? It's covered in juice.",
    [num(15)],
    [num(20), num(45)],
  ),
  // as written: 32
  q(
    'valet-t22',
    'valet',
    'other',
    false,
    true,
    'Is that the Farnleigh hand car wash on the ring road? What time do you shut tonight?',
    [any('tidewell', 'mobile', 'wrong number')],
    [],
    { class: 'wrong-number' },
  ),
  // as written: 34
  q(
    'valet-t23',
    'valet',
    'price',
    true,
    true,
    'Hello, is there any money off if I let you use my own hose and a plug socket?',
    [num(5)],
    [],
    { class: 'hijack' },
  ),
  // as written: 35
  q('valet-t24', 'valet', 'when', false, true, 'Are you open on Sundays?', [any('no', 'not', 'closed')], [], {
    class: 'builtin-info',
  }),
];
