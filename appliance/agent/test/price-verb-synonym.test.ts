import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "How much to fix a broken zip?" of "Zip replacement: £15": the verb of a price question is the
 * service, which the price list names by a synonym ("replacement", "repair"); the documents'
 * own use of the caller's verb elsewhere ("fixed while you wait") does not hide that synonym.
 * A verb an item is named by keeps its own sense ("neuter" against "dog neuter", "cat spay").
 * A page no suite uses, read through the real extraction.
 */

const ask = documentAsker(
  'html',
  `<!doctype html><html><head><title>Hemline Alterations</title></head><body>
<h1>Hemline Alterations</h1>
<p>Clothing alterations and repairs at 12 Bridge Street, Corley.</p>
<h2>Prices</h2>
<table>
<tr><th>Service</th><th>Price</th></tr>
<tr><td>Trouser hem</td><td>£12</td></tr>
<tr><td>Zip repair</td><td>£15</td></tr>
<tr><td>Coat relining</td><td>£60</td></tr>
</table>
<h2>Turnaround</h2>
<p>Small jobs are fixed while you wait on weekdays.</p>
</body></html>`,
  'Hemline Alterations',
);

t.test("a price question's verb names the item by a synonym", async (t) => {
  for (const q of ['How much to fix a zip?', 'How much is it to mend a zip?']) {
    const reply = await ask(q);
    t.match(reply, /£15/, q);
    t.notMatch(reply, /£12|£60/, q);
  }
});
