import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "Where do I park?" answered by a place said with common nouns and where it lies ("the car park
 * behind the church hall", "use the library car park opposite"), not only by a named street or a
 * postcode; the section's street is not added to such an answer (it is often the street the page
 * steers callers away from). A trailing "when I come in for ..." says when the place is needed,
 * not what it is for. A page no suite uses, read through the real extraction.
 */

const page = `<!doctype html><html><head><title>Stillwater Yoga</title></head><body>
<h1>Stillwater Yoga</h1>
<p>Yoga classes for all levels in Milbury and Fenwick since 2015.</p>
<h2>Our studios</h2>
<p>Milbury studio: 14 Tanner Lane, Milbury MB3 6QT, on the first floor above the florist.</p>
<p>There is no parking on Tanner Lane. The free car park behind the church hall is a two minute walk.</p>
<p>Fenwick classes: in the Scout Hut, Mill Road, Fenwick FW2 8LA.</p>
<p>There is no parking at the hut itself: please use the library car park opposite.</p>
<h2>Classes</h2>
<p>Beginners classes run on Tuesday evenings and Saturday mornings. Bring a mat and a bottle of water.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Stillwater Yoga');

t.test('a place said by where it lies answers a where-question', async (t) => {
  const milbury = await ask('Where can I leave the car when I come in for my class in Milbury?');
  t.match(milbury, /car park behind the church hall/);
  // The studio's own street is where the caller cannot park: not said as the place to park.
  t.notMatch(milbury, /14 Tanner Lane/);
  // Asked of the other site: the sentence that leans back is said with the one naming the place.
  const fenwick = await ask('Where do I park for the classes in Fenwick?');
  t.match(fenwick, /library car park opposite/);
  t.match(fenwick, /Scout Hut/);
  // The business's own address is still its street.
  t.match(await ask("What's your address in Milbury?"), /14 Tanner Lane/);
});
