import t from 'tap';
import { agentFromDocument, documentAsker } from './checked-reply.js';

/**
 * A chimney sweep's sheet no suite uses, read through the real extraction, and what it showed:
 * "do you cover York?" of a sweep "covering Harrogate, Ripon and Knaresborough" had heard "I don't
 * have information about York" ("covering" gave no area, and a place outside the list was a
 * missing thing: the caller now hears the places covered); "how much to get rid of a nest?" had
 * been "the price of rid of a nest" (getting rid of is the removal).
 */

const page = `Clean Flue Chimney Sweeps
Fully qualified chimney sweep covering Harrogate, Ripon and Knaresborough.

Prices
Open fire or multi-fuel stove sweep: £65. Wood burner sweep: £70. Bird nest removal: from £90, depending on how big the nest is.
`;
const ask = documentAsker('txt', page, 'Clean Flue Chimney Sweeps');

t.test('the places covered answer a place in the list and one outside it', async (t) => {
  const agent = await agentFromDocument('txt', page, 'Clean Flue Chimney Sweeps');
  const places = agent.graph.relations.filter((r) => r.relation === 'covers').map((r) => r.to);
  t.same(places, ['place:harrogate', 'place:ripon', 'place:knaresborough']);
  t.match(await ask('Do you cover Ripon?'), /covering Harrogate, Ripon and Knaresborough/);
  const york = await ask('Do you cover York?');
  t.match(york, /covering Harrogate, Ripon and Knaresborough/);
  t.notMatch(york, /information about York/);
});

t.test('getting rid of a thing is its removal', async (t) => {
  t.match(await ask('How much to get rid of a nest?'), /Bird nest removal: from £90/);
  t.notMatch(await ask('How much to get rid of a wasp nest?'), /£/);
});
