/**
 * TUNE questions for two trades added on 2026-12-04 (a gym's HTML page, a boarding kennel's
 * plain-text sheet). They were written as fresh probes of trades the suite lacked, run against
 * the engine and then used to find failure classes (list items read as one sentence, a random
 * pick among alike items, a word the documents lack qualifying an item, an address without a
 * number, a free thing asked the price of), so they are tune questions. The gym set was run
 * before any change of that day, the kennel set after the gym's changes (first runs, asked by a
 * throwaway script and judged by hand, not a repo bench: gym 17/35, kennel 23/35). heldout-fresh.ts
 * holds questions written for both before they were ever run.
 */
import { any, num, phone, q, text, time, type SuiteQuestion } from './spec.js';

const missing = { class: 'missing-item' } as const;

export const tuneFreshQuestions: SuiteQuestion[] = [
  // ---- Ironwood Fitness Club (HTML page)
  q('gym-t01', 'gym', 'price', false, true, 'How much is it to join?', [num(25)], [num(49)]),
  q(
    'gym-t02',
    'gym',
    'price',
    true,
    true,
    "What's the monthly cost if I only come in the mornings on weekdays?",
    [num(29)],
    [num(49)],
  ),
  q('gym-t03', 'gym', 'price', true, true, 'Do you do a cheaper rate for students?', [num(32)], [num(49)]),
  q('gym-t04', 'gym', 'price', true, true, 'How much for me and my wife?', [num(85)], [num(49), num(29)]),
  q('gym-t05', 'gym', 'price', true, true, 'Can I just come in once to try it out?', [num(12)], [num(95)]),
  q(
    'gym-t06',
    'gym',
    'price',
    true,
    true,
    'What does a session with a trainer cost?',
    [num(55)],
    [num(250), num(40)],
  ),
  q('gym-t07', 'gym', 'yes-no', true, true, "Can I put my membership on hold while I'm abroad?", [
    any('freeze'),
  ]),
  q('gym-t08', 'gym', 'other', true, true, 'How long is the notice period if I want to quit?', [num(30)]),
  q('gym-t09', 'gym', 'when', false, true, 'When is yoga on?', [text('tuesday'), text('thursday')]),
  q('gym-t10', 'gym', 'when', true, true, 'Is there a spin class on the weekend?', [text('saturday')]),
  q('gym-t11', 'gym', 'when', false, true, 'What time do you open on Sunday?', [time('07:00')], [num(29)]),
  q('gym-t12', 'gym', 'when', true, true, 'How late is the pool open on weekdays?', [
    any('30 minutes', '9:30'),
  ]),
  q('gym-t13', 'gym', 'yes-no', false, true, 'Are you open on Christmas?', [any('closed')], [], {
    class: 'builtin-info',
  }),
  q('gym-t14', 'gym', 'where', false, true, 'Where can I park?', [
    any('behind the building', 'fuller street'),
  ]),
  q(
    'gym-t15',
    'gym',
    'who',
    true,
    true,
    'Who helps people recovering from an injury?',
    [text('marcus')],
    [text('dana')],
  ),
  q('gym-t16', 'gym', 'who', true, true, "Who's in charge of the coaches?", [text('dana')]),
  q('gym-t17', 'gym', 'who', true, true, 'Is there someone who does exercise for pregnant women?', [
    text('priya'),
  ]),
  q('gym-t18', 'gym', 'yes-no', true, true, 'Can my 15 year old come with me?', [any('parent')]),
  q('gym-t19', 'gym', 'yes-no', true, true, 'Do I need to bring a towel?', [any('towel hire')]),
  q('gym-t20', 'gym', 'yes-no', false, true, 'Is the building accessible for a wheelchair?', [
    any('accessible'),
  ]),
  q('gym-t21', 'gym', 'yes-no', false, false, 'Do you have a steam room?', [], [], missing),
  q('gym-t22', 'gym', 'price', false, false, 'How much is a massage?', [], [], missing),
  q('gym-t23', 'gym', 'yes-no', false, false, 'Do you offer boxing classes?', [], [], missing),
  q('gym-t24', 'gym', 'price', false, true, "What's the price of a locker?", [any('free')], [], {
    alsoOk: [6],
  }),
  q('gym-t25', 'gym', 'where', false, true, "What's your address?", [text('48 harbour road')], [], {
    class: 'builtin-info',
  }),
  q('gym-t26', 'gym', 'yes-no', true, true, "If I'm on the off-peak plan can I still do classes?", [num(8)]),
  q('gym-t27', 'gym', 'how', true, true, "What happens if I don't show up for a class I booked?", [
    any('counts as used', '2 hours'),
  ]),
  q('gym-t28', 'gym', 'other', true, true, 'How far in advance can I book a class?', [num(7)]),
  q('gym-t29', 'gym', 'yes-no', false, true, 'Do you have a pool?', [num(20)]),
  q(
    'gym-t30',
    'gym',
    'price',
    true,
    true,
    'What does it cost to see someone about my diet?',
    [num(40)],
    [num(55)],
  ),
  q('gym-t31', 'gym', 'price', true, true, 'Is there a discount if I buy several training sessions?', [
    num(250),
  ]),
  q(
    'gym-t32',
    'gym',
    'price',
    false,
    false,
    'How much is a family membership?',
    [],
    [num(49), num(29), num(32)],
    missing,
  ),
  q('gym-t33', 'gym', 'when', true, true, 'When can the kids swim?', [text('saturday')]),
  q(
    'gym-t34',
    'gym',
    'price',
    false,
    false,
    'How much for a personal trainer for a year?',
    [],
    [num(55), num(250)],
    missing,
  ),
  q('gym-t35', 'gym', 'yes-no', false, true, 'Do you do an induction?', [any('free induction')]),

  // ---- Oakridge Pet Lodge (plain-text sheet)
  q(
    'kennel-t01',
    'kennel',
    'price',
    true,
    true,
    'How much does it cost to leave my dog with you overnight?',
    [num(38)],
    [num(52)],
  ),
  q('kennel-t02', 'kennel', 'price', false, true, "What's the price of the deluxe suite?", [num(52)]),
  q(
    'kennel-t03',
    'kennel',
    'price',
    true,
    true,
    'I have two dogs, can they stay together and how much is the second one?',
    [num(25)],
  ),
  q('kennel-t04', 'kennel', 'price', true, true, 'How much for my cat for a week?', [num(22)], [], {
    alsoOk: [154],
  }),
  q(
    'kennel-t05',
    'kennel',
    'yes-no',
    true,
    true,
    "Do you look after dogs during the day while I'm at work?",
    [any('day care')],
  ),
  q('kennel-t06', 'kennel', 'yes-no', true, true, 'Can you give my dog a wash before I collect him?', [
    any('bath'),
  ]),
  q('kennel-t07', 'kennel', 'price', true, true, 'Will you charge me for giving my dog his tablets?', [
    any('free'),
  ]),
  q('kennel-t08', 'kennel', 'yes-no', true, true, 'Can you come and get my dog from my house?', [
    any('pick-up', 'pick up'),
  ]),
  q('kennel-t09', 'kennel', 'when', false, true, 'When can I drop my dog off?', [time('08:00')]),
  q('kennel-t10', 'kennel', 'when', true, true, 'Can I pick up my cat on a Sunday morning?', [time('16:00')]),
  q('kennel-t11', 'kennel', 'yes-no', false, true, 'Are you open on Christmas Day?', [any('closed')], [], {
    class: 'builtin-info',
  }),
  q('kennel-t12', 'kennel', 'how', false, true, 'How do I book?', [any('phone', 'booking form')]),
  q('kennel-t13', 'kennel', 'price', true, true, 'How much do I have to pay up front?', [num(25)]),
  q('kennel-t14', 'kennel', 'yes-no', true, true, 'If I cancel a week before, do I get my money back?', [
    any('14 days', 'kept'),
  ]),
  q('kennel-t15', 'kennel', 'yes-no', false, true, 'Is there a minimum stay over the summer?', [num(3)]),
  q('kennel-t16', 'kennel', 'other', true, true, 'What jabs does my dog need?', [text('kennel cough')]),
  q('kennel-t17', 'kennel', 'yes-no', false, true, 'Does my cat need any vaccinations?', [
    any('cat flu', 'enteritis'),
  ]),
  q('kennel-t18', 'kennel', 'yes-no', true, true, "Do I need to bring my dog's food?", [
    any('no extra cost', 'premium'),
  ]),
  q('kennel-t19', 'kennel', 'yes-no', true, true, 'Can I bring his bed?', [any('expensive beds', 'chewed')]),
  q('kennel-t20', 'kennel', 'other', true, true, 'How often do the dogs get walked?', [
    any('two walks', 'twice'),
  ]),
  q(
    'kennel-t21',
    'kennel',
    'yes-no',
    true,
    true,
    'My dog is aggressive with other dogs, is that a problem?',
    [any('alone')],
  ),
  q('kennel-t22', 'kennel', 'who', true, true, 'Who runs the place?', [text('karen')]),
  q('kennel-t23', 'kennel', 'who', true, true, 'Who looks after the cats?', [text('sam')], [text('karen')]),
  q('kennel-t24', 'kennel', 'how', true, true, "What happens if my dog gets ill while I'm away?", [
    any('vet', 'elena'),
  ]),
  q('kennel-t25', 'kennel', 'where', false, true, 'Where are you?', [text('mill lane')], [], {
    class: 'builtin-info',
  }),
  q('kennel-t26', 'kennel', 'where', true, true, 'How do I get to you from the roundabout?', [text('b1170')]),
  q('kennel-t27', 'kennel', 'yes-no', false, false, 'Do you take rabbits?', [], [], missing),
  q('kennel-t28', 'kennel', 'price', true, true, 'How much is grooming?', [num(20)]),
  q('kennel-t29', 'kennel', 'yes-no', false, false, 'Do you have a swimming pool for dogs?', [], [], missing),
  q('kennel-t30', 'kennel', 'yes-no', true, true, 'Is someone there at night?', [
    any('day and night', 'on site'),
  ]),
  q('kennel-t31', 'kennel', 'yes-no', true, true, 'My dog is in heat, can she still come?', [
    any('in season', 'cannot'),
  ]),
  q('kennel-t32', 'kennel', 'yes-no', false, true, 'Can I see my dog on a webcam?', [any('deluxe')]),
  q('kennel-t33', 'kennel', 'other', false, true, "What's your phone number?", [phone('555-0148')]),
  q('kennel-t34', 'kennel', 'yes-no', true, true, "Do you take dogs that haven't had kennel cough vaccine?", [
    any('must'),
  ]),
  q(
    'kennel-t35',
    'kennel',
    'price',
    false,
    false,
    'How much is a large dog kennel?',
    [],
    [num(38), num(52)],
    missing,
  ),
];
