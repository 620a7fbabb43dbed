import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * A line that holds for one time or state only ("Books go back at the front desk while we are
 * open.") is half an answer when the next line gives the other ("When we are closed, use the
 * return slot beside the door."): the two are said together, whichever of them the caller's
 * words find. Pages no suite uses, read through the real extraction.
 */

const library = documentAsker(
  'html',
  `<!doctype html><html><head><title>Marsh Lane Community Library</title></head><body>
<h1>Marsh Lane Community Library</h1>
<p>A free lending library, study space and makerspace for the whole village.</p>
<h2>Finding us</h2>
<p>We are at 14 Marsh Lane, Eastbridge, EB3 7QT, opposite the church.</p>
<h2>Returns</h2>
<p>Books go back at the front desk while we are open. When we are closed, use the return slot beside the door.</p>
<h2>Opening hours</h2>
<p>Monday to Friday 9am to 7pm. Saturday 10am to 4pm. Closed on Sundays.</p>
<h2>Makerspace</h2>
<p>The 3D printer costs 10p per gram of filament. The laser cutter is £5 per half hour.</p>
</body></html>`,
  'Marsh Lane Community Library',
);

t.test('a state and its other state are said together', async (t) => {
  for (const q of ['Where do I return books?', 'How do I give a book back?']) {
    const reply = await library(q);
    t.match(reply, /front desk/, q);
    t.match(reply, /return slot beside the door/, q);
    t.notMatch(reply, /laser|printer/i, q);
  }
});

const school = documentAsker(
  'html',
  `<!doctype html><html><head><title>Harbour Row Music School</title></head><body>
<h1>Harbour Row Music School</h1>
<p>Piano and guitar lessons at 5 Harbour Row, Kelsby KL2 8RT.</p>
<h2>Parking</h2>
<p>Street parking is free after 6pm. During the day, use the pay and display on Cross Street.</p>
<h2>Lessons</h2>
<p>Lessons run from 3pm to 8pm on weekdays.</p>
</body></html>`,
  'Harbour Row Music School',
);

t.test('a time and the rest of the day are said together', async (t) => {
  for (const q of ['Is there somewhere to park?', 'Where can I park?']) {
    const reply = await school(q);
    t.match(reply, /free after 6pm/, q);
    t.match(reply, /pay and display on Cross Street/, q);
  }
});

const bakery = documentAsker(
  'html',
  `<!doctype html><html><head><title>Hollin Bakehouse</title></head><body>
<h1>Hollin Bakehouse</h1>
<p>Sourdough, pastries and celebration cakes baked every morning in Hollin.</p>
<h2>Collection</h2>
<p>Cake orders are collected from the shop counter on weekdays. At weekends, collect from the side door on Mill Street.</p>
<h2>Prices</h2>
<p>A sourdough loaf is £4.20. A celebration cake starts at £35.</p>
</body></html>`,
  'Hollin Bakehouse',
);

t.test('the other case found first brings its first case', async (t) => {
  const q = 'Where do I pick up my cake?';
  const reply = await bakery(q);
  t.match(reply, /shop counter on weekdays/, q);
  t.match(reply, /side door on Mill Street/, q);
  t.notMatch(reply, /baked every morning/, q);
});
