import t from 'tap';
import { bestSentences, groundingSet, numbersIn, ungroundedNumbers } from '../grounding.js';
import { describeHours, openNow } from '../hours.js';
import { contentTokens, sentenceEnd, splitSentences, stem } from '../text.js';

t.test('numbers are canonical across spellings', async (t) => {
  t.same(numbersIn('Open 9 AM to 5:30 PM'), ['09:00', '17:30']);
  t.same(numbersIn('open 09:00-17:30'), ['09:00', '17:30']);
  t.same(numbersIn('A pizza costs $12.50, a drink $3.'), ['$12.5', '$3']);
  t.same(numbersIn('12 dollars 50 or 3 dollars'), ['$12.5', '$3'], 'spoken prices');
  t.same(numbersIn('call 555-0100 or (555) 123 4567'), ['5550100', '5551234567']);
  t.same(numbersIn('from $2,400'), ['$2400']);
  t.same(numbersIn('about twenty minutes'), ['20']);
  t.same(numbersIn('no numbers here'), []);
});

t.test('the guard finds invented numbers', async (t) => {
  const ctx = groundingSet(['Margherita: $12.50. Open 11:30-22:00. Call 555-0100.']);
  t.same(ungroundedNumbers('A Margherita is 12.50 dollars and we open at 11:30 AM.', ctx), []);
  t.same(ungroundedNumbers('We close at 10 PM.', ctx), [], '22:00 said as 10 PM');
  t.same(ungroundedNumbers('A Margherita is $9.99.', ctx), ['$9.99']);
  t.same(
    ungroundedNumbers('Delivery within 5 km costs $5.', groundingSet(['within 5 km'])),
    ['$5'],
    'a price needs a price',
  );
  t.same(ungroundedNumbers('Use code SAVE20 for 20 percent off.', ctx), ['20', '20']);
  t.same(ungroundedNumbers('We open at 9 AM.', ctx), ['09:00']);
});

t.test('sentences', async (t) => {
  t.same(splitSentences('Margherita costs $12.50. Diavola costs $14! Really?'), [
    'Margherita costs $12.50.',
    'Diavola costs $14!',
    'Really?',
  ]);
  t.same(splitSentences('We are at 42 Harbour St. Portsmouth. Come by.'), [
    'We are at 42 Harbour St. Portsmouth.',
    'Come by.',
  ]);
  t.same(
    splitSentences('Desserts. Tiramisu, $7.'),
    ['Desserts. Tiramisu, $7.'],
    'a heading joins its sentence',
  );
  t.same(splitSentences('no full stop'), ['no full stop']);
  t.equal(sentenceEnd('Our Margherita costs $12.'), -1, 'no boundary without following text');
  t.equal(
    sentenceEnd('Our Margherita costs $12.50 today. It has'),
    'Our Margherita costs $12.50 today.'.length,
  );
  t.equal(sentenceEnd('Go to Dr. Smith now'), -1, 'an abbreviation is not a boundary');
});

t.test('best sentences of a passage', async (t) => {
  const menu =
    'Pizzas. Margherita: tomato, mozzarella and fresh basil, $12.50. Diavola: tomato, mozzarella and spicy salami, $14. ' +
    'Calzone: folded pizza with ham and ricotta, $13.';
  t.same(
    bestSentences('how much is the diavola', menu).map((s) => s.text),
    ['Diavola: tomato, mozzarella and spicy salami, $14.'],
  );
  t.match(bestSentences('do you have margherita pizza', menu)[0]?.text ?? '', /Margherita/);
  t.same(bestSentences('parking', menu), [], 'nothing relevant: nothing picked');
});

t.test('stemming and content words', async (t) => {
  t.equal(stem('opening'), 'open');
  t.equal(stem('parties'), 'party');
  t.equal(stem('tables'), stem('table'));
  t.equal(stem('reservations'), stem('reservation'));
  t.same(contentTokens("What's your address?"), ['address']);
});

t.test('opening hours from facts', async (t) => {
  const facts = {
    hours: [
      {
        days: ['mon', 'tue', 'wed', 'thu', 'fri'] as ('mon' | 'tue' | 'wed' | 'thu' | 'fri')[],
        open: '09:00',
        close: '17:30',
      },
      { days: ['sat'] as 'sat'[], open: '10:00', close: '14:00' },
    ],
    hoursNote: '',
    address: '',
    phone: '',
    email: '',
    website: '',
    transferExtension: '',
  };
  t.equal(
    describeHours(facts),
    "We're open Monday to Friday from 9 AM to 5:30 PM and Saturday from 10 AM to 2 PM. We're closed on Sunday.",
  );
  t.equal(describeHours(facts, 'sun'), "We're closed on Sundays.");
  t.equal(describeHours(facts, 'sat'), "On Saturday we're open from 10 AM to 2 PM.");
  t.equal(describeHours({ ...facts, hours: [] }), undefined, 'no hours configured: nothing invented');
  t.equal(openNow(facts, new Date('2026-11-25T10:00:00Z')), true, 'Wednesday 10:00 UTC');
  t.equal(
    openNow(facts, new Date('2026-11-25T10:00:00Z'), 'America/Los_Angeles'),
    false,
    '02:00 in Los Angeles',
  );
  t.equal(openNow(facts, new Date('2026-11-29T10:00:00Z')), false, 'Sunday');
});
