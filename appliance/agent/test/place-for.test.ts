import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "Is there anywhere to park near you?" asks where, as a yes/no: "anywhere" is the place asked
 * for, not a word to find, and what the place is for ("park", "leave my bike") must be in the
 * answer; a sentence that only places the shop ("near the shop" of its address) is none, and
 * the caller hears that the documents do not say. A page no suite uses, read through the real
 * extraction.
 */

const page = `<!doctype html><html><head><title>Ivy Lane Bridal</title></head><body>
<h1>Ivy Lane Bridal</h1>
<p>Wedding dresses, alterations and accessories, by appointment.</p>
<h2>Find us</h2>
<p>We are at 41 Ivy Lane, Crowthorne CR6 2LP, above the bank.</p>
<p>There is free parking behind the library, two minutes' walk away.</p>
<h2>Appointments</h2>
<p>Appointments last 90 minutes and you may bring up to three guests.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Ivy Lane Bridal');

t.test('"is there anywhere to ..." asks where, and wants what the place is for', async (t) => {
  for (const q of ['Is there anywhere to park near you?', 'Is there somewhere we can park?']) {
    const reply = await ask(q);
    t.match(reply, /parking behind the library/, q);
  }
  for (const q of ['Is there somewhere to leave my bike?', 'Is there anywhere to get lunch near the shop?']) {
    const reply = await ask(q);
    t.match(reply, /don't have information about where to/, q);
    t.notMatch(reply, /41 Ivy Lane|library/, q);
  }
});

t.test('"is there anywhere nearby to ..." may be answered by another place', async (t) => {
  const inn = documentAsker(
    'html',
    `<html><body><h1>Quayside Rooms</h1><p>Four guest rooms above the harbour in Porthcarn.</p>
<h2>Eating out</h2><p>We serve breakfast only.</p>
<p>The Anchor Inn (5 Quay Road, two minutes' walk) serves food until 9pm every day.</p></body></html>`,
    'Quayside Rooms',
  );
  const reply = await inn('Is there anywhere nearby we can get dinner?');
  t.match(reply, /The Anchor Inn/);
  t.notMatch(reply, /where to nearby/);
});
