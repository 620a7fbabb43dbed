import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * A tree surgeon's page written for this check (a trade no suite uses), read through the real
 * extraction, and what it showed: "what do you charge to take down a small tree?" asked which of
 * felling and crown reduction (taking a tree down is felling); "how much is it to get rid of a
 * tree stump?" fell back (the caller's phrase for the doing outweighed the stump, and the checker
 * wanted "tree" in "Stump grinding"); "what would it cost to fell a big oak?" was told "quotes are
 * free" (a clause of the sentence that found the felling); "can I keep the wood for my log
 * burner?", "are you insured?" fell back; "do you take the branches away?" was told what the
 * firm does; "can you cut my tree down in May?" was not told "We avoid felling from March to
 * August".
 */

const page = `<html><head><title>Hartwood Tree Care</title></head><body>
<h1>Hartwood Tree Care</h1>
<p>Qualified arborists covering Shrewsbury and everywhere within 20 miles. We prune, fell and remove trees of every size, grind stumps and trim hedges.</p>
<h2>Our services</h2>
<table>
<tr><th>Service</th><th>Guide price</th></tr>
<tr><td>Hedge trimming (up to 10 metres)</td><td>£120</td></tr>
<tr><td>Crown reduction, small tree</td><td>£250</td></tr>
<tr><td>Crown reduction, large tree</td><td>£600</td></tr>
<tr><td>Stump grinding (per stump)</td><td>£90</td></tr>
<tr><td>Felling a small tree (under 5 metres)</td><td>£300</td></tr>
</table>
<p>Felling larger trees is quoted after a site visit; quotes are free and usually within a week. All prices include taking away the waste. If you'd like the logs left for your fire, tell us and we'll knock £30 off.</p>
<h2>Protected trees</h2>
<p>Many trees in Shrewsbury are covered by a Tree Preservation Order or sit in a conservation area. We check this for every job and apply to the council for you at no extra charge; approval takes about 8 weeks.</p>
<h2>Storm damage</h2>
<p>For a tree that has come down on a house, car or road, ring our emergency number 07700 900 622 any time, day or night. Emergency call-outs are charged at £95 an hour.</p>
<h2>When we work</h2>
<p>Monday to Friday, 8am to 5pm, and Saturdays by arrangement. We avoid felling from March to August unless it's urgent, because of nesting birds.</p>
<h2>About us</h2>
<p>Owner Sam Whitlock has been climbing trees professionally for 18 years. Every job is covered by £5 million public liability insurance. Our office is run by Kerry, who books site visits.</p>
</body></html>`;
const ask = documentAsker('html', page, 'Hartwood Tree Care');

t.test('the doing in callers’ words; a stump of a tree', async (t) => {
  t.match(await ask('What do you charge to take down a small tree?'), /Felling a small tree .*£300/);
  t.match(await ask('How much is it to get rid of a tree stump?'), /Stump grinding .*£90/);
  const oak = await ask('What would it cost to fell a big oak?');
  t.match(oak, /Felling larger trees is quoted after a site visit/);
  t.notMatch(oak, /^Quotes are free/);
  t.match(await ask('Do you charge for quotes?'), /Quotes are free/);
});

t.test('logs, waste, insurance, and a month inside a dated range', async (t) => {
  t.match(await ask('Can I keep the wood for my log burner?'), /logs left for your fire/);
  t.match(await ask('Do you take the branches away?'), /taking away the waste/);
  t.match(await ask('Are you insured?'), /public liability insurance/);
  t.match(await ask('Can you cut my tree down in May?'), /avoid felling from March to August/);
});
