import t from 'tap';
import { agentFromDocument, documentAsker } from './checked-reply.js';
import { pricedItems } from '../graph/extract.js';
import { priceClause } from '../answer-speech.js';

/**
 * A window cleaner's FAQ sheet no suite uses, read through the real extraction, and the classes
 * it showed. Items: "Terraced houses start at £14 and detached houses at £25" prices detached
 * houses (the item had been "terraced houses start at £14 and detached houses"), and says so with
 * the verb the two share; "a one-off clean, which costs £10 extra" prices the clean (not
 * "which"); "Yes. Gutter clearing is £60" prices gutter clearing (not "yes. gutter clearing");
 * "Conservatory roofs are cleaned for £40" prices the roofs. Questions: "can I just have one
 * clean?" is the one-off clean; "are you covered if you break something?" is the insurance.
 */

const page = `Clearview Window Cleaning - Questions and answers

What areas do you cover?
We clean windows in Ashworth, Brindle, Copthorne and the villages in between.

How much does it cost?
A three-bedroom semi is £18 for the outside windows. Terraced houses start at £14 and detached houses at £25. Conservatory roofs are cleaned for £40.

How often do you come?
Most customers are on a 4-weekly round. We can also do a one-off clean, which costs £10 extra.

Do you clean gutters?
Yes. Gutter clearing is £60 for most houses.

Are you insured?
We have £5 million public liability insurance.
`;
const ask = documentAsker('txt', page, 'Clearview Window Cleaning');

t.test('items of a gapped clause, a which-clause, a yes-answer and a passive', async (t) => {
  const agent = await agentFromDocument('txt', page, 'Clearview Window Cleaning');
  const items = new Map(pricedItems(agent.graph).map((i) => [i.amount.replace(/[,.]$/, ''), i.item]));
  t.equal(items.get('£25'), 'detached houses');
  t.equal(items.get('£14'), 'terraced houses');
  t.equal(items.get('£10 extra'), 'one-off clean');
  t.equal(items.get('£60'), 'gutter clearing');
  t.equal(items.get('£40'), 'conservatory roofs');
  const s = 'Terraced houses start at £14 and detached houses at £25.';
  t.equal(priceClause(s, '£25'), 'Detached houses start at £25.');
  t.equal(priceClause(s, '£14'), 'Terraced houses start at £14.');
});

t.test('the second of a gapped pair is priced alone', async (t) => {
  const q = 'How much for a detached house?';
  const a = await ask(q);
  t.match(a, /Detached houses start at £25/, q);
  t.notMatch(a, /£14/, q);
});

t.test('one clean is the one-off clean', async (t) => {
  for (const q of ['Can I just have one clean?', 'Can you come just the once?'])
    t.match(await ask(q), /one-off clean, which costs £10 extra/, q);
});

t.test('covered if you break something is the insurance', async (t) => {
  const q = 'Are you covered if you break something?';
  t.match(await ask(q), /public liability insurance/, q);
});
