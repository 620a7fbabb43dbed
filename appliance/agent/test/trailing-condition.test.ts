import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "How long will you hang on to my things if I can't pick them up straight away?": the condition
 * after a how-long question says when it applies; the question is how long things are kept, not
 * how long a repair takes ("... so you can wait or pop back later"). A page no suite uses, read through the real extraction.
 */

const page = `<!doctype html><html><head><title>Byte Size Laptop Repairs</title></head><body>
<h1>Byte Size Laptop Repairs</h1>
<p>Laptop and tablet repairs in Wakefield, done in our own workshop.</p>
<h2>How long it takes</h2>
<p>A laptop screen takes about two days once the part is in, and a new battery about an hour, so you can wait or pop back later.</p>
<h2>Collecting your repair</h2>
<p>We hold finished repairs for 60 days. After that they are recycled.</p>
<p>You pay when you pick up: card or cash.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Byte Size Laptop Repairs');

t.test('a trailing condition says when, not what is asked', async (t) => {
  t.match(
    await ask("How long will you hang on to my things if I can't pick them up straight away?"),
    /60 days/,
  );
  t.match(await ask('How long do you keep a repair, if I cannot get back for it?'), /60 days/);
  // The question's own words still lead: a laptop screen's repair time.
  t.match(await ask('How long does a laptop screen take?'), /two days/);
});
