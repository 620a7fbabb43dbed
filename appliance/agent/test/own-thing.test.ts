import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "Do I need to bring my own shoes?": "own" after "my" says whose the thing is and names nothing
 * asked about (it had been a subject word the documents lack, reached only loosely through
 * WordNet's verb "own", and the caller heard the honest fallback instead of the hire line).
 * "On its own" (alone) stays a word of the question. A page no suite uses, read through the real
 * extraction.
 */

const ask = documentAsker(
  'html',
  `<html><body><h1>Gritstone Climbing Centre</h1>
<p>Indoor bouldering and rope climbing in the middle of Hallam.</p>
<h2>Prices</h2>
<p>A single session is £9 for adults. Shoe hire is £3 a session. Harnesses are provided free on the rope walls.</p>
<h2>Studio</h2>
<p>Classes last 60 minutes. Mats, blocks and blankets are provided.</p>
<h2>Finding us</h2>
<p>We are at Unit 4, Canal Wharf, Hallam HL2 7QD.</p>
</body></html>`,
  'Gritstone Climbing Centre',
);

t.test('"my own" names nothing asked about', async (t) => {
  for (const [q, want] of [
    ['Do I need to bring my own shoes?', /Shoe hire is £3/],
    ['Do I need my own harness?', /Harnesses are provided/],
    ['Should I bring my own mat?', /Mats, blocks and blankets are provided/],
  ] as const)
    t.match(await ask(q), want, q);
});
