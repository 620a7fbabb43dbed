import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "Do you do cats as well?": "as well" is "also" and names nothing asked about (it had been read
 * as "well", a word of the question's subject, and the page's "No, we only board dogs" was not
 * found). A page no suite uses, read through the real extraction.
 */

const ask = documentAsker(
  'txt',
  `Hollybank Kennels - Questions and answers

Where are you?
Hollybank Farm, Crane Lane, Oakby OK3 9TT.

Do you board cats?
No, we only board dogs.

How much is a night?
A night in a standard kennel is £24.
`,
  'Hollybank Kennels',
);

t.test('"as well" names nothing asked about', async (t) => {
  const q = 'Do you do cats as well?';
  t.match(await ask(q), /only board dogs/, q);
});
