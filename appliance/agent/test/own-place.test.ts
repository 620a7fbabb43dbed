import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * Where the business is, when its page gives no street address (a village workshop "in the old
 * forge on Church Lane"), and where-questions about a thing at the premises, which the address
 * intent must not swallow. Checked on a bike workshop's web page that no suite uses, through the
 * real extraction as an upload is.
 */

const page = `<!doctype html><html><head><title>Forge Cycles</title></head><body>
<h1>Forge Cycles</h1>
<p>A bike repair workshop in the old forge on Church Lane, behind the village green.</p>
<h2>Services</h2>
<p>A basic service is $45 and a full service is $90. Puncture repairs are $12 while you wait.</p>
<h2>While you wait</h2>
<p>Lock your bike to the rail beside the front door, and help yourself to tea in the back room.</p>
<p>Please hang helmets on the hooks in the hall.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Forge Cycles');

t.test('the business is where its page says it is, with no street number', async (t) => {
  for (const q of ['Where are you?', 'Where are you located?', "What's your address?"]) {
    const a = await ask(q);
    t.match(a, /old forge on Church Lane/, `${q} -> ${a}`);
  }
});

t.test('a where-question about a thing at the premises gets the sentence about it', async (t) => {
  const a = await ask('Where should I lock my bike while I wait?');
  t.match(a, /rail beside the front door/, a);
  // Read as the address intent, with nothing place-like in the sentence that answers it.
  const helmet = await ask('Where do I put my helmet?');
  t.match(helmet, /hooks in the hall/, helmet);
  t.notMatch(helmet, /address/, 'not the address fallback');
});
