import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "How much deposit do we pay?": asked for a price, "pay" is the question's cue, not a thing to
 * find; a page that never says "pay" ("A 30% deposit secures your date") answered nothing.
 * A page no suite uses, read through the real extraction.
 */

const page = `<!doctype html><html><head><title>Lark Rise Photography</title></head><body>
<h1>Lark Rise Photography</h1>
<p>Wedding and family photography in Oxfordshire.</p>
<h2>Wedding packages</h2>
<table>
<tr><th>Package</th><th>Weekday</th><th>Saturday</th></tr>
<tr><td>Ceremony only</td><td>£650</td><td>£850</td></tr>
<tr><td>Full day</td><td>£1,400</td><td>£1,750</td></tr>
</table>
<p>Albums are extra, from £300.</p>
<h2>Booking</h2>
<p>A 30% deposit secures your date. The balance is due 4 weeks before the wedding.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Lark Rise Photography');

t.test('"pay" in a price question is its cue', async (t) => {
  for (const q of ['How much deposit do we pay?', 'How much deposit will I be paying?']) {
    const reply = await ask(q);
    t.match(reply, /30% deposit/, q);
  }
});
