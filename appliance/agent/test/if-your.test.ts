import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "If your dog is unwell at daycare we will call you to collect them, and they should stay home
 * for 48 hours." names its own subject: it does not lean on the line before it as "If you have
 * one, please bring it" does, so the line before (another illness, another number of days) is
 * not said with it. A page no suite uses, read through the real extraction.
 */

const ask = documentAsker(
  'html',
  `<!doctype html><html><head><title>Bramble Paws Daycare</title></head><body>
<h1>Bramble Paws Daycare</h1>
<p>Dog daycare and walks in Fenwick, Monday to Friday.</p>
<h2>Health</h2>
<p>Dogs with kennel cough must stay at home for 14 days after the cough stops. If your dog has a high temperature at daycare we will call you to collect them, and they should stay at home for 48 hours.</p>
<h2>Prices</h2>
<p>A full day is £28. A half day is £18.</p>
</body></html>`,
  'Bramble Paws Daycare',
);

t.test('a line opening "If your ..." is said without the line before it', async (t) => {
  const q = 'If he has a temperature, how long does he need to stay off?';
  const reply = await ask(q);
  t.match(reply, /48 hours/, q);
  t.notMatch(reply, /14 days/, q);
});
