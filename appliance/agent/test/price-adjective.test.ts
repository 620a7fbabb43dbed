import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "Will you check with me before ordering expensive parts?": "expensive" describes the parts,
 * it does not ask a price; the yes/no question gets the page's rule, not "I don't have that
 * price". "Is it expensive?" still asks one. A page no suite uses, read through the real
 * extraction.
 */

const ask = documentAsker(
  'html',
  `<!doctype html><html><head><title>Byte Fix Repairs</title></head><body>
<h1>Byte Fix Repairs</h1>
<p>Laptop and phone repairs at 7 Arcade Walk, Dunmore.</p>
<h2>Parts</h2>
<p>We always ring you before ordering any part over £50.</p>
<h2>Prices</h2>
<p>A diagnostic check is £20. A laptop screen replacement starts at £90.</p>
</body></html>`,
  'Byte Fix Repairs',
);

t.test('an adjective of price before a thing is no price question', async (t) => {
  for (const q of [
    'Will you check with me before ordering expensive parts?',
    'Do you ring before you order anything expensive?',
  ]) {
    const reply = await ask(q);
    t.match(reply, /ring you before ordering any part over £50/, q);
  }
  t.match(await ask('How expensive is a diagnostic check?'), /£20/, 'how expensive');
});
