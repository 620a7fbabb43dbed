import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * A price by season said with its row ("Hayloft, April to October: £140."): the season's month
 * keeps its capital, a name and not the start of a sentence (it was "Hayloft, april to October").
 * A page no suite uses, read through the real extraction.
 */

const page = `<!doctype html><html><head><title>Brook Farm Cottages</title></head><body>
<h1>Brook Farm Cottages</h1>
<p>Two holiday cottages on a dairy farm near Halsey.</p>
<h2>Prices per night</h2>
<table>
<tr><th>Cottage</th><th>April to October</th><th>November to March</th></tr>
<tr><td>Hayloft</td><td>£140</td><td>£95</td></tr>
<tr><td>Old Dairy</td><td>£180</td><td>£120</td></tr>
</table>
</body></html>`;

const ask = documentAsker('html', page, 'Brook Farm Cottages');

t.test("a season's month keeps its capital", async (t) => {
  const summer = await ask('How much is the Hayloft in July?');
  t.match(summer, /April to October: £140/);
  t.notMatch(summer, /april/);
  t.match(await ask('What does the Old Dairy cost a night in December?'), /November to March: £120/);
});
