import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "When can I pick my suit up?": a phrasal verb is its meaning, which may be one of its later
 * senses ("pick up" = collect is WordNet's fourth), and its particle, next to the verb or after
 * its object, names no thing: never "I don't have information about up". Pages no suite uses,
 * read through the real extraction.
 */

const cleaners = documentAsker(
  'html',
  `<!doctype html><html><head><title>Pressley Dry Cleaners</title></head><body>
<h1>Pressley Dry Cleaners</h1>
<p>Dry cleaning, laundry and alterations at 22 Fore Street, Ambleton AM3 5BB.</p>
<h2>Turnaround</h2>
<p>Suits and dresses are ready to collect after three working days. Shirts can be collected the next day.</p>
<h2>Alterations</h2>
<p>Trouser hems are £12. Zip replacements start at £15.</p>
</body></html>`,
  'Pressley Dry Cleaners',
);

t.test('a phrasal verb read by a later sense, its particle apart from it', async (t) => {
  for (const q of [
    'When can I pick my suit up?',
    'When can I pick up my suit?',
    'When can I pick it up if it is a suit?',
  ]) {
    const reply = await cleaners(q);
    t.match(reply, /three working days/, q);
    t.notMatch(reply, /\bup\b/, q);
  }
});

t.test('a particle is never the thing said to be missing', async (t) => {
  const reply = await cleaners('Can I pick my curtains up on a Sunday?');
  t.notMatch(reply, /information about up/, 'curtains');
});

const school = documentAsker(
  'html',
  `<!doctype html><html><head><title>Bellfield Music School</title></head><body>
<h1>Bellfield Music School</h1>
<h2>Where to find us</h2>
<p>We are at 27 Bellfield Road, Harrowgate HG4 2PX.</p>
<h2>Opening times</h2>
<p>The office answers the phone from 10am on weekdays.</p>
</body></html>`,
  'Bellfield Music School',
);

t.test("a phrasal verb's far senses are not read", async (t) => {
  // The fifth sense of "pick up" is "learn, find out": not "where to find us".
  const q = 'When does the office pick up the phone?';
  t.match(await school(q), /answers the phone from 10am/, q);
});
