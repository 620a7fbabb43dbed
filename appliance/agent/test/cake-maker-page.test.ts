import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * A cake maker's page no suite uses, read through the real extraction, and the classes it
 * showed: a thing "priced on request" answers a price question with that line, no figure (the
 * caller had heard the honest fallback); "can we try some cake first?" asks for the tasting;
 * "a cake without nuts" is what the page calls nut-free, while the food is still what is asked;
 * how many a cake feeds is how many it serves.
 */

const ask = documentAsker(
  'html',
  `<html><body><h1>Rosehip Cakes</h1>
<p>Handmade celebration cakes from a home kitchen in Tilford.</p>
<h2>Cakes and prices</h2>
<p>Birthday cakes start at £40 for an 8 inch cake that serves 16.</p>
<p>Wedding cakes are priced on request after a free tasting session.</p>
<h2>Dietary needs</h2>
<p>Gluten-free sponges are available for £6 extra. I cannot make nut-free cakes, as nuts are used in my kitchen.</p>
<h2>Contact</h2>
<p>Call Jo on 07700 900321.</p>
</body></html>`,
  'Rosehip Cakes',
);

t.test('a thing priced on request', async (t) => {
  for (const q of ['How much is a wedding cake?', 'What does a wedding cake cost?']) {
    const a = await ask(q);
    t.match(a, /Wedding cakes are priced on request/, q);
    t.notMatch(a, /£40/, q);
  }
  t.match(await ask('How much is a birthday cake?'), /£40/);
});

t.test('trying first is the tasting', async (t) => {
  const q = 'Can we try some cake first?';
  t.match(await ask(q), /free tasting session/, q);
});

t.test('without nuts is nut-free', async (t) => {
  for (const [q, want] of [
    ['Can you make a cake without nuts?', /cannot make nut-free cakes/],
    ['Do you do cakes without gluten?', /Gluten-free sponges/],
  ] as const)
    t.match(await ask(q), want, q);
});

t.test('how many a cake feeds is how many it serves', async (t) => {
  for (const q of ['How many people will the cake feed?', 'How many does a cake feed?'])
    t.match(await ask(q), /serves 16/, q);
});
