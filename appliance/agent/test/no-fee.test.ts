import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "Is there a joining fee?" of "There is no joining fee.": a fee the page says there is none of
 * answers the price question (it was "I don't have the price of a joining"), and "a registration
 * fee", "an admin fee" ask for that one-off fee in other words. A page no suite uses, read
 * through the real extraction.
 */

const page = `<!doctype html><html><head><title>Riverbank Rowing Club</title></head><body>
<h1>Riverbank Rowing Club</h1>
<p>Learn to row on the River Wey, from beginners to racing crews.</p>
<h2>Membership</h2>
<p>Adult membership is £35 a month, paid by direct debit.</p>
<p>There is no joining fee and you can leave with a month's notice.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Riverbank Rowing Club');

t.test('a fee the page says there is none of answers the price question', async (t) => {
  for (const q of ['Is there a joining fee?', 'How much is the joining fee?']) {
    const reply = await ask(q);
    t.match(reply, /no joining fee/, q);
    t.notMatch(reply, /£35/, q);
  }
  for (const q of ['Do I have to pay a registration fee?', 'Is there an admin fee when I sign up?'])
    t.match(await ask(q), /no joining fee/, q);
});
