import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "Call Tom on 07700 900 612" under "Contact": the person the caller is told to ring is the
 * business's own, not another party "at" a number ("the Lakeside Hospital at 9 Shore Road"); "what's
 * your phone number?" had heard "I don't have our contact details to hand".
 */

const ask = documentAsker(
  'html',
  `<html><body>
<h1>Greenleaf Gardening</h1>
<p>Garden maintenance in Harrogate, run by Tom and Aisha Reed.</p>
<h2>Emergencies</h2>
<p>For a fallen tree on a road, ring the Harrogate Council Highways Team at 0300 555 0123.</p>
<h2>Contact</h2>
<p>Call Tom on 07700 900 612 (Monday to Friday, 8am to 5pm).</p>
</body></html>`,
  'Greenleaf Gardening',
);

t.test("a person to ring is the business's own number", async (t) => {
  for (const q of ["What's your phone number?", 'How do I contact you?']) {
    const a = await ask(q);
    t.match(a, /07700 900 612/, q);
    t.notMatch(a, /0300/, q);
  }
});
