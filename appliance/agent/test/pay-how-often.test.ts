import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "Can I pay weekly?", "are classes paid monthly?": how often fees are paid, answered by the
 * page's own schedule ("Fees are paid termly in advance") whatever period the caller names, and
 * not by "pay and display" parking. A page no suite uses, read through the real extraction.
 */

const page = `<!doctype html><html><head><title>Little Owls Music</title></head><body>
<h1>Little Owls Music</h1>
<p>Music and movement classes for babies and toddlers in Hollybrook.</p>
<h2>Fees</h2>
<p>Classes cost £7.50 each. Fees are paid termly in advance.</p>
<h2>Parking</h2>
<p>Use the pay and display car park behind the church hall.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Little Owls Music');

t.test("how often fees are paid is the page's schedule", async (t) => {
  for (const q of ['Can I pay weekly?', 'Can I pay monthly?', 'Do we pay for it monthly?']) {
    const reply = await ask(q);
    t.match(reply, /paid termly in advance/, q);
    t.notMatch(reply, /pay and display/, q);
  }
});
