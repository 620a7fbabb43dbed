import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "Is there a discount if I buy ten classes?" of a page that never says "discount" but prices a
 * pass ("£12 per class, or £100 for a pass of 10 classes"): the saving asked about is told by the
 * price of the counted thing (the word had been the missing subject and the caller heard the
 * honest fallback). With no count ("a discount for students") the saving is still what is asked,
 * and it is not in the data. A page no suite uses, read through the real extraction.
 */

const ask = documentAsker(
  'html',
  `<html><body><h1>Lotus Yoga Studio</h1>
<p>We teach hatha, vinyasa and yin yoga in a calm studio above the bakery on Mill Street.</p>
<h2>Classes</h2>
<p>Classes last 60 minutes. Please arrive 10 minutes early.</p>
<h2>Prices</h2>
<p>Drop-in classes are £12 per class, or £100 for a pass of 10 classes.</p>
</body></html>`,
  'Lotus Yoga Studio',
);

t.test('a saving asked with a count is told by the counted price', async (t) => {
  for (const q of [
    'Is there a discount if I buy ten classes?',
    'Is it cheaper if I buy 10 classes?',
    'Can I save money if I buy 10 classes?',
  ])
    t.match(await ask(q), /£100 for a pass of 10 classes/, q);
});

t.test('a saving asked without a count is not in the data', async (t) => {
  const q = 'Is there a discount for students?';
  t.match(await ask(q), /don't have information about a discount for students/, q);
});
