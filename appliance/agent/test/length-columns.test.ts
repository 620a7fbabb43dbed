import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * A price table whose columns are lengths ("30 mins | 60 mins | 90 mins"): the header is read as
 * the columns' labels though it holds figures, and the length the caller says, in any wording
 * ("an hour of", "a half hour", "ninety minutes"), picks the column. A length the row has no
 * price for, or no column has, is not in the data: never another length's price. A page no suite
 * uses, read through the real extraction.
 */

const page = `<!doctype html><html><head><title>Linden Massage Rooms</title></head><body>
<h1>Linden Massage Rooms</h1>
<p>Sports and relaxation massage in the centre of Ashby since 2016.</p>
<h2>Treatments and prices</h2>
<table>
<tr><th>Treatment</th><th>30 mins</th><th>60 mins</th><th>90 mins</th></tr>
<tr><td>Deep tissue</td><td>£35</td><td>£60</td><td>£85</td></tr>
<tr><td>Hot stone</td><td></td><td>£65</td><td>£90</td></tr>
<tr><td>Pregnancy massage</td><td>£32</td><td>£55</td><td></td></tr>
</table>
<p>Gift vouchers are available for any treatment.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Linden Massage Rooms');

t.test('the length the caller says picks the column', async (t) => {
  const hour = await ask('How much is an hour of deep tissue?');
  t.match(hour, /£60/);
  t.notMatch(hour, /£35|£85/);
  t.match(await ask('what would a half hour deep tissue massage cost'), /£35/);
  const long = await ask('How much for ninety minutes of hot stone?');
  t.match(long, /£90/);
  t.notMatch(long, /£65/);
  t.match(await ask("What's the price of a 60 minute pregnancy massage?"), /£55/);
});

t.test('no length said: the row is said whole', async (t) => {
  const whole = await ask('How much is a deep tissue massage?');
  t.match(whole, /£35/);
  t.match(whole, /£60/);
  t.match(whole, /£85/);
});

t.test('a length the row has no price in is not another length priced', async (t) => {
  // Hot stone has no 30-minute price; no column is two hours long.
  for (const q of ['How much is half an hour of hot stone?', 'How much is a two hour deep tissue massage?']) {
    const reply = await ask(q);
    t.notMatch(reply, /£\d/, q);
    t.match(reply, /don't have|not/i, q);
  }
});

t.test('a row of a table with no header is said whole, not cut after its first figure', async (t) => {
  const bare = documentAsker(
    'html',
    `<html><body><h1>Kestrel Tyres</h1><h2>Fitting prices</h2><table>
<tr><td>Standard tyre fitting</td><td>£12</td><td>£15</td><td>£18</td></tr>
<tr><td>Run-flat tyre fitting</td><td>£20</td><td>£25</td><td>£30</td></tr>
</table></body></html>`,
    'Kestrel Tyres',
  );
  const reply = await bare('How much is run-flat tyre fitting?');
  t.match(reply, /£20, £25, £30\./);
  t.notMatch(reply, /,\s*\./);
});
