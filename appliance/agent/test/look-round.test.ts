import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "Can we come and look round?", "could we come and see the hall first?": a viewing, asked as a
 * caller says it (it was "I don't have information about round"). A page no suite uses, read
 * through the real extraction.
 */

const page = `<!doctype html><html><head><title>St Anne's Hall</title></head><body>
<h1>St Anne's Hall</h1>
<p>A village hall for parties, classes and meetings in Upper Wyke.</p>
<h2>Hiring the hall</h2>
<p>The main hall holds 100 people seated. Hire is £25 an hour.</p>
<p>Viewings are on Tuesday evenings by arrangement with the bookings secretary.</p>
</body></html>`;

const ask = documentAsker('html', page, "St Anne's Hall");

t.test('looking round is a viewing', async (t) => {
  for (const q of ['Can we come and look round?', 'Could we come and see the hall first?']) {
    const reply = await ask(q);
    t.match(reply, /Viewings are on Tuesday evenings/, q);
  }
});
