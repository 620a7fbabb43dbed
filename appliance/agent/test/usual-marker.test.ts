import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "How much is a basic boiler service?" of "Standard boiler service: £85": a caller's mark of the
 * usual item ("basic", "normal") the documents do not use names the usual item, not another one
 * the documents lack. A page no suite uses, read through the real extraction.
 */

const ask = documentAsker(
  'html',
  `<!doctype html><html><head><title>Hearthside Heating</title></head><body>
<h1>Hearthside Heating</h1>
<p>Gas Safe boiler servicing and repairs in Corbridge.</p>
<h2>Prices</h2>
<ul>
<li>Standard boiler service: £85</li>
<li>Landlord gas safety certificate: £70</li>
<li>Powerflush: £450</li>
</ul>
</body></html>`,
  'Hearthside Heating',
);

t.test("a caller's mark of the usual item names the page's usual item", async (t) => {
  for (const q of ['How much is a basic boiler service?', 'What does a normal boiler service cost?']) {
    const reply = await ask(q);
    t.match(reply, /£85/, q);
    t.notMatch(reply, /£70|£450/, q);
  }
});
