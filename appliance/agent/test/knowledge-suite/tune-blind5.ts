/**
 * TUNE questions of the fifth blind set.
 * Written blind on 2026-12-05 (fifth blind pair) by an evaluator who did not read the engine
 * (nothing under appliance/agent/ outside this folder, nothing under appliance/knowledge/ or the
 * lexicon, no engine, suite, test or bench run), from the caller's side, for two trades the
 * suite lacked: a family pest control firm (documents/kestrel-pest-control.docx, a Word prices
 * and information sheet) and a phone and computer repair shop
 * (documents/patch-and-pixel-repairs.md, the shop's Markdown page).
 * 36 questions per business were written in order; every third question as written (3rd, 6th,
 * 9th, ...) was held out mechanically, before any run. Those are in heldout-blind5.ts;
 * these are the other two thirds.
 * Each is marked with its place in the order written.
 */
import { any, num, phone, q, saysNo, text, time, type SuiteQuestion } from './spec.js';

const missing = { class: 'missing-item' } as const;

export const tuneBlind5Questions: SuiteQuestion[] = [
  // ---- Kestrel Pest Control (pest control, Word document)
  // as written: 1
  q(
    'pest-t01',
    'pest',
    'price',
    false,
    true,
    "Hello, how much do you charge to get rid of a wasps' nest?",
    [num(65)],
    [num(60), num(45)],
    { alsoOk: [20], class: 'hijack' },
  ),
  // as written: 2
  q(
    'pest-t02',
    'pest',
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
    'pest-t03',
    'pest',
    'price',
    false,
    true,
    "I think we've got rats up in the loft. We're in a detached house. What would that cost?",
    [num(195)],
    [num(145), num(165), num(105)],
    { alsoOk: [40] },
  ),
  // as written: 5
  q(
    'pest-t04',
    'pest',
    'who',
    true,
    true,
    "Who's the one who comes out for the things that dig up your lawn? There are little piles of earth everywhere.",
    [text('ryan')],
    [text('tomasz'), text('neil')],
  ),
  // as written: 7
  q(
    'pest-t05',
    'pest',
    'yes-no',
    false,
    false,
    "Do you get rid of squirrels? They're running about in our loft.",
    [],
    [],
    missing,
  ),
  // as written: 8
  q(
    'pest-t06',
    'pest',
    'price',
    true,
    true,
    'My neighbour said you can send someone round first just to look and work out what it is. What does that cost?',
    [num(45)],
    [num(65), num(60)],
  ),
  // as written: 10
  q(
    'pest-t07',
    'pest',
    'price',
    true,
    true,
    "Our dog's brought in those tiny jumping things that bite your ankles. We live in a flat. How much to sort it out?",
    [num(95)],
    [num(110), num(125)],
  ),
  // as written: 11
  q('pest-t08', 'pest', 'yes-no', false, false, 'Is there any discount for pensioners?', [], [], missing),
  // as written: 13
  q(
    'pest-t09',
    'pest',
    'other',
    true,
    true,
    "We rent our house from the council and we've got mice. Will we have to pay you for that?",
    [text('free'), text('council')],
    [],
  ),
  // as written: 14
  q(
    'pest-t10',
    'pest',
    'price',
    true,
    true,
    "We've got little mounds of soil popping up all over the lawn. What do you charge to deal with that?",
    [num(90)],
    [num(105)],
    { alsoOk: [30] },
  ),
  // as written: 16
  q(
    'pest-t11',
    'pest',
    'yes-no',
    true,
    false,
    'Can I just buy the stuff off you and put it down myself?',
    [],
    [],
    missing,
  ),
  // as written: 17
  q(
    'pest-t12',
    'pest',
    'other',
    false,
    true,
    "Hi, is that the Golden Dragon? I'd like to order a takeaway for collection.",
    [any('kestrel', 'pest control', 'wrong number')],
    [],
    { class: 'wrong-number' },
  ),
  // as written: 19
  q(
    'pest-t13',
    'pest',
    'who',
    true,
    true,
    'I run a little café on the high street. Who should I talk to about having you come in regularly?',
    [text('neil')],
    [text('ryan'), text('tomasz')],
  ),
  // as written: 20
  q(
    'pest-t14',
    'pest',
    'price',
    true,
    true,
    'Say you came out on a Sunday afternoon, is there something extra on top of the normal price?',
    [num(60)],
    [num(45)],
    { alsoOk: [100] },
  ),
  // as written: 22
  q(
    'pest-t15',
    'pest',
    'price',
    false,
    false,
    'How much do you charge to treat woodworm in the floorboards?',
    [],
    [],
    missing,
  ),
  // as written: 23
  q(
    'pest-t16',
    'pest',
    'when',
    true,
    true,
    "What's the latest in the evening one of your lads could come round?",
    [time('19:00')],
    [],
  ),
  // as written: 25
  q(
    'pest-t17',
    'pest',
    'who',
    true,
    true,
    'Can I leave a message for whoever deals with the bills?',
    [text('amy')],
    [text('neil')],
    { class: 'hijack' },
  ),
  // as written: 26
  q(
    'pest-t18',
    'pest',
    'price',
    true,
    true,
    'Instead of spraying for bed bugs, can you do that thing where you heat the whole room up? What would that cost for two bedrooms?',
    [num(395), num(150)],
    [num(230), num(190), num(270)],
    { alsoOk: [545] },
  ),
  // as written: 28
  q(
    'pest-t19',
    'pest',
    'price',
    false,
    true,
    "We've got mice in our little two-bed terrace. How much would it be to get rid of them?",
    [num(115)],
    [num(130), num(150), num(145)],
    { alsoOk: [40] },
  ),
  // as written: 29
  q(
    'pest-t20',
    'pest',
    'how',
    true,
    true,
    "It's half eleven at night and I've just seen a rat run across the kitchen floor in my restaurant. We open for breakfast at seven. Who can I ring right now?",
    [phone('01632 961299')],
    [phone('01632 960500')],
    { noMessageTaking: true, class: 'urgent' },
  ),
  // as written: 31
  q(
    'pest-t21',
    'pest',
    'price',
    true,
    true,
    "We've found two of those papery nests, one in the shed and one up under the eaves. Would we pay for both?",
    [num(65), num(20)],
    [num(60)],
    { alsoOk: [85] },
  ),
  // as written: 32
  q(
    'pest-t22',
    'pest',
    'how',
    true,
    true,
    "I've found some little black droppings behind the cooker but I've no idea what left them. Can you tell me without coming out?",
    [any('photo', 'picture')],
    [],
  ),
  // as written: 34
  q(
    'pest-t23',
    'pest',
    'yes-no',
    false,
    false,
    'Can you do anything about the slugs eating my vegetables?',
    [],
    [],
    missing,
  ),
  // as written: 35
  q(
    'pest-t24',
    'pest',
    'where',
    true,
    true,
    "We're out at Fenwick, about fifteen miles from Kingsmere. Is that too far for you?",
    [text('20 miles')],
    [],
  ),
  // ---- Patch & Pixel Repairs (phone and computer repairs, Markdown page)
  // as written: 1
  q(
    'repairs-t01',
    'repairs',
    'price',
    false,
    true,
    'Hi, how much is a new screen for an iPhone 14?',
    [num(199)],
    [num(239), num(159), num(89)],
    { alsoOk: [279] },
  ),
  // as written: 2
  q(
    'repairs-t02',
    'repairs',
    'when',
    false,
    true,
    'What time do you close on a Thursday?',
    [time('20:00')],
    [],
    { class: 'builtin-info' },
  ),
  // as written: 4
  q(
    'repairs-t03',
    'repairs',
    'who',
    false,
    true,
    "Who's the one there who deals with computers rather than phones?",
    [text('jo')],
    [text('sam')],
  ),
  // as written: 5
  q(
    'repairs-t04',
    'repairs',
    'price',
    true,
    true,
    'The little socket where the charger goes in on my iPhone 13 has stopped working. How much is that to fix?',
    [num(69)],
    [num(159), num(229), num(75), num(79)],
  ),
  // as written: 7
  q(
    'repairs-t05',
    'repairs',
    'yes-no',
    false,
    false,
    'Do you fix the glass on the back of iPhones as well?',
    [],
    [],
    missing,
  ),
  // as written: 8
  q(
    'repairs-t06',
    'repairs',
    'price',
    true,
    true,
    "My laptop won't even turn on and I've no idea what's wrong with it. Do you charge just to have a look?",
    [num(25)],
    [num(60), num(80)],
  ),
  // as written: 10
  q(
    'repairs-t07',
    'repairs',
    'yes-no',
    true,
    true,
    "Do you fix PlayStations? My son's has stopped working.",
    [saysNo],
    [],
  ),
  // as written: 11
  q(
    'repairs-t08',
    'repairs',
    'price',
    false,
    false,
    'How much for a new battery in an iPhone 11?',
    [],
    [num(89), num(75), num(95)],
    missing,
  ),
  // as written: 13
  q(
    'repairs-t09',
    'repairs',
    'yes-no',
    false,
    true,
    'Hello, is there a student discount on phone repairs?',
    [num(10)],
    [],
    { class: 'hijack' },
  ),
  // as written: 14
  q(
    'repairs-t10',
    'repairs',
    'where',
    true,
    true,
    "I live out in Upper Hollins and can't easily get into town. Is there anywhere nearer I can drop my phone off?",
    [text('post office')],
    [],
  ),
  // as written: 16
  q(
    'repairs-t11',
    'repairs',
    'who',
    true,
    true,
    "Who'd be trying to get the pictures off my old hard drive? It's stopped working.",
    [text('dan')],
    [text('sam'), text('jo')],
  ),
  // as written: 17
  q(
    'repairs-t12',
    'repairs',
    'how',
    true,
    true,
    "My laptop's been on charge and the battery's gone all puffy, and now it's hissing and there's a burning smell. What do I do?",
    [any('unplug', 'outside', 'metal tin', '999', '9 9 9')],
    [],
    { noMessageTaking: true, class: 'urgent' },
  ),
  // as written: 19
  q(
    'repairs-t13',
    'repairs',
    'price',
    true,
    true,
    "My laptop keeps throwing up dodgy adverts and I think something nasty's got on it. How much to clean it up?",
    [num(60)],
    [num(80), num(25)],
  ),
  // as written: 20
  q(
    'repairs-t14',
    'repairs',
    'when',
    false,
    true,
    'What time do you shut on Christmas Eve?',
    [time('14:00')],
    [],
    { class: 'builtin-info' },
  ),
  // as written: 22
  q(
    'repairs-t15',
    'repairs',
    'price',
    true,
    true,
    'I want a proper Apple screen on my iPhone 15, not a copy. How much is that?',
    [num(329)],
    [num(279), num(199)],
    { alsoOk: [239] },
  ),
  // as written: 23
  q('repairs-t16', 'repairs', 'where', false, false, 'Is there anywhere to park near the shop?', [], [], {
    class: 'hijack',
  }),
  // as written: 25
  q(
    'repairs-t17',
    'repairs',
    'price',
    false,
    true,
    'How much to replace the battery in a Samsung Galaxy A54?',
    [num(59)],
    [num(119), num(45), num(92)],
  ),
  // as written: 26
  q(
    'repairs-t18',
    'repairs',
    'yes-no',
    true,
    false,
    'Could someone come out to my house and fix my computer there?',
    [],
    [],
    missing,
  ),
  // as written: 28
  q(
    'repairs-t19',
    'repairs',
    'other',
    false,
    true,
    "Is that the dentist's? I need to move my appointment on Friday.",
    [any('patch', 'pixel', 'repair', 'wrong number')],
    [],
    { class: 'wrong-number' },
  ),
  // as written: 29
  q(
    'repairs-t20',
    'repairs',
    'price',
    false,
    false,
    'How much do you charge for a OnePlus 12 screen?',
    [],
    [num(249), num(179)],
    missing,
  ),
  // as written: 31
  q(
    'repairs-t21',
    'repairs',
    'who',
    true,
    true,
    "Can I leave a message for whoever handles it when a repair you did has gone wrong? My screen's stopped working again.",
    [text('leah')],
    [text('dan')],
    { class: 'hijack' },
  ),
  // as written: 32
  q(
    'repairs-t22',
    'repairs',
    'price',
    true,
    true,
    'Some of the keys on my laptop have stopped working. What would it cost to replace the lot?',
    [num(90)],
    [num(120), num(70)],
  ),
  // as written: 34
  q(
    'repairs-t23',
    'repairs',
    'price',
    true,
    true,
    "My phone's completely dead but it's got all my baby photos on it. What would it cost to get them off?",
    [num(289)],
    [num(129)],
    { alsoOk: [15] },
  ),
  // as written: 35
  q(
    'repairs-t24',
    'repairs',
    'when',
    true,
    true,
    "How long will you hang on to my phone if I can't pick it up straight away?",
    [text('3 month')],
    [],
  ),
];
