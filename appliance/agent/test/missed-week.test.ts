import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "What if we can't make it one week?": "one week" is when the caller's absence would be, not a
 * length asked (it found "we close for two weeks in August"), and "can't come", "can't attend"
 * ask what happens to a missed session as "can't make it" does. A page no suite uses, read
 * through the real extraction.
 */

const page = `<!doctype html><html><head><title>Tiger Kids Karate</title></head><body>
<h1>Tiger Kids Karate</h1>
<p>Karate classes for ages 5 to 14 in Millbrook village hall.</p>
<h2>Term dates</h2>
<p>Classes run in school term time. We close for two weeks in August.</p>
<h2>Missed classes</h2>
<p>If your child misses a class, let us know by text and they can catch up at the Saturday session.</p>
<p>Fees are not refunded for missed classes.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Tiger Kids Karate');

t.test("a week the caller can't make is an absence, not a length", async (t) => {
  for (const q of [
    "What if we can't make it one week?",
    "What happens if my daughter can't come one week?",
    "What if he can't attend?",
  ]) {
    const reply = await ask(q);
    t.match(reply, /catch up at the Saturday session/, q);
    t.notMatch(reply, /two weeks in August/, q);
  }
});
