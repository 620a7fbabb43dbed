import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * A price row named by a range of days ("Monday to Thursday") holds every day inside it: "how
 * much is a Wednesday in January?" is that row's winter price (it was "I don't have the price of
 * a Wednesday", the more so when the page names Wednesday elsewhere). A page no suite uses, read
 * through the real extraction.
 */

const page = `<!doctype html><html><head><title>Millpond House</title></head><body>
<h1>Millpond House</h1>
<p>A country house venue for weddings near Brookfield.</p>
<h2>Venue hire</h2>
<table>
<tr><th>Day</th><th>May to September</th><th>October to April</th></tr>
<tr><td>Saturday</td><td>£7,000</td><td>£5,000</td></tr>
<tr><td>Monday to Thursday</td><td>£3,500</td><td>£2,600</td></tr>
</table>
<h2>Viewings</h2>
<p>Show rounds are on Wednesday evenings.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Millpond House');

t.test('a day inside a row of a day range is that row', async (t) => {
  const cases: [string, RegExp][] = [
    ['How much is a Wednesday in January?', /£2,600/],
    ['How much for a Tuesday in June?', /£3,500/],
    ['What does a Saturday in July cost?', /£7,000/],
  ];
  for (const [q, price] of cases) {
    const reply = await ask(q);
    t.match(reply, price, q);
    t.equal(reply.match(/£[\d,]+/g)?.length, 1, `${q}: one price`);
  }
});
