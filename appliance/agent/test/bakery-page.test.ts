import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * A bakery's sheet no suite uses, read through the real extraction, and the caller idioms it
 * showed: "can I bring my dog inside?" of "Dogs are welcome at the outside tables only" had been
 * "I don't have information about inside"; "somewhere to change a nappy" is the baby-changing
 * table; "can you put Happy Birthday on it?" is a message written on the cake.
 */

const ask = documentAsker(
  'txt',
  `Crumb & Co Bakery
Independent bakery and cafe on Market Street, Ludlow.

Cakes
Whole cakes serve 12 and cost £32; please order at least 5 days ahead. We can write a message on any cake for free.

Cafe
Table service until 3.30pm. Dogs are welcome at the outside tables only. We have a baby-changing table but no highchairs.
`,
  'Crumb & Co Bakery',
);

t.test('inside is answered by where dogs are welcome', async (t) => {
  t.match(await ask('Can I bring my dog inside?'), /outside tables only/);
});

t.test('changing a nappy, and a message on a cake', async (t) => {
  t.match(await ask('Is there somewhere to change a nappy?'), /baby-changing table/);
  t.match(await ask('Can you put Happy Birthday on it?'), /write a message on any cake/);
});
