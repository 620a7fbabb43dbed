/**
 * The knowledge suite's scorer and data: spoken and written forms of the same fact are accepted,
 * a wrong number, another item's price or a number foreign to the data is rejected, and the
 * question set keeps the shape issue 21 asks for.
 */
import t from 'tap';
import { dataNumbers, hasFact, judge, normalise, type AgentReply } from './scorer.js';
import {
  any,
  businessKeys,
  heldoutBlindQuestions,
  heldoutBlind2Questions,
  heldoutBlind3Questions,
  tuneBlind3Questions,
  heldoutBlind4Questions,
  tuneBlind4Questions,
  heldoutBlind5Questions,
  heldoutBlind6Questions,
  heldoutBlind7Questions,
  tuneBlind5Questions,
  tuneBlind6Questions,
  tuneBlind7Questions,
  heldoutFreshQuestions,
  heldoutMoreQuestions,
  heldoutQuestions,
  num,
  phone,
  q,
  questionTypes,
  saysNo,
  text,
  time,
  tuneBlindQuestions,
  tuneFreshQuestions,
  tuneMoreQuestions,
  tuneQuestions,
} from './index.js';

const data = dataNumbers(
  'Dental cleaning $350. Standard consultation $65. Cat vaccinations $85. Open 8:00 am - 7:00 pm, ' +
    'Saturday 9:00 am - 1:00 pm. Emergency hospital (open 24 hours) phone 555-0199. Kids menu £8.50. Bills over $500.',
);
const price = q(
  'x1',
  'vet',
  'price',
  true,
  true,
  "How much to get my dog's teeth cleaned?",
  [num(350)],
  [num(65)],
);
const r = (text: string, actions: string[] = []): AgentReply => ({ text, actions });

t.test('numbers are matched in digits and in words', async (t) => {
  for (const reply of [
    'A dental cleaning costs $350.',
    'That is 350 dollars.',
    'It costs three hundred fifty dollars.',
    'It costs three hundred and fifty dollars.',
    'Three fifty... sorry, three hundred fifty dollars.',
    '$350.00 under anaesthetic.',
  ])
    t.equal(judge(price, r(reply), { dataNumbers: data }).verdict, 'correct', reply);
  t.ok(hasFact(normalise('twenty four hundred dollars'), num(2400)));
  t.ok(hasFact(normalise('from 2,400 dollars'), num(2400)));
  t.ok(hasFact(normalise('two thousand four hundred dollars'), num(2400)));
  t.ok(hasFact(normalise('eight pounds fifty'), num(8.5)));
  t.ok(hasFact(normalise('£8.50 for the kids menu'), num(8.5)));
  t.ok(hasFact(normalise('twelve point five percent'), num(12.5)));
  t.ok(hasFact(normalise('12.5% service'), num(12.5)));
  t.notOk(hasFact(normalise('thirty five dollars'), num(350)), '35 is not 350');
  t.notOk(hasFact(normalise('3500 dollars'), num(350)), '3500 is not 350');
});

t.test("a wrong number or another item's price is rejected", async (t) => {
  const wrong = judge(price, r('A standard consultation costs $65.'), { dataNumbers: data });
  t.equal(wrong.verdict, 'invented-fact', "the other item's price is an invented fact");
  t.notOk(wrong.ok);
  const foreign = judge(price, r('A dental cleaning is $420.'), { dataNumbers: data });
  t.equal(foreign.verdict, 'invented-fact', 'a number foreign to the data');
  t.same(foreign.invented, [420]);
  const both = judge(price, r('Dental cleaning is $350 and a consultation $65.'), { dataNumbers: data });
  t.equal(both.verdict, 'invented-fact', "the right price beside another item's price is not clean");
  const missing = judge(price, r('We do offer dental cleaning under anaesthetic.'), { dataNumbers: data });
  t.equal(missing.verdict, 'wrong', 'no price at all');
  t.match(missing.reason, /missing 350/);
});

t.test('times in 12 h, 24 h and spoken forms', async (t) => {
  for (const s of ['1 pm', '1:00 p.m.', '13:00', 'one in the afternoon', 'one o clock', 'until one', '1pm'])
    t.ok(hasFact(normalise(`On Saturday we close at ${s}.`), time('13:00')), s);
  for (const s of ['9am', '9 a.m.', 'nine', 'nine in the morning', '09:00'])
    t.ok(hasFact(normalise(`We open at ${s}.`), time('09:00')), s);
  t.ok(hasFact(normalise('from 7.30 to 17.30'), time('17:30')));
  t.ok(hasFact(normalise('seven thirty in the evening'), time('19:30')));
  t.ok(hasFact(normalise('12 noon to 2.30pm'), time('12:00')));
  t.ok(hasFact(normalise('until noon'), time('12:00')));
  t.notOk(hasFact(normalise('We close at 7 pm.'), time('13:00')));
  t.notOk(hasFact(normalise('We close at 3 am.'), time('15:00')), 'am is not pm');
});

