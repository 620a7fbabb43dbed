import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "Do you do hot yoga?" of a studio that teaches hatha, vinyasa and yin yoga: the kind asked is
 * said by an adjective the documents never use (or a word WordNet lacks, "ashtanga"), so the line
 * about the yoga it does teach is no answer; the caller hears that hot yoga is not in the data.
 * A kind the documents do name, or a word they reach ("gentle" ~ "calm"), is still answered;
 * an everyday word it reaches ("hot" ~ "good" of the "Good to know" heading) is no reach. A
 * page no suite uses, read through the real extraction.
 */

const ask = documentAsker(
  'html',
  `<html><body><h1>Lotus Yoga Studio</h1>
<p>We teach hatha, vinyasa and yin yoga in a calm studio above the bakery on Mill Street.</p>
<h2>Classes</h2>
<p>Classes last 60 minutes. Please arrive 10 minutes early.</p>
<h2>Prices</h2>
<p>Drop-in classes are £12 per class.</p>
<h2>Good to know</h2>
<p>Please tell your teacher about any injuries before class.</p>
</body></html>`,
  'Lotus Yoga Studio',
);

t.test('a kind said by an unknown adjective is not in the data', async (t) => {
  for (const [q, what] of [
    ['Do you do hot yoga?', 'hot yoga'],
    ['Do you do online yoga?', 'online yoga'],
    ['Do you teach ashtanga yoga?', 'ashtanga yoga'],
  ] as const) {
    const a = await ask(q);
    t.match(a, new RegExp(`don't have information about ${what}`), q);
    t.notMatch(a, /We teach/, q);
  }
});

t.test('a kind the documents name is answered', async (t) => {
  for (const q of ['Do you do hatha yoga?', 'Do you do yin yoga?', 'Do you do gentle yoga?'])
    t.match(await ask(q), /We teach hatha, vinyasa and yin yoga/, q);
});
