import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * A day no sentence names, asked of documents that say which days things run ("Tours run
 * Friday to Sunday at 11am"): the line with those days answers it (the caller hears the day is
 * not one), not another line that matched "come", nor "I don't have information about Monday".
 */

const ask = documentAsker(
  'txt',
  `Millbrook Cider Farm

Tours
Tours run Friday to Sunday at 11am and 3pm and last an hour. Children can come along for free.

Shop
The farm shop is open Wednesday to Saturday, 9am to 5pm.
`,
  'Millbrook Cider Farm',
);

t.test('a day outside the days a thing runs is answered by those days', async (t) => {
  for (const q of [
    'Can I come on a Tuesday?',
    'Do you do tours on Monday?',
    'Are there tours on a Wednesday?',
  ]) {
    const a = await ask(q);
    t.match(a, /Tours run Friday to Sunday/, q);
    t.notMatch(a, /don't have information about/, q);
  }
  t.match(await ask('Is the shop open on a Monday?'), /farm shop is open Wednesday to Saturday/);
});
