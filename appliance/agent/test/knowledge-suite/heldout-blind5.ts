/**
 * HELD-OUT questions of the fifth blind set: never to be tuned on.
 * Written blind on 2026-12-05 (fifth blind pair) by an evaluator who did not read the engine
 * (nothing under appliance/agent/ outside this folder, nothing under appliance/knowledge/ or the
 * lexicon, no engine, suite, test or bench run), from the caller's side, for two trades the
 * suite lacked: a family pest control firm (documents/kestrel-pest-control.docx, a Word prices
 * and information sheet) and a phone and computer repair shop
 * (documents/patch-and-pixel-repairs.md, the shop's Markdown page).
 * 36 questions per business were written in order; every third question as written (3rd, 6th,
 * 9th, ...) was held out mechanically, before any run: these are they. The other two thirds
 * are in tune-blind5.ts.
 * Each is marked with its place in the order written.
 */
import { any, num, phone, q, saysNo, saysYes, text, type SuiteQuestion } from './spec.js';

export const heldoutBlind5Questions: SuiteQuestion[] = [
  // ---- Kestrel Pest Control (pest control, Word document)
  // as written: 3
  q(
    'pest-h01',
    'pest',
    'how',
    false,
    true,
    "There's a wasps' nest right by my little girl's bedroom window and she's just been stung. Her lips and eyes are swelling up. What should I do?",
    [phone('999')],
    [],
    { noMessageTaking: true, class: 'urgent' },
  ),
  // as written: 6
  q(
    'pest-h02',
    'pest',
    'price',
    false,
    true,
    'How much would it be to treat bed bugs in a semi-detached house?',
    [num(230)],
    [num(190), num(270)],
    { alsoOk: [395, 150] },
  ),
  // as written: 9
  q(
    'pest-h03',
    'pest',
    'when',
    false,
    true,
    'Are you open on Sundays at all?',
    [any('june', 'september', 'season')],
    [],
    { class: 'builtin-info' },
  ),
  // as written: 12
  q(
    'pest-h04',
    'pest',
    'where',
    false,
    true,
    "What's the address of your office?",
    [text('tanners yard')],
    [text('bridge street')],
    { class: 'builtin-info' },
  ),
  // as written: 15
  q(
    'pest-h05',
    'pest',
    'other',
    true,
    true,
    "What happens if the rats turn up again a few weeks after you've finished?",
    [any('free', 'no charge', 'no cost')],
    [text('60 days'), text('48 hours')],
  ),
  // as written: 18
  q(
    'pest-h06',
    'pest',
    'yes-no',
    true,
    true,
    "There's a big clump of bees hanging off our apple tree. Will you come and kill them?",
    [text('beekeeper')],
    [num(65)],
  ),
  // as written: 21
  q(
    'pest-h07',
    'pest',
    'when',
    true,
    true,
    "After you've done the spraying, how long before my kids can go back in their bedroom?",
    [text('4 hours')],
    [text('48 hours')],
  ),
  // as written: 24
  q('pest-h08', 'pest', 'yes-no', false, true, 'Is it all right if I pay you by cheque?', [saysNo], []),
  // as written: 27
  q(
    'pest-h09',
    'pest',
    'where',
    false,
    false,
    'Is there anywhere to park at your office if I call in?',
    [],
    [],
    { class: 'hijack' },
  ),
  // as written: 30
  q(
    'pest-h10',
    'pest',
    'yes-no',
    false,
    true,
    "We've got bats living in our loft. Can you get them out for us?",
    [any('protected', 'helpline')],
    [],
  ),
  // as written: 33
  q(
    'pest-h11',
    'pest',
    'other',
    false,
    false,
    "Are you taking anyone on at the moment? My son's looking for an apprenticeship.",
    [],
    [],
  ),
  // as written: 36
  q(
    'pest-h12',
    'pest',
    'how',
    true,
    true,
    "I'm a landlord with a few flats. Do I have to pay on the day, or can you send me a bill later?",
    [any('invoice', '14 days')],
    [],
  ),
  // ---- Patch & Pixel Repairs (phone and computer repairs, Markdown page)
  // as written: 3
  q(
    'repairs-h01',
    'repairs',
    'price',
    true,
    true,
    "My Samsung S24 doesn't last the day any more, it's flat by lunchtime. What would it cost to sort that out?",
    [num(92)],
    [num(249), num(299), num(72)],
  ),
  // as written: 6
  q(
    'repairs-h02',
    'repairs',
    'where',
    false,
    true,
    "Where's the shop exactly?",
    [text('cedar street')],
    [text('green lane')],
    { class: 'builtin-info' },
  ),
  // as written: 9
  q(
    'repairs-h03',
    'repairs',
    'other',
    true,
    true,
    'If you work out what is wrong with my phone and then I go ahead with the repair, do I still have to pay for the checking?',
    [
      any(
        'comes off',
        'taken off',
        'off the bill',
        'off your bill',
        'off the repair',
        'off the price',
        'deducted',
        'waived',
        'not pay',
        'no charge',
      ),
    ],
    [],
  ),
  // as written: 12
  q(
    'repairs-h04',
    'repairs',
    'when',
    true,
    true,
    'If I bring my iPhone in with a cracked screen, how long will I be without it?',
    [any('1 hour', 'an hour', '60 minutes', 'within the hour')],
    [],
  ),
  // as written: 15
  q(
    'repairs-h05',
    'repairs',
    'price',
    true,
    true,
    "My teenager's got a Google Pixel 8 and the display is completely smashed. Roughly what would that cost?",
    [num(179)],
    [num(65), num(62)],
    { alsoOk: [219] },
  ),
  // as written: 18
  q(
    'repairs-h06',
    'repairs',
    'yes-no',
    false,
    false,
    'Do you sell screen protectors and phone cases?',
    [],
    [],
    { class: 'missing-item' },
  ),
  // as written: 21
  q(
    'repairs-h07',
    'repairs',
    'yes-no',
    false,
    true,
    "I've forgotten the password for my old laptop. Can you get me back into it?",
    [saysNo],
    [],
  ),
  // as written: 24
  q(
    'repairs-h08',
    'repairs',
    'other',
    true,
    true,
    'How long are your repairs covered for if something goes wrong afterwards?',
    [any('12 month', 'a year', '1 year')],
    [],
  ),
  // as written: 27
  q(
    'repairs-h09',
    'repairs',
    'price',
    true,
    true,
    "My laptop's got really slow. Can you swap the old hard drive for one of those fast ones and keep all my stuff on it? What's that cost?",
    [num(135)],
    [num(80), num(60)],
  ),
  // as written: 30
  q(
    'repairs-h10',
    'repairs',
    'how',
    false,
    true,
    'Do I need to book, or can I just walk in with my phone?',
    [any('walk in', 'no need', 'do not need', 'not necessary', 'do not have to')],
    [],
  ),
  // as written: 33
  q(
    'repairs-h11',
    'repairs',
    'other',
    false,
    false,
    "Can you write me a report for my insurance company saying the phone can't be fixed?",
    [],
    [],
  ),
  // as written: 36
  q('repairs-h12', 'repairs', 'yes-no', false, true, 'Can I pay with cash when I collect?', [saysYes], []),
];
