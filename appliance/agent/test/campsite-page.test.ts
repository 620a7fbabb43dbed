import t from 'tap';
import { agentFromDocument, documentAsker } from './checked-reply.js';
import { pricedItems } from '../graph/extract.js';

/**
 * A campsite's page no suite uses, read through the real extraction, and what it showed: "we've
 * got a motorhome, how much a night?" had been told the fire pit's "£5 a night" (another thing's
 * price), and "how much a night?" was out of scope; "do you charge for a baby?" had been the
 * child's £4 of "Child (4 to 15)" (the row's ages were lost) while "Under 4s stay free" was no
 * price at all; "are you open in November?" of "open from 1 March to 31 October" had heard "I
 * don't have our opening hours"; "are the showers extra?" found nothing; "where can I walk the
 * dog?" was refused for the dogs' price said before the walking field; items were named "which"
 * and "well-behaved dogs are welcome".
 */

const page = `<html><body><h1>Hollybank Farm Campsite</h1>
<p>A quiet family campsite on a working farm near Keswick, open from 1 March to 31 October.</p>
<h2>Pitches and prices</h2>
<table>
<tr><th>Pitch</th><th>Per night</th></tr>
<tr><td>Tent pitch (2 people)</td><td>£22</td></tr>
<tr><td>Campervan or caravan pitch with electric hook-up</td><td>£32</td></tr>
<tr><td>Child (4 to 15)</td><td>£4</td></tr>
</table>
<p>Under 4s stay free.</p>
<h2>Facilities</h2>
<p>Hot showers are free and the toilet block is cleaned twice a day.</p>
<h2>Dogs</h2>
<p>Well-behaved dogs are welcome at £2 per dog per night and must be on a lead at all times. There is a dog walking field behind the barn.</p>
<h2>Rules</h2>
<p>Campfires are allowed in the fire pits we provide, which cost £5 a night.</p>
</body></html>`;
const ask = documentAsker('html', page, 'Hollybank Farm Campsite');

t.test('a unit names no item: the thing named, or the choice', async (t) => {
  const motorhome = await ask("We've got a motorhome, how much a night?");
  t.notMatch(motorhome, /£5/);
  t.match(motorhome, /don't have the price of a motorhome/);
  const night = await ask('How much a night?');
  t.notMatch(night, /only help with questions/);
  t.match(night, /tent pitch/);
  t.match(night, /Which one do you mean/);
});

t.test("a row's ages and a group that stays free", async (t) => {
  t.match(await ask('Do you charge for a baby?'), /Under 4s stay free/);
  t.match(await ask('How much for a 2 year old?'), /Under 4s stay free/);
  t.match(await ask('How much for a 10 year old?'), /£4/);
});

t.test('the months a business opens answer a month and "when are you open?"', async (t) => {
  t.match(await ask('Are you open in November?'), /open from 1 March to 31 October/);
  t.match(await ask('When are you open?'), /open from 1 March to 31 October/);
});

t.test('"extra" is whether it costs more; a place without the price before it', async (t) => {
  t.match(await ask('Are the showers extra?'), /showers are free/);
  const walk = await ask('Where can I walk the dog?');
  t.match(walk, /dog walking field behind the barn/);
  t.notMatch(walk, /£/);
});

t.test('items are things, not "which" or "are welcome"', async (t) => {
  const agent = await agentFromDocument('html', page, 'Hollybank Farm Campsite');
  const items = pricedItems(agent.graph).map((i) => i.item);
  t.ok(items.includes('fire pits'), items.join('; '));
  t.ok(items.includes('well-behaved dogs'), items.join('; '));
});
