import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "What time does the pub stop doing food?" of a page that names its local "The Plough Inn": a
 * British pub is often named an inn, which WordNet keeps apart (an inn is a lodging house there),
 * so the caller's "pub" found nothing. A page no suite uses, read through the real extraction.
 */

const page = `<!doctype html><html><head><title>Fernhill Cottages</title></head><body>
<h1>Fernhill Cottages</h1>
<p>Three self-catering cottages on a working farm near Ambridge.</p>
<h2>Food nearby</h2>
<p>The Plough Inn, a mile down the lane, serves food until 8.30pm, and until 6pm on Sundays.</p>
<h2>Arrival</h2>
<p>Check-in is from 4pm; the key is in the lockbox by the door.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Fernhill Cottages');

t.test('a pub is asked for by the inn the page names', async (t) => {
  for (const q of ['What time does the pub stop doing food?', 'Is there a pub nearby?']) {
    const reply = await ask(q);
    t.match(reply, /Plough Inn/, q);
  }
});
