import t from 'tap';
import { agentFromDocument, documentAsker } from './checked-reply.js';
import { pricedItems } from '../graph/extract.js';

/**
 * A dog trainer's page in Markdown written for this check (a trade no suite uses), read through
 * the real extraction, and what it showed: "how much is the behaviour consultation?" was the
 * honest fallback (the price had been given to "we also help with reactive and anxious dogs", the
 * business's clause before a colon, not to the consultation after it); "Teen Dogs: 6 weekly
 * classes" passed for a person's line (a common word and a common noun's plural name a thing);
 * "what night are the classes?" was not a when-question; "what if I miss a week?" found the
 * weekly course, not the catch-up rule.
 */

const page = `# Pawsitive Steps Dog Training

Reward-based dog training in Leeds, run by Hannah Price (ABTC registered trainer).

## Classes

- **Puppy Foundations**: 6 weekly classes for puppies aged 10 to 20 weeks. £95 for the course.
- **Teen Dogs**: 6 weekly classes for dogs aged 5 to 18 months. £105.

Classes are held at Meanwood Village Hall, LS6 4DY, on Tuesday and Thursday evenings from 6.30pm.

## One-to-one

Private sessions at your home are £55 for an hour. We also help with reactive and anxious dogs: a first behaviour consultation is 2 hours and costs £120.

## Good to know

- If you miss a class you can catch up in the next course free of charge.
`;
const ask = documentAsker('md', page, 'Pawsitive Steps');

t.test("a clause of the business's before a colon is no item", async (t) => {
  const agent = await agentFromDocument('md', page, 'Pawsitive Steps');
  const items = pricedItems(agent.graph).map((i) => `${i.item} = ${i.amount}`);
  t.ok(items.includes('first behaviour consultation = £120'), items.join('; '));
  t.match(await ask('How much is the behaviour consultation?'), /£120/);
});

t.test('a thing sold under a name is no person', async (t) => {
  t.notMatch(await ask('Who is the trainer?'), /Teen Dogs|Puppy Foundations/);
  t.match(await ask('Who is the trainer?'), /Hannah Price/);
});

t.test('what night, and missing a week', async (t) => {
  t.match(await ask('What night are the classes?'), /Tuesday and Thursday evenings/);
  t.match(await ask('What happens if I miss a week?'), /catch up in the next course/);
});

t.test('a fallback names the thing, not the verb before it', async (t) => {
  const chain = await ask('Can I use a choke chain?');
  t.match(chain, /information about a choke chain/);
  t.notMatch(chain, /about use/);
});
