import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "Can I have a loan bike while mine's being fixed?": "mine" (and "theirs") stands for the
 * caller's own thing, as "ours" and "yours" do; read as a noun (a mine), it was the rarest word
 * of the question and sank the answer. A page no suite uses, read through the real extraction.
 */

const page = `<!doctype html><html><head><title>Chainline Cycles</title></head><body>
<h1>Chainline Cycles</h1>
<p>Bike sales, servicing and repairs in Harwell.</p>
<h2>Servicing</h2>
<p>A full service takes two working days.</p>
<p>Free loan bikes are available while yours is in the workshop: please ask when you book.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Chainline Cycles');

t.test("'mine' is the caller's own thing, not a word to find", async (t) => {
  for (const q of [
    "Can I have a loan bike while mine's being fixed?",
    'Could we borrow a bike while theirs is in for a service?',
  ]) {
    const reply = await ask(q);
    t.match(reply, /loan bikes/, q);
  }
});
