import t from 'tap';
import { agentFromDocument, documentAsker } from './checked-reply.js';
import { pricedItems } from '../graph/extract.js';

/**
 * A riding school's page written for this check (a trade no suite uses), read through the real
 * extraction, and what it showed: "how much are the pony days?" was told the lead-rein pony
 * ride's £20 (an invented fact: "Pony Days ...: grooming, ..., £85 a day" had been priced as
 * "lesson and a picnic lunch, 9am to 3pm", and "days" was dropped as a when-word); a dash row
 * with a long name ("Hack out across the fields (1.5 hours, confident riders only) - £55") lost
 * its first words; "how old does my daughter need to be?" was told the Pony Days' 7 to 14, not
 * the school's "from age 5 upwards"; "my own helmet" and "a discount if I book several lessons"
 * fell back.
 */

const page = `<html><body><h1>Hollybrook Riding Stables</h1>
<p>A family-run riding school on the edge of Hollybrook village. We have 18 ponies and horses to suit riders from age 5 upwards.</p>
<h2>Lessons</h2>
<ul>
<li>Group lesson (up to 4 riders, 1 hour) - £38</li>
<li>Private lesson (30 minutes) - £45</li>
<li>Lead-rein pony ride for little ones (20 minutes) - £20</li>
<li>Hack out across the fields (1.5 hours, confident riders only) - £55</li>
</ul>
<p>A block of five group lessons is £170 if paid in advance.</p>
<h2>Pony Days</h2>
<p>In the school holidays we run Pony Days for children aged 7 to 14: grooming, mucking out, a riding lesson and a picnic lunch, 9am to 3pm, £85 a day.</p>
<h2>What to wear</h2>
<p>Wear long trousers and boots with a small heel. We lend riding hats and body protectors free of charge.</p>
</body></html>`;
const ask = documentAsker('html', page, 'Hollybrook Riding Stables');

t.test('a name the business gives, priced after its details; a long dash row', async (t) => {
  const agent = await agentFromDocument('html', page, 'Hollybrook Riding Stables');
  const items = pricedItems(agent.graph).map((i) => `${i.item} = ${i.amount}`);
  t.ok(items.includes('pony days = £85 a day'), items.join('; '));
  t.ok(
    items.includes('hack out across the fields (1.5 hours, confident riders only) = £55'),
    items.join('; '),
  );
  t.match(await ask('How much are the pony days?'), /£85 a day/);
  t.match(await ask('How much for a pony day?'), /£85 a day/);
  t.match(await ask('How much is the pony ride?'), /£20/);
});

t.test("the school's youngest age, over one thing's range", async (t) => {
  t.match(await ask('How old does my daughter need to be to ride?'), /from age 5 upwards/);
  t.match(await ask('How old do you have to be for the pony days?'), /aged 7 to 14/);
});

t.test('a helmet is a riding hat; several lessons at once are the block', async (t) => {
  t.match(await ask('Do I need to bring my own helmet?'), /We lend riding hats/);
  t.match(await ask('Is there a discount if I book several lessons?'), /block of five group lessons is £170/);
});
