import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "How far will you travel?", "what area do you cover?" of a page that gives its area only as a
 * radius ("Travel within 30 miles of Faversham is free"): the radius is the answer (the question
 * had no subject words and no sentence named a covered town, so the caller heard the fallback).
 * A page no suite uses, read through the real extraction.
 */

const ask = documentAsker(
  'html',
  `<html><body><h1>Emma Lowe Photography</h1>
<p>Relaxed wedding and family photography, based in Faversham.</p>
<h2>Prices</h2>
<p>Family sessions are £195.</p>
<h2>Travel</h2>
<p>Travel within 30 miles of Faversham is free.</p>
<h2>Contact</h2>
<p>The studio is at 12 Quay Lane, Faversham ME13 7BS.</p>
</body></html>`,
  'Emma Lowe Photography',
);

t.test('an area given as a radius answers how far', async (t) => {
  for (const q of ['How far will you travel?', 'What area do you cover?'])
    t.match(await ask(q), /within 30 miles of Faversham/, q);
});

t.test('the address is still where the studio is', async (t) => {
  const q = 'Where is your studio?';
  t.match(await ask(q), /12 Quay Lane/, q);
});