t.test('phone numbers written or spoken digit by digit', async (t) => {
  const f = phone('555-0199');
  t.ok(hasFact(normalise('call 555-0199'), f));
  t.ok(hasFact(normalise('call five five five, zero one nine nine'), f));
  t.ok(hasFact(normalise('call five five five oh one nine nine'), f));
  t.notOk(hasFact(normalise('call 555-0147'), f));
  t.ok(hasFact(normalise('1-800-555-0111'), phone('1-800-555-0111')));
});

t.test('phrases match at word starts, case and punctuation aside', async (t) => {
  t.ok(hasFact(normalise('Dr. Luis Moreno sees rabbits.'), text('moreno')));
  t.ok(hasFact(normalise("James O'Connor treats necks"), text('connor')));
  t.ok(hasFact(normalise('Bring the vaccinations records'), text('vaccination')));
  t.ok(hasFact(normalise('Please pre-order from the set menu'), any('pre-order')));
  t.ok(hasFact(normalise('We do not accept cheques.'), saysNo));
  t.ok(hasFact(normalise("We don't take cash."), saysNo));
  t.notOk(hasFact(normalise('Hannah Okafor'), text('moreno')));
  t.notOk(hasFact(normalise('unexpected'), text('pet')), 'not inside a word');
});

t.test('unanswerable questions: honest fallback, never a price', async (t) => {
  const missing = q('x2', 'vet', 'price', false, false, 'How much is a blood test?', [], [num(65)]);
  const honest = judge(
    missing,
    r("I'm sorry, I don't have a price for blood tests. Would you like to leave a message for the team?"),
    { dataNumbers: data },
  );
  t.equal(honest.verdict, 'honest-fallback');
  t.ok(honest.ok);
  t.equal(
    judge(missing, r("I don't have that information."), { dataNumbers: data }).verdict,
    'wrong',
    'no offer of a message or a person',
  );
  t.equal(judge(missing, r("I don't have that to hand."), { dataNumbers: data }).verdict, 'wrong');
  t.ok(
    judge(missing, r("I don't have that to hand, I'll put you through."), { dataNumbers: data }).ok,
    'offer by words',
  );
  t.ok(
    judge(missing, r("I'm afraid I don't have that.", ['take_message']), { dataNumbers: data }).ok,
    'offer by action',
  );
  t.equal(
    judge(missing, r('A cat vaccination is $85.'), { dataNumbers: data }).verdict,
    'invented-fact',
    "another item's price for a missing item",
  );
  t.equal(
    judge(missing, r('A consultation is sixty five dollars.'), { dataNumbers: data }).verdict,
    'invented-fact',
  );
});

t.test('urgent situations: the emergency path, not message-taking', async (t) => {
  const urgent = q(
    'x3',
    'vet',
    'how',
    false,
    true,
    "My cat is badly hurt and you're closed",
    [any('emergency hospital', '555-0199')],
    [],
    {
      noMessageTaking: true,
    },
  );
  t.equal(
    judge(urgent, r('Please call the Millbrook Animal Emergency Hospital on 555-0199, open 24 hours.'), {
      dataNumbers: data,
    }).verdict,
    'correct',
  );
  const msg = judge(
    urgent,
    r("We're closed right now. Would you like to leave a message?", ['take_message']),
    {
      dataNumbers: data,
    },
  );
  t.equal(msg.verdict, 'wrong');
  t.match(msg.reason, /message/);
  t.equal(
    judge(urgent, r("I don't have that information, would you like to leave a message?"), {
      dataNumbers: data,
    }).verdict,
    'wrong',
    'a fallback is no answer to an emergency',
  );
});

