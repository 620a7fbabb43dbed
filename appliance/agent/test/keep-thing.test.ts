import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "How long will you have my watch for?", "how long will I be without my watch?": how long the
 * work on the caller's thing takes. The caller's thing is every section's, so the question had
 * been read as about the watch alone and answered by another line that names watches (or the
 * fallback); and the line about things left uncollected is not the answer. A page no suite
 * uses, read through the real extraction.
 */

const ask = documentAsker(
  'txt',
  `Tick Tock Watch Repairs

Can you repair my watch?
We repair mechanical and quartz watches of every make. Vintage watches are welcome.

How long does a repair take?
A battery change is done while you wait. Most repairs are done within 10 working days.

What if I don't collect my watch?
Watches not collected within 3 months may be sold to cover the cost of the repair.

Where are you?
7 Clock Lane, Harwick HW1 2AA.
`,
  'Tick Tock Watch Repairs',
);

t.test('how long the business keeps the thing is how long the work takes', async (t) => {
  for (const q of [
    'How long will you have my watch for?',
    'How long will I be without my watch?',
    'How long until I get my watch back?',
  ]) {
    const a = await ask(q);
    t.match(a, /within 10 working days/, q);
    t.notMatch(a, /3 months/, q);
  }
});
