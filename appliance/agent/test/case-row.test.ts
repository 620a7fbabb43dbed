import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "A full valet (inside and out, wax and tyres) is £50 for small cars, £65 for family cars and
 * £80 for vans": one thing's prices, each for its case. Commas inside the bracket cut no clause
 * (the items had been "wax and tyres)" and "£65 for family cars"); a caller who names a case
 * gets its price with the thing it prices, one who names none gets the row, which the answer
 * check lets through as one thing's prices, not a dump. A page no suite uses, read through the
 * real extraction.
 */

const ask = documentAsker(
  'txt',
  `Shine On Mobile Valeting - Questions and answers

What areas do you cover?
We come to you anywhere in Redcliffe and the villages around it.

How much is a valet?
A full valet (inside and out, wax and tyres) is £50 for small cars, £65 for family cars and £80 for vans. An interior clean only is £30.

How do I book?
Text us on 07700 900456 with your postcode and the day you would like.
`,
  'Shine On Mobile Valeting',
);

t.test("a case's price is said with the thing it prices", async (t) => {
  for (const [q, want, not] of [
    ['How much is a full valet for a van?', /full valet .*£80 for vans/i, /£50|£65/],
    ['What would a full valet cost for a family car?', /£65 for family cars/, /£50|£80/],
  ] as const) {
    const reply = await ask(q);
    t.match(reply, want, q);
    t.notMatch(reply, not, q);
  }
});

t.test('no case named: the whole row', async (t) => {
  const q = 'How much is a full valet?';
  const reply = await ask(q);
  t.match(reply, /£50 for small cars, £65 for family cars and £80 for vans/, q);
  t.match(await ask('How much is an interior clean?'), /£30/, 'interior clean');
});

const groomer = documentAsker(
  'txt',
  `Muddy Paws Dog Grooming - Frequently Asked Questions

How much does a groom cost?
A full groom (bath, dry, clip and nails) is £35 for small dogs, £45 for medium dogs and £60 for large dogs. Nail clipping on its own is £8.

When are you open?
Tuesday to Saturday, 8.30am to 4.30pm.
`,
  'Muddy Paws Dog Grooming',
);

t.test('a word every case shares names no case', async (t) => {
  const q = 'How much to groom my dog?';
  const reply = await groomer(q);
  t.match(reply, /£35 for small dogs, £45 for medium dogs and £60 for large dogs/, q);
});

t.test('a kind the page never names is one it does, farther up', async (t) => {
  // "Spaniel" -> "sporting dog" -> "dog": two is-a steps, which WordNet's nearer relatives miss.
  const q = 'Can you groom my spaniel?';
  t.match(await groomer(q), /full groom/, q);
});
