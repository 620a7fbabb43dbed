import t from 'tap';
import { normalize } from '../text.js';
import { documentAsker } from './checked-reply.js';

/**
 * "E-scooter service" is the electric scooter's ("e-scooter" read as "e" and "scooter" was any
 * scooter), so "how much to service my electric scooter?" gets it; and a caller who names only
 * the shop's own thing ("a scooter service") is not told the electric one's price as if it were
 * theirs: the plain item ("Standard service") is as likely meant, so the caller is asked which.
 * A page no suite uses, read through the real extraction.
 */

const ask = documentAsker(
  'html',
  `<!doctype html><html><head><title>Kerbside Scooters</title></head><body>
<h1>Kerbside Scooters</h1>
<p>Scooter sales and repairs at 40 Mill Road, Ashby. Every scooter we sell is road tested.</p>
<h2>Servicing</h2>
<table>
<tr><th>Service</th><th>Price</th></tr>
<tr><td>Standard service</td><td>£40</td></tr>
<tr><td>E-scooter service</td><td>£60</td></tr>
<tr><td>Brake bleed</td><td>£25</td></tr>
</table>
<h2>Hours</h2>
<p>Monday to Saturday, 9am to 5pm. Bring your scooter in any time.</p>
</body></html>`,
  'Kerbside Scooters',
);

t.test('an e-scooter is an electric scooter', async (t) => {
  for (const q of [
    'How much to service my electric scooter?',
    'How much is an e-scooter service?',
    // As a transcript has it.
    'how much is an e scooter service',
  ]) {
    const reply = await ask(q);
    t.match(reply, /£60/, q);
    t.notMatch(reply, /£40/, q);
  }
});

t.test("a kind the caller did not name is not said as the caller's price", async (t) => {
  const q = 'How much is a scooter service?';
  const reply = await ask(q);
  t.notMatch(reply, /£60/, q);
  t.match(reply, /standard service/i, q);
  t.match(await ask('How much is a service?'), /£40/, 'a service');
});

t.test("the recogniser's phrases keep the words as written", async (t) => {
  t.equal(normalize('E-scooter service'), 'electric scooter service');
  t.equal(normalize('E-scooter service', true), 'e scooter service');
  t.equal(normalize('Send us an e-mail'), 'send us an e mail');
});
