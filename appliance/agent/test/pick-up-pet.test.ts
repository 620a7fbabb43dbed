import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "Can I pick up my dog on a Saturday afternoon?": picking up one's pet is collecting it, which
 * the page's collection times answer ("Saturday collections 2pm to 4pm"), not the pick-up
 * service from the caller's home. A page no suite uses, read through the real extraction.
 */

const page = `<!doctype html><html><head><title>Willowbrook Boarding</title></head><body>
<h1>Willowbrook Boarding</h1>
<p>Boarding for dogs and cats near Elmsford.</p>
<h2>Drop-off and collection</h2>
<p>Drop-offs Monday to Friday, 8am to 10am.</p>
<p>Saturday collections only, 2pm to 4pm. We are closed on Sundays.</p>
<h2>Pet taxi</h2>
<p>Pick-up and drop-off from your home within 8 miles costs £15 each way.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Willowbrook Boarding');

t.test('picking up your pet is collecting it', async (t) => {
  for (const q of [
    'Can I pick up my dog on a Saturday afternoon?',
    'When can I pick my cat up on Saturday?',
  ]) {
    const reply = await ask(q);
    t.match(reply, /2pm to 4pm/, q);
    t.notMatch(reply, /£15/, q);
  }
});
