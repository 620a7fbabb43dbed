import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "Ladies' heels are re-tipped for £10, or £14 for stilettos": the second price is the
 * sentence's thing for the case after it (stilettos), not an item named "or" and never the
 * first price said to a caller who asked for stilettos. A number of that case's own name
 * ("a pass of 10 classes") names it. Pages no suite uses, read through the real extraction.
 */

const cobbler = documentAsker(
  'html',
  `<!doctype html><html><head><title>Quayside Keys and Heels</title></head><body>
<h1>Quayside Keys and Heels</h1>
<p>Key cutting and shoe repairs at 3 Quay Parade, Fenmouth.</p>
<h2>Keys</h2>
<p>A standard key is £5, or £9 for a security key. Car key fobs are programmed from £60.</p>
<h2>Heels</h2>
<p>Ladies' heels are re-tipped for £10, or £14 for stilettos.</p>
</body></html>`,
  'Quayside Keys and Heels',
);

t.test("the second price of a sentence is its case's", async (t) => {
  for (const [q, want, not] of [
    ['How much to re-tip stilettos?', /£14/, /£10/],
    ['How much is a security key?', /£9/, /£5\b/],
    ['How much is a standard key?', /£5\b/, /£9/],
  ] as const) {
    const reply = await cobbler(q);
    t.match(reply, want, q);
    t.notMatch(reply, not, q);
  }
});

const studio = documentAsker(
  'html',
  `<!doctype html><html><head><title>Northgate Barre Studio</title></head><body>
<h1>Northgate Barre Studio</h1>
<p>Barre and stretch classes in Northgate.</p>
<h2>Prices</h2>
<p>Barre classes are £12 per class, or £100 for a pass of 10 classes.</p>
<h2>Timetable</h2>
<p>Classes run Monday and Wednesday at 7pm.</p>
</body></html>`,
  'Northgate Barre Studio',
);

t.test('a number of the case names it', async (t) => {
  const q = 'How much for ten barre classes?';
  const reply = await studio(q);
  t.match(reply, /£100/, q);
  t.notMatch(reply, /£12\b/, q);
  const one = await studio('How much is one barre class?');
  t.match(one, /£12\b/, 'one class');
});
