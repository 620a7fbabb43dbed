import t from 'tap';
import { agentFromDocument, documentAsker } from './checked-reply.js';
import { pricedItems } from '../graph/extract.js';

/**
 * A photographer's page no suite uses, read through the real extraction, and the classes it
 * showed: a price closing a second verb of its sentence's subject ("Family sessions last about an
 * hour and cost £195") prices that subject (the item had been "family sessions last about an
 * hour", and "your baby is 5 to 14 days old" for the newborn sessions); the caller's photos are
 * the page's images; "do I get my deposit back?" asks for a refund; "how long until we get our
 * pictures back?" is how long until they are received; and "which is best for kids?" asks what
 * is family friendly.
 */

const page = `<html><body><h1>Harbour Light Photography</h1>
<p>Wedding, family and newborn photography across the county, based in Whitby.</p>
<h2>Weddings</h2>
<p>The full day wedding package is £1,350. A second photographer can be added for £280.</p>
<p>You will receive your edited photos in an online gallery within 5 weeks of the wedding.</p>
<h2>Family and newborn sessions</h2>
<p>Family sessions last about an hour and cost £180, including 25 edited images. Newborn sessions take place in the studio when your baby is 5 to 14 days old and cost £240.</p>
<p>Extra images can be bought for £12 each.</p>
<h2>Booking</h2>
<p>A £150 deposit secures your date. Deposits are non-refundable, but a date can be moved once free of charge.</p>
<h2>Mini sessions</h2>
<p>Beach mini sessions: family friendly, 20 minutes, every Sunday in August.</p>
<p>Studio portraits: for adults, 40 minutes, by appointment.</p>
</body></html>`;
const ask = documentAsker('html', page, 'Harbour Light Photography');

t.test('a second verb of the subject prices the subject', async (t) => {
  const agent = await agentFromDocument('html', page, 'Harbour Light Photography');
  const items = pricedItems(agent.graph).map((i) => `${i.item} = ${i.amount}`);
  t.ok(items.includes('family sessions = £180,'), items.join('; '));
  t.ok(items.includes('newborn sessions = £240'), items.join('; '));
  t.match(await ask('How much is a newborn session?'), /£240/);
});

t.test("the caller's photos are the page's images", async (t) => {
  const q = 'Can I buy more photos?';
  t.match(await ask(q), /Extra images can be bought for £12 each/, q);
});

t.test('a deposit back is a refund', async (t) => {
  for (const q of ['Do I get my deposit back if we cancel?', 'Can I have my deposit back?'])
    t.match(await ask(q), /Deposits are non-refundable/, q);
});

t.test('how long until the pictures come back is how long until they are received', async (t) => {
  const q = 'How long until we get our pictures back?';
  t.match(await ask(q), /within 5 weeks of the wedding/, q);
});

t.test('best for kids is family friendly', async (t) => {
  for (const q of ['Which session is best for kids?', 'Is there anything child friendly?'])
    t.match(await ask(q), /Beach mini sessions: family friendly/, q);
});
