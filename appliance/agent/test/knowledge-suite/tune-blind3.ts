/**
 * TUNE questions of the third blind set.
 * Written blind on 2026-12-05 by an evaluator who did not read the engine (nothing under
 * appliance/agent/ outside this folder, nothing under appliance/knowledge/ or the lexicon, no
 * engine, suite, test or bench run), from the caller's side, for two trades the suite lacked: an
 * independent optician (documents/clearview-opticians.pdf, a two-page fee leaflet) and a day
 * nursery (documents/little-acorns-nursery.docx, a parents' information and fees pack).
 * 36 questions per business were written in order; every third question as written (3rd, 6th,
 * 9th, ...) was held out mechanically, before any run.
 * Those are in heldout-blind3.ts; these are the other two thirds. Each is marked with its
 * place in the order written.
 */
import { any, num, q, saysNo, text, time, type SuiteQuestion } from './spec.js';

const missing = { class: 'missing-item' } as const;

export const tuneBlind3Questions: SuiteQuestion[] = [
  // ---- Clearview Opticians (optician, two-page PDF fee leaflet)
  // as written: 1
  q(
    'optician-t01',
    'optician',
    'price',
    true,
    true,
    'Hi, how much is it for a check-up for my eyes?',
    [num(30)],
    [num(25)],
  ),
  // as written: 2
  q(
    'optician-t02',
    'optician',
    'when',
    false,
    true,
    'Are you open late any night of the week?',
    [text('thursday'), time('19:30')],
    [],
    { class: 'builtin-info' },
  ),
  // as written: 4
  q(
    'optician-t03',
    'optician',
    'price',
    true,
    true,
    'What do you charge for the lenses that go from distance to reading without a line across them?',
    [num(150)],
    [num(90)],
    { alsoOk: [240] },
  ),
  // as written: 5
  q(
    'optician-t04',
    'optician',
    'yes-no',
    true,
    true,
    "Can you sort my eyes out with a laser so I don't need glasses any more?",
    [saysNo],
    [],
  ),
  // as written: 7
  q(
    'optician-t05',
    'optician',
    'where',
    true,
    true,
    'Where can I leave the car when I come in for my appointment?',
    [text('brook street')],
    [text('westgate')],
    { class: 'hijack' },
  ),
  // as written: 8
  q(
    'optician-t06',
    'optician',
    'price',
    false,
    true,
    'How much are daily disposable contact lenses a month?',
    [num(25)],
    [num(15), num(32)],
  ),
  // as written: 10
  q(
    'optician-t07',
    'optician',
    'how',
    true,
    true,
    "I've just woken up and I can't see anything out of my left eye, what should I do?",
    [any('eye casualty', 'eye hospital', 'royal ashford', '999', 'a and e')],
    [],
    { noMessageTaking: true, class: 'urgent' },
  ),
  // as written: 11
  q(
    'optician-t08',
    'optician',
    'when',
    true,
    true,
    'How late can I pop in on a Saturday?',
    [time('16:00')],
    [time('17:30')],
    { class: 'builtin-info' },
  ),
  // as written: 13
  q(
    'optician-t09',
    'optician',
    'yes-no',
    true,
    true,
    "My dad can't get out of the house since his stroke. Could someone come to him to check his eyes?",
    [any('at home', 'home visit', 'tom', 'tuesday', 'wednesday')],
    [],
  ),
  // as written: 14
  q(
    'optician-t10',
    'optician',
    'price',
    true,
    true,
    "What's the extra for the coating that stops reflections on the lenses?",
    [num(30)],
    [num(25)],
  ),
  // as written: 16
  q(
    'optician-t11',
    'optician',
    'price',
    false,
    false,
    'How much do you charge to test for dry eyes?',
    [],
    [num(30), num(45), num(65)],
    missing,
  ),
  // as written: 17
  q(
    'optician-t12',
    'optician',
    'who',
    false,
    true,
    'Who do I talk to about the bill for my monthly lens plan?',
    [text('megan')],
    [text('gareth')],
  ),
  // as written: 19
  q(
    'optician-t13',
    'optician',
    'price',
    true,
    true,
    "If I wanted the lenses that go dark when I'm out in the sun, how much more is that?",
    [num(60)],
    [num(20)],
  ),
  // as written: 20
  q(
    'optician-t14',
    'optician',
    'where',
    true,
    true,
    'Whereabouts in town are you?',
    [any('market square', 'av3 2lp')],
    [text('westgate')],
    { class: 'builtin-info' },
  ),
  // as written: 22
  q(
    'optician-t15',
    'optician',
    'price',
    true,
    true,
    "I've got a really strong prescription. How much extra to make the lenses less chunky?",
    [num(50)],
    [num(30)],
  ),
  // as written: 23
  q(
    'optician-t16',
    'optician',
    'how',
    false,
    true,
    "I've got a health cash plan through work. How do I claim my eye test back?",
    [any('receipt', 'claim')],
    [],
  ),
  // as written: 25
  q(
    'optician-t17',
    'optician',
    'who',
    false,
    true,
    "My son's got keratoconus and his lenses never fit right. Who's best for that?",
    [text('priya')],
    [text('gareth'), text('tom')],
  ),
  // as written: 26
  q(
    'optician-t18',
    'optician',
    'price',
    true,
    false,
    "How much would it be for someone to come out and test my eyes at home? I'm not housebound, I just find it easier.",
    [],
    [num(30), num(45)],
    missing,
  ),
  // as written: 28
  q(
    'optician-t19',
    'optician',
    'price',
    false,
    true,
    'How much is it to have my eyes tested with that 3D scan thing?',
    [num(65)],
    [num(45)],
    { alsoOk: [35] },
  ),
  // as written: 29
  q(
    'optician-t20',
    'optician',
    'when',
    true,
    true,
    'I work nine to five. When could I come in after work?',
    [text('thursday')],
    [],
    { class: 'builtin-info' },
  ),
  // as written: 31
  q(
    'optician-t21',
    'optician',
    'where',
    false,
    true,
    "If I ever had a real emergency with my eyes, where's the hospital I should go to?",
    [any('westgate road', 'royal ashford', 'av1 4rs')],
    [text('market square')],
  ),
  // as written: 32
  q(
    'optician-t22',
    'optician',
    'other',
    true,
    true,
    "My daughter's seventeen and still at college. Does she get her eye test for nothing?",
    [any('yes', 'free', 'nhs')],
    [num(30)],
  ),
  // as written: 34
  q(
    'optician-t23',
    'optician',
    'where',
    true,
    true,
    "Is there a disabled space near you? My husband's in a wheelchair.",
    [any('disabled bay', 'outside', 'market square')],
    [],
    { class: 'hijack' },
  ),
  // as written: 35
  q(
    'optician-t24',
    'optician',
    'other',
    false,
    false,
    "Do you sell gift vouchers? I'd like to get one for my sister.",
    [],
    [],
  ),
  // ---- Little Acorns Day Nursery (nursery, DOCX parents' pack)
  // as written: 1
  q(
    'nursery-t01',
    'nursery',
    'price',
    true,
    true,
    "How much is a full day for my little one? She's eighteen months.",
    [num(72)],
    [num(68), num(64)],
  ),
  // as written: 2
  q(
    'nursery-t02',
    'nursery',
    'when',
    true,
    true,
    "What's the earliest I can drop him off in the morning?",
    [time('07:30')],
    [],
    { class: 'builtin-info' },
  ),
  // as written: 4
  q(
    'nursery-t03',
    'nursery',
    'price',
    true,
    true,
    "My son's three and a half. What's it cost if he just comes in the mornings?",
    [num(38)],
    [num(40), num(42), num(36)],
  ),
  // as written: 5
  q(
    'nursery-t04',
    'nursery',
    'yes-no',
    false,
    true,
    'Do I need to send nappies in with her, or do you provide them?',
    [any('bring', 'not included', 'your own')],
    [],
  ),
  // as written: 7
  q(
    'nursery-t05',
    'nursery',
    'where',
    false,
    true,
    'Where are the woods you take them to?',
    [any('bramble lane', 'hw5 9qa', 'lower hartwell')],
    [text('elm grove')],
  ),
  // as written: 8
  q(
    'nursery-t06',
    'nursery',
    'price',
    false,
    true,
    'How much is the late collection fee?',
    [num(20)],
    [num(50)],
    { alsoOk: [10] },
  ),
  // as written: 10
  q(
    'nursery-t07',
    'nursery',
    'how',
    true,
    true,
    "He's gone blue round the lips and he's wheezing really badly, what do I do?",
    [text('999')],
    [],
    { noMessageTaking: true, class: 'urgent' },
  ),
  // as written: 11
  q(
    'nursery-t08',
    'nursery',
    'when',
    false,
    true,
    'When are you closed over Christmas?',
    [text('new year')],
    [],
    { class: 'builtin-info' },
  ),
  // as written: 13
  q(
    'nursery-t09',
    'nursery',
    'yes-no',
    true,
    true,
    "Can I leave her with you for the whole night sometimes? I'm a nurse on nights.",
    [saysNo],
    [],
    { class: 'hijack' },
  ),
  // as written: 14
  q(
    'nursery-t10',
    'nursery',
    'other',
    true,
    true,
    'If both my two come to you, do we get any money off?',
    [num(10)],
    [],
  ),
  // as written: 16
  q(
    'nursery-t11',
    'nursery',
    'price',
    true,
    false,
    "What would it cost to have someone one-to-one with my son? He's autistic.",
    [],
    [num(72), num(68), num(64)],
    missing,
  ),
  // as written: 17
  q(
    'nursery-t12',
    'nursery',
    'who',
    true,
    true,
    "My daughter's speech is a bit behind. Who would I speak to about getting her extra help?",
    [text('sunita')],
    [text('rachel')],
  ),
  // as written: 19
  q(
    'nursery-t13',
    'nursery',
    'when',
    true,
    true,
    'How long does she have to stay home after a tummy bug?',
    [num(48)],
    [num(24)],
  ),
  // as written: 20
  q(
    'nursery-t14',
    'nursery',
    'where',
    true,
    true,
    "Where exactly are you? I'm trying to find you on the map.",
    [any('elm grove', 'hw4 6dn')],
    [text('bramble lane')],
    { class: 'builtin-info' },
  ),
  // as written: 22
  q(
    'nursery-t15',
    'nursery',
    'price',
    true,
    true,
    'How much is an afternoon for a two-year-old?',
    [num(38)],
    [num(36), num(40)],
  ),
  // as written: 23
  q(
    'nursery-t16',
    'nursery',
    'how',
    true,
    true,
    'How do we ease him in at the start? Can I stay with him at first?',
    [any('settling in', 'one hour', 'three free', 'staying')],
    [],
  ),
  // as written: 25
  q(
    'nursery-t17',
    'nursery',
    'who',
    false,
    true,
    'Who runs the forest school?',
    [text('jake')],
    [text('hannah')],
  ),
  // as written: 26
  q(
    'nursery-t18',
    'nursery',
    'when',
    true,
    true,
    "We're moving away, so she'll be leaving. How far ahead do I have to tell you?",
    [any('two months', '2 months')],
    [any('one month', '1 month')],
    { class: 'hijack' },
  ),
  // as written: 28
  q(
    'nursery-t19',
    'nursery',
    'price',
    false,
    false,
    'If I forget the nappies one day, what do you charge to use yours?',
    [],
    [num(7.5), num(4), num(20)],
    missing,
  ),
  // as written: 29
  q(
    'nursery-t20',
    'nursery',
    'when',
    true,
    true,
    'What day do the older ones go off to the woods?',
    [text('thursday')],
    [text('tuesday')],
  ),
  // as written: 31
  q(
    'nursery-t21',
    'nursery',
    'other',
    false,
    false,
    "What's the staff to child ratio in the baby room?",
    [],
    [],
  ),
  // as written: 32
  q(
    'nursery-t22',
    'nursery',
    'when',
    false,
    true,
    'If she has a high temperature, how long does she need to stay off?',
    [num(24)],
    [num(48)],
  ),
  // as written: 34
  q(
    'nursery-t23',
    'nursery',
    'price',
    true,
    true,
    "My baby's five months old. What's a whole day going to cost us, and can we use Tax-Free Childcare?",
    [num(72), any('tax free childcare', 'yes', 'we accept')],
    [num(68), num(64)],
  ),
  // as written: 35
  q('nursery-t24', 'nursery', 'yes-no', false, false, 'Do all your staff have paediatric first aid?', [], []),
];
