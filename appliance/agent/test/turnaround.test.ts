import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "How quickly do you deliver?", "how soon will my shoes be ready?": a turnaround is said by
 * when a thing is done ("delivered the same day", "ready the next day", "while you wait") as
 * often as by a length; and "quickly", "soon", "fast" say how long is asked, not what about.
 * Pages no suite uses, read through the real extraction.
 */

const bakery = documentAsker(
  'html',
  `<!doctype html><html><head><title>Hollin Bakehouse</title></head><body>
<h1>Hollin Bakehouse</h1>
<p>Sourdough, pastries and celebration cakes baked every morning in Hollin.</p>
<h2>Delivery</h2>
<p>Orders placed before 2pm are delivered the same day. After 2pm, they arrive the next morning.</p>
<h2>Prices</h2>
<p>A sourdough loaf is £4.20. A celebration cake starts at £35.</p>
</body></html>`,
  'Hollin Bakehouse',
);

t.test('a turnaround said by when it is done answers how quickly', async (t) => {
  for (const q of ['How quickly do you deliver?', 'How long does delivery take?']) {
    const reply = await bakery(q);
    t.match(reply, /delivered the same day/, q);
    t.match(reply, /next morning/, q);
    t.notMatch(reply, /£/, q);
  }
});

const cobbler = documentAsker(
  'html',
  `<!doctype html><html><head><title>Stitch and Heel</title></head><body>
<h1>Stitch and Heel</h1>
<p>Shoe repairs, key cutting and watch batteries at 8 Market Walk, Orlby.</p>
<h2>Repairs</h2>
<p>Heels and soles are usually ready the next working day. Keys are cut while you wait.</p>
<h2>Prices</h2>
<p>A pair of heels is £14. A standard key is £5.</p>
</body></html>`,
  'Stitch and Heel',
);

t.test('how soon, of a turnaround in working days', async (t) => {
  const q = 'How soon will my heels be ready?';
  const reply = await cobbler(q);
  t.match(reply, /next working day/, q);
  t.notMatch(reply, /£/, q);
});
