import t from 'tap';
import { agentFromDocument, documentAsker } from './checked-reply.js';
import { pricedItems } from '../graph/extract.js';

/**
 * A hot tub hire's page written for a start check and never tuned on before, read through the
 * real extraction, and what it showed: "how much to hire a hot tub for the weekend?" had been told
 * the week's £250 ("£150 for a weekend (Friday to Monday) or £250 for a week": the note in
 * brackets broke the row of cases, and the week's price had an item named "£150 for a weekend
 * ... or"); "a whole week" named "whole" as missing; "how do I get in touch?" found the deposit
 * ("get in touch" read as booking) instead of the phone line; "can the kids go in?" of "Children
 * must be supervised at all times" was "I don't have information about the kids".
 */

const page = `<html><body><h1>Bubble Bay Hot Tub Hire</h1>
<h2>Prices</h2>
<p>A 4-person inflatable hot tub is £150 for a weekend (Friday to Monday) or £250 for a week. Our 6-person wooden tub is £220 for a weekend.</p>
<p>A £50 refundable deposit is taken when you book and returned within 5 days after collection.</p>
<h2>Rules</h2>
<p>No glass in or near the tub, and no bath products, oils or bubble bath. Children must be supervised at all times.</p>
<h2>Contact</h2>
<p>Call Jess on 07700 900 284 or email hello@bubblebay.co.uk.</p>
</body></html>`;
const ask = documentAsker('html', page, 'Bubble Bay Hot Tub Hire');

t.test('a note in brackets after a case keeps the row of cases', async (t) => {
  const agent = await agentFromDocument('html', page, 'Bubble Bay Hot Tub Hire');
  const items = pricedItems(agent.graph).map((i) => `${i.item} = ${i.amount}`);
  t.ok(items.includes('4-person inflatable hot tub for week = £250'), items.join('; '));
  const weekend = await ask('How much to hire a hot tub for the weekend?');
  t.match(weekend, /£150 for a weekend/);
  t.notMatch(weekend, /£250/);
  t.match(await ask('How much is it for a whole week?'), /£250 for a week/);
});

t.test('getting in touch is the phone line; the kids are the children', async (t) => {
  t.match(await ask('How do I get in touch?'), /Call Jess on 07700 900 284/);
  t.match(await ask('Can the kids go in?'), /Children must be supervised/);
});
