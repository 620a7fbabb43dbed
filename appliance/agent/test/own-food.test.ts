import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "Can we bring snacks?", "can I take drinks in?": food of the caller's own, which the page's
 * rule on food and drink answers ("No food or drink may be taken into the studio"); WordNet
 * reaches "food" from "snack" only by a far hypernym. A page no suite uses, read through the
 * real extraction.
 */

const page = `<!doctype html><html><head><title>Glaze Paint-a-Pot Cafe</title></head><body>
<h1>Glaze Paint-a-Pot Cafe</h1>
<p>Paint your own pottery, for all ages, in Whitby.</p>
<h2>House rules</h2>
<p>No food or drink may be taken into the painting studio.</p>
<p>Our cafe serves cakes, toasties and hot drinks all day.</p>
<h2>Prices</h2>
<p>A studio fee of £4 per painter, plus the price of your piece.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Glaze Paint-a-Pot Cafe');

t.test("the caller's own food is asked by the page's food and drink rule", async (t) => {
  for (const q of ['Can we bring snacks?', 'Can I take drinks in?', 'Is it OK to bring our own food?']) {
    const reply = await ask(q);
    t.match(reply, /No food or drink/, q);
  }
});
