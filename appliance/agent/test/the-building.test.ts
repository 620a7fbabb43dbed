import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "Is the building accessible?": "the building", "your premises" is the place the caller rings,
 * in a word the page never uses for it (not a thing the documents lack), and "accessible" asks
 * what step-free access there is ("a lift", "a ramp"). A page no suite uses, read through the
 * real extraction.
 */

const page = `<!doctype html><html><head><title>Northgate Counselling</title></head><body>
<h1>Northgate Counselling</h1>
<p>Talking therapies for adults and couples in Westfield.</p>
<h2>Finding us</h2>
<p>Our rooms are on the third floor of 12 Northgate, Westfield WF3 9PA.</p>
<p>There is a lift from the ground floor lobby.</p>
<h2>Sessions</h2>
<p>Sessions last 50 minutes and cost £55.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Northgate Counselling');

t.test('the building is the place called; accessible asks for the way in', async (t) => {
  for (const q of [
    'Is the building accessible?',
    'Is the building accessible for a wheelchair?',
    'Are your premises wheelchair friendly?',
  ]) {
    const reply = await ask(q);
    t.match(reply, /lift/, q);
    t.notMatch(reply, /don't have/, q);
  }
});
