import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * How much notice or warning a caller must give, asked in their words: "how much warning",
 * "how far ahead do I have to tell you", "get in touch to get a slot". A question after a
 * statement ("We're moving away, so he'll be stopping. How far ahead ...?") keeps the answer the
 * whole utterance chose (the notice to stop) when the question clause alone only scores higher
 * for having fewer words ("Fees are paid termly in advance"). A page no suite uses, read through
 * the real extraction.
 */

const page = `<!doctype html><html><head><title>Harbour Piano Lessons</title></head><body>
<h1>Harbour Piano Lessons</h1>
<p>Piano lessons for children and adults in Whitcombe, at our studio or in your home.</p>
<h2>Fees and terms</h2>
<p>A half-hour lesson costs £18. Fees are paid termly in advance by bank transfer.</p>
<p>If you want to stop lessons, please give us one month of notice in writing, and the rest of the term is refunded.</p>
<h2>Booking</h2>
<p>Book a trial lesson by phone or email, ideally two weeks ahead; before the exam season, allow a month.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Harbour Piano Lessons');

t.test('how much notice, in the caller words', async (t) => {
  t.match(
    await ask('If my son wants to stop the lessons, how much warning do I have to give you?'),
    /one month/,
  );
  t.match(
    await ask("We're moving away, so he'll be stopping his lessons. How far ahead do I have to tell you?"),
    /one month of notice/,
  );
  t.match(await ask('How far ahead do I need to get in touch to get a slot for a trial?'), /two weeks ahead/);
  // The question's own words still lead when the whole says nothing more: how fees are paid.
  t.match(await ask('Do I pay for the lessons in advance?'), /termly in advance/);
});
