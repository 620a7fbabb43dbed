import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "Where can I park on a weekday afternoon?": a time after a where-question says when the caller
 * needs the place, not what the place is; its words weigh little, so the page's parking lines
 * answer it. The line that gives the other case ("At other times, use the King Street
 * multi-storey, three minutes away") is said with the first, and two places of one section that
 * answer alike are said together. Pages no suite uses, read through the real extraction.
 */

const page = `<!doctype html><html><head><title>The Lantern Theatre</title></head><body>
<h1>The Lantern Theatre</h1>
<p>A 200-seat theatre with plays, comedy and a children's matinee every Saturday.</p>
<h2>Getting here</h2>
<p>The theatre is at 9 Quay Street, Porthallow PL5 1EE.</p>
<h2>Parking</h2>
<p>The quayside car park is free after 6pm and on Sundays.</p>
<p>At other times, use the King Street multi-storey, three minutes away on foot.</p>
<h2>Matinees</h2>
<p>Saturday matinees start at 2pm; the bar opens at 1pm.</p>
</body></html>`;

const ask = documentAsker('html', page, 'The Lantern Theatre');

t.test('a trailing time does not sink the place that answers a where-question', async (t) => {
  for (const q of [
    'Where can I park on a weekday afternoon?',
    'Where do I leave the car in the evening?',
    'Where can I park?',
  ]) {
    const reply = await ask(q);
    t.match(reply, /quayside car park/, q);
    t.match(reply, /King Street multi-storey/, q);
    t.notMatch(reply, /matinee/i, q);
  }
});

const yard = documentAsker(
  'html',
  `<!doctype html><html><head><title>Tanyard Print Studio</title></head><body>
<h1>Tanyard Print Studio</h1>
<p>Screen printing and letterpress workshops at 3 Tanyard Court, Hexley HX2 4DD.</p>
<h2>Parking</h2>
<p>There is free parking in Tanyard Court after 5pm and all day at weekends.</p>
<p>During the day, use the Abbey Road car park, a five minute walk.</p>
<h2>Workshops</h2>
<p>Weekday workshops run from 10am to 4pm; weekend workshops from 9am to 1pm.</p>
</body></html>`,
  'Tanyard Print Studio',
);

t.test('two places of one section that answer alike are said together', async (t) => {
  for (const q of ['Where can I park on a weekday morning?', 'Where can I park?']) {
    const reply = await yard(q);
    t.match(reply, /free parking in Tanyard Court/, q);
    t.match(reply, /Abbey Road car park/, q);
    t.notMatch(reply, /workshops/i, q);
  }
});
