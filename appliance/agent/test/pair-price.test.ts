import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "How much for me and my wife?" names only the pair: the one item priced for two ("Joint
 * season ticket (two adults)") is theirs; it was "I don't have the price of wife". With two
 * items priced for two, none is picked. A page no suite uses, read through the real extraction.
 */

const page = `<!doctype html><html><head><title>Greenacre Golf Club</title></head><body>
<h1>Greenacre Golf Club</h1>
<p>An 18-hole parkland course near Ledwick.</p>
<h2>Membership</h2>
<table>
<tr><th>Membership</th><th>Price</th></tr>
<tr><td>Full adult</td><td>£1,100 a year</td></tr>
<tr><td>Joint membership (two adults, same address)</td><td>£1,900 a year</td></tr>
<tr><td>Junior (under 18)</td><td>£150 a year</td></tr>
</table>
</body></html>`;

const ask = documentAsker('html', page, 'Greenacre Golf Club');

t.test('the pair alone asks for the item priced for two', async (t) => {
  for (const q of ['How much for me and my wife?', 'What would it cost for me and my partner?']) {
    const reply = await ask(q);
    t.match(reply, /£1,900/, q);
    t.notMatch(reply, /£1,100|£150/, q);
  }
});
