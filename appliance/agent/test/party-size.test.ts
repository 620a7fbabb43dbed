import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * A price by group size with one price per row ("Players: 4 players; Price per group: £80"):
 * "how much is it for four of us?" names nothing but the count (it was no item's price, so
 * nothing was said), and "for two people" is that row said as a sentence ("2 players are £50."),
 * which the answer check reads back to its band (it was "I don't have the price of people"). A
 * page no suite uses, read through the real extraction.
 */

const page = `<!doctype html><html><head><title>Clue Club Brackley</title></head><body>
<h1>Clue Club Brackley</h1>
<p>Escape rooms for groups of 2 to 6 players.</p>
<h2>Prices</h2>
<table>
<tr><th>Players</th><th>Price per group</th></tr>
<tr><td>2 players</td><td>£50</td></tr>
<tr><td>3 players</td><td>£66</td></tr>
<tr><td>4 players</td><td>£80</td></tr>
<tr><td>5 to 6 players</td><td>£95</td></tr>
</table>
</body></html>`;

const ask = documentAsker('html', page, 'Clue Club Brackley');

t.test("the caller's count picks the row, however it is said", async (t) => {
  const cases: [string, RegExp][] = [
    ['How much is it for four of us?', /£80/],
    ['What does it cost for two people?', /£50/],
    ["What's the price for 6 people?", /£95/],
    ['How much would it be for three of us?', /£66/],
  ];
  for (const [q, price] of cases) {
    const reply = await ask(q);
    t.match(reply, price, q);
    t.equal(reply.match(/£\d+/g)?.length, 1, `${q}: one price`);
  }
});
