import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "How much is a course?" of a page with a table of courses ("Course: Pottery"; the first
 * column's label says what kind of thing each row is) and "Life drawing courses are £140": the
 * caller's words name every one of them fully and alike, so no price is said; the caller is
 * asked which. Naming one gets its price. A page no suite uses, read through the real extraction.
 */

const page = `<!doctype html><html><head><title>Old Forge Arts</title></head><body>
<h1>Old Forge Arts</h1>
<p>Evening and weekend art courses in Bramley.</p>
<h2>Courses</h2>
<table>
<tr><th>Course</th><th>Weeks</th><th>Price</th></tr>
<tr><td>Pottery</td><td>6</td><td>£150</td></tr>
<tr><td>Watercolour</td><td>8</td><td>£120</td></tr>
<tr><td>Printmaking</td><td>6</td><td>£135</td></tr>
</table>
<p>Life drawing courses are £140 for ten weeks, model fees included.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Old Forge Arts');

t.test('a kind every item is named by, alike: the caller is asked which', async (t) => {
  for (const q of ['How much is a course?', 'What do your courses cost?']) {
    const reply = await ask(q);
    t.notMatch(reply, /£\d/, q);
    t.match(reply, /pottery/i, q);
    t.match(reply, /life drawing/i, q);
  }
});

t.test('an item named gets its own price', async (t) => {
  t.match(await ask('How much is the watercolour course?'), /£120/);
  t.match(await ask('How much is a life drawing course?'), /£140/);
});
