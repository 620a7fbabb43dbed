import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "Is there a fee if I can't make it?" of "If you cancel with less notice, we charge half the
 * price of the session": a share said in words ("half the price", "the full fee") answers a
 * price question as a percentage does. A page no suite uses, read through the real extraction.
 */

const ask = documentAsker(
  'txt',
  `Stillwater Flotation - Questions and answers

How much is a float?
A 60 minute float is £45.

What if I need to cancel?
Please give us 24 hours notice. If you cancel with less notice, we charge half the price of the session. If you do not turn up at all, we charge the full fee.
`,
  'Stillwater Flotation',
);

t.test('a share in words answers a price question', async (t) => {
  const q = "Is there a fee if I can't make it?";
  const reply = await ask(q);
  t.match(reply, /half the price|full fee/, q);
  t.notMatch(reply, /don't have/, q);
});
