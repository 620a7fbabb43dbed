import t from 'tap';
import { agentFromDocument, documentAsker } from './checked-reply.js';
import { pricedItems } from '../graph/extract.js';

/**
 * A florist's page no suite uses, read through the real extraction, and what it showed: "the
 * cheapest bouquet" had been the single rose listed under "Bouquets" (another item's price), and
 * "your most expensive bouquet" was no price question at all; "who do I talk to about wedding
 * flowers?" found no one in "book a free consultation with Ellie"; "can you get flowers to my mum
 * today?" and "send some flowers today" are same-day delivery; "a dozen roses" is 12 of the
 * roses priced each; "a bunch of flowers" is a bouquet; "Wreath-making workshops run on ..." had
 * an item named "workshops run"; "do you use local flowers?" named "use" as the missing thing.
 */

const page = `<html><body><h1>Bloom &amp; Twig</h1>
<h2>Bouquets</h2>
<p>Hand-tied bouquets start at £35; our large seasonal bouquet is £65. Every bouquet comes in water, wrapped in recyclable paper.</p>
<p>Single roses are £4.50 each.</p>
<h2>Delivery</h2>
<p>Same-day delivery in Hexham if you order before 1pm, Monday to Saturday. Delivery costs £6 within Hexham and £10 to surrounding villages up to 12 miles away. We don't deliver on Sundays.</p>
<h2>Weddings and funerals</h2>
<p>Wedding flowers are designed to order; book a free consultation with Ellie at least 3 months before the day. Funeral tributes start at £75 and need 2 working days' notice.</p>
<h2>Workshops</h2>
<p>Wreath-making workshops run on Thursday evenings in December, 6:30pm to 9pm, £55 including mulled wine and all materials.</p>
<h2>Opening hours</h2>
<p>Monday to Saturday 9am to 5pm. Closed Sundays.</p>
</body></html>`;
const ask = documentAsker('html', page, 'Bloom & Twig');

t.test('the cheapest and dearest of the items the words name', async (t) => {
  const cheapest = await ask("What's the cheapest bouquet you do?");
  t.match(cheapest, /£35/);
  t.notMatch(cheapest, /£4\.50/);
  t.match(await ask("What's your most expensive bouquet?"), /^[^£]*£65[^£]*$/);
});

t.test('whom the caller meets is who', async (t) => {
  t.match(await ask('Who do I talk to about wedding flowers?'), /Ellie/);
});

t.test('flowers got or sent to someone today are same-day delivery', async (t) => {
  t.match(await ask('Can you get flowers to my mum today?'), /Same-day delivery/);
  t.match(await ask("It's 3 o'clock, is it too late to send some flowers today?"), /before 1pm/);
});

t.test('a dozen roses and a bunch of flowers', async (t) => {
  t.match(await ask('How much is a dozen roses?'), /£4\.50 each/);
  t.match(await ask('How much is a bunch of flowers?'), /hand-tied bouquets/i);
});

t.test('a fallback names no verb', async (t) => {
  t.notMatch(await ask('Do you use local flowers?'), /about use/);
});

t.test('a thing that runs on days is the thing, not its running', async (t) => {
  const agent = await agentFromDocument('html', page, 'Bloom & Twig');
  t.ok(pricedItems(agent.graph).some((i) => i.item === 'wreath-making workshops' && i.amount === '£55'));
});
