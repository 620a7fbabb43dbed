import t from 'tap';
import { agentFromDocument, documentAsker } from './checked-reply.js';
import { pricedItems } from '../graph/extract.js';

/**
 * An ice rink's page written for this check (a trade no suite uses), read through the real
 * extraction, and what it showed: "how much are lessons for my kids?" was told the adult
 * beginners' £70 (an invented fact for them: an adults-only item is no child's), and the
 * children's course had been priced as "morning: 30-minute lessons ..." (the thing after a colon,
 * closed by its details, is the item); "how much for my 2 year old?" of a row "Under 3s | Free"
 * was the fallback (a row priced "Free" gave no item) and then said the row raw; "we sell them
 * ... for £3" priced "them"; "Adult beginners' lessons are on Tuesday evenings, £70" priced "...
 * lessons are"; "a family of four" counted the four against the family ticket.
 */

const page = `<html><body><h1>Riverside Ice Arena</h1>
<h2>Public skating</h2>
<table>
<tr><th>Ticket</th><th>Price</th></tr>
<tr><td>Adult (16+)</td><td>£9.50</td></tr>
<tr><td>Child (3 to 15)</td><td>£7.50</td></tr>
<tr><td>Family (2 adults and 2 children)</td><td>£29</td></tr>
<tr><td>Under 3s</td><td>Free</td></tr>
</table>
<h2>Learn to skate</h2>
<p>Our Skate UK course runs every Saturday morning: 30-minute lessons for ages 4 and up, £65 for a 10-week block, including practice skating after the lesson. Adult beginners' lessons are on Tuesday evenings, £70 for 8 weeks.</p>
<h2>Good to know</h2>
<p>Gloves are a must on the ice; we sell them at the skate desk for £3.</p>
</body></html>`;
const ask = documentAsker('html', page, 'Riverside Ice Arena');

t.test('items named after a colon, by a pronoun, in a free row', async (t) => {
  const agent = await agentFromDocument('html', page, 'Riverside Ice Arena');
  const items = pricedItems(agent.graph).map((i) => `${i.item} = ${i.amount}`);
  t.ok(items.includes('30-minute lessons for ages 4 and up = £65'), items.join('; '));
  t.ok(items.includes("adult beginners' lessons = £70"), items.join('; '));
  t.ok(items.includes('gloves = £3'), items.join('; '));
  t.ok(items.includes('under 3s = free'), items.join('; '));
});

t.test("an adults' item is not a child's", async (t) => {
  t.notMatch(await ask('How much are lessons for my kids?'), /£70/);
  t.match(await ask('How much are lessons for my 8 year old?'), /£65/);
  t.match(await ask('How much are the adult lessons?'), /£70/);
});

t.test('a free row answers its age; a family of four is the family ticket', async (t) => {
  t.equal(await ask('How much for my 2 year old?'), 'Under 3s are free.');
  t.match(await ask('How much is it for a family of four?'), /Family \(2 adults and 2 children\) is £29/);
});
