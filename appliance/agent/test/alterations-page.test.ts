import t from 'tap';
import { agentFromDocument, documentAsker } from './checked-reply.js';
import { pricedItems } from '../graph/extract.js';

/**
 * An alterations tailor's FAQ sheet written for this check (a trade no suite uses), read through
 * the real extraction, and what it showed: "my coat zip has broken, how much?" was told the £15
 * for trousers (of "a zip is £15 for trousers and skirts and £28 for coats" the second case had
 * been priced as "for trousers and skirts and"); "shorten jeans", "take up a pair of trousers"
 * found no hem ("jeans" read as a dress code); "wedding dress alterations", "quoted after a
 * fitting", fell back; "can you rush it?" was told a zip's price, "do I have to book?", "can you
 * take in a leather jacket?" fell back; "what if it doesn't fit properly afterwards?" was told
 * the wedding dress line.
 */

const sheet = `Stitch & Mend Alterations - Frequently Asked Questions

Where are you?
We're at 22 Cornmarket Street, above the Post Office, in the town centre.

How much do alterations cost?
Trouser hems start at £12, or £18 for jeans with the original hem kept. Taking in a dress starts at £25. Shortening sleeves on a jacket costs £30. Replacing a zip is £15 for trousers and skirts and £28 for coats. Wedding dress alterations are quoted after a fitting.

How long will it take?
Most alterations are ready within 5 working days. We offer an express service for £10 extra, ready in 48 hours.

Do I need an appointment?
Not for simple repairs and hems, just drop in. Fittings for bridal and formal wear are by appointment with Maria, our head seamstress.

What if I'm not happy?
Bring it back within 14 days and we will adjust it for free.

Do you do leather?
Sorry, we cannot alter leather or suede.
`;
const ask = documentAsker('txt', sheet, 'Stitch & Mend Alterations');

t.test('prices in a row, each for its case of two things', async (t) => {
  const agent = await agentFromDocument('txt', sheet, 'Stitch & Mend Alterations');
  const items = pricedItems(agent.graph).map((i) => `${i.item} = ${i.amount}`);
  t.ok(items.includes('replacing a zip for trousers and skirts = £15'), items.join('; '));
  t.ok(items.includes('replacing a zip for coats = £28'), items.join('; '));
  t.equal(await ask('My coat zip has broken, how much to fix it?'), 'Replacing a zip is £28 for coats.');
  t.match(await ask('How much is a new zip for my trousers?'), /£15/);
});

t.test('hems by what callers call them; a price given by quote', async (t) => {
  t.match(await ask('What do you charge to shorten jeans?'), /£18/);
  t.match(await ask('How much to take up a pair of trousers?'), /Trouser hems start at £12/);
  t.equal(
    await ask('How much for wedding dress alterations?'),
    'Wedding dress alterations are quoted after a fitting.',
  );
  t.equal(await ask('How much to take in a dress?'), 'Taking in a dress starts at £25.');
});

t.test('a rush, booking, a leather jacket, work that is not right', async (t) => {
  t.match(await ask('I need it by Thursday, can you rush it?'), /express service for £10 extra/);
  t.match(await ask('Do I have to book?'), /just drop in/);
  t.equal(await ask('Can you take in a leather jacket?'), 'Sorry, we cannot alter leather or suede.');
  t.match(await ask("What if it doesn't fit properly afterwards?"), /adjust it for free/);
});
