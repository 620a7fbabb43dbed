import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * Two sentences that a caller's phrase reaches equally ("spread the cost" means instalments,
 * finance, monthly payments ...): the one holding more of the phrase's meanings answers ("Repair
 * finance is available in monthly instalments"), not the earlier one holding only one of them
 * ("Our repair cover costs £15 monthly"). A page no suite uses, read through the real extraction.
 */

const ask = documentAsker(
  'html',
  `<html><body><h1>Ashby Auto Repairs</h1>
<p>Servicing, MOTs and repairs for all makes in Ashby.</p>
<h2>Cover</h2>
<p>Our repair cover costs £15 monthly.</p>
<h2>Paying</h2>
<p>Repair finance is available in monthly instalments.</p>
<h2>Finding us</h2>
<p>4 Forge Lane, Ashby AB3 5TT.</p>
</body></html>`,
  'Ashby Auto Repairs',
);

t.test("the sentence with more of the phrase's meanings answers", async (t) => {
  const q = 'Can I spread the cost of a repair?';
  t.match(await ask(q), /Repair finance is available in monthly instalments/, q);
});