t.test('the question set has the shape issue 21 asks for', async (t) => {
  const heldout = [
    ...heldoutQuestions,
    ...heldoutMoreQuestions,
    ...heldoutFreshQuestions,
    ...heldoutBlindQuestions,
    ...heldoutBlind2Questions,
    ...heldoutBlind3Questions,
    ...heldoutBlind4Questions,
    ...heldoutBlind5Questions,
    ...heldoutBlind6Questions,
    ...heldoutBlind7Questions,
  ];
  const all = [
    ...tuneQuestions,
    ...tuneMoreQuestions,
    ...tuneFreshQuestions,
    ...tuneBlindQuestions,
    ...tuneBlind3Questions,
    ...tuneBlind4Questions,
    ...tuneBlind5Questions,
    ...tuneBlind6Questions,
    ...tuneBlind7Questions,
    ...heldout,
  ];
  t.ok(all.length >= 150, `${all.length} questions`);
  t.ok(all.filter((x) => x.paraphrase).length * 2 >= all.length, 'at least half are paraphrases');
  t.ok(all.filter((x) => !x.answerable).length >= 20, 'at least 20 unanswerable');
  const share = heldout.length / all.length;
  t.ok(share > 0.25 && share < 0.4, `about a third held out (${share.toFixed(2)})`);
  for (const b of businessKeys)
    t.ok(
      heldout.some((x) => x.business === b),
      `held-out has ${b}`,
    );
  for (const ty of questionTypes)
    t.ok(
      heldout.some((x) => x.type === ty),
      `held-out has ${ty}`,
    );
  // The three businesses added later (tune-more.ts, heldout-more.ts): 40 questions each, at
  // least 60 % paraphrased, at least 6 not answerable from the document, every type held out.
  const more = [...tuneMoreQuestions, ...heldoutMoreQuestions];
  t.ok(more.filter((x) => x.paraphrase).length >= 0.6 * more.length, 'added: at least 60 % paraphrases');
  for (const b of new Set(more.map((x) => x.business))) {
    const mine = more.filter((x) => x.business === b);
    t.equal(mine.length, 40, `${b}: 40 questions`);
    t.ok(mine.filter((x) => !x.answerable).length >= 6, `${b}: at least 6 unanswerable`);
    t.ok(
      heldoutMoreQuestions.filter((x) => x.business === b).every((x) => /-h\d\d$/.test(x.id)),
      `${b}: held-out ids carry h`,
    );
  }
  t.equal(new Set(all.map((x) => x.id)).size, all.length, 'ids are unique');
  for (const x of all) {
    if (x.answerable) t.ok(x.require.length > 0, `${x.id} requires a fact`);
    else t.equal(x.require.length, 0, `${x.id} (unanswerable) requires nothing`);
  }
});

t.test('a fact the question names does not count in an "I don\'t have that" reply', async (t) => {
  const visa = q('x4', 'physio', 'yes-no', false, true, 'Do you take Visa?', [any('yes', 'visa')]);
  t.equal(judge(visa, r('We take debit, Visa and Mastercard.'), { dataNumbers: data }).verdict, 'correct');
  t.equal(
    judge(visa, r("I'm sorry, I don't have information about Visa. Would you like to leave a message?"), {
      dataNumbers: data,
    }).verdict,
    'honest-fallback',
  );
});

t.test('a fallback is never a correct answer, and a fallback on another topic is no fallback', async (t) => {
  const sunday = q(
    'x5',
    'vet',
    'yes-no',
    true,
    true,
    'Can I come in on a Sunday?',
    [any('closed', 'no')],
    [],
    {
      class: 'builtin-info',
    },
  );
  t.equal(
    judge(
      sunday,
      r("I'm sorry, I don't have our opening hours to hand. Would you like to leave a message?"),
      {
        dataNumbers: data,
      },
    ).verdict,
    'honest-fallback',
    '"do not have" does not answer "no"',
  );
  t.notOk(hasFact(normalise('I do not know'), any('no')), '"no" is a whole word');
  t.notOk(hasFact(normalise('at noon'), any('no')));
  const steak = q('x6', 'bistro', 'price', false, false, 'How much is the steak?', []);
  const offTopic = judge(
    steak,
    r("I'm sorry, I don't have our address to hand. Would you like to leave a message?"),
    {
      dataNumbers: data,
    },
  );
  t.equal(offTopic.verdict, 'wrong');
  t.match(offTopic.reason, /another topic/);
});

t.test("a price question's reply carries the asked price only", async (t) => {
  const cat = q('x7', 'vet', 'price', true, true, 'Yearly jabs for a cat?', [num(85)]);
  t.equal(judge(cat, r('Cat vaccinations are $85.'), { dataNumbers: data }).verdict, 'correct');
  const two = judge(cat, r('Cat vaccinations: $85. Dental cleaning: $350.'), { dataNumbers: data });
  t.equal(two.verdict, 'invented-fact', "another item's price beside the asked one");
  t.match(two.reason, /350/);
  const lunch = q('x8', 'bistro', 'price', false, true, 'Set lunch?', [num(18)], [], { alsoOk: [23] });
  t.equal(
    judge(lunch, r('Two courses for £18, three for £23.'), { dataNumbers: dataNumbers('18 23') }).verdict,
    'correct',
    'an amount the spec allows',
  );
  const kids = q('x9', 'bistro', 'price', true, true, 'Kids meal?', [num(8.5)]);
  t.equal(
    judge(kids, r('The kids menu is eight pounds fifty.'), { dataNumbers: data }).verdict,
    'correct',
    'spoken pounds and pence',
  );
});
