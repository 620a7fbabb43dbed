import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "Do you do kids parties?" of "Children's bowling parties ...": the kind the caller asks for is
 * the sentence's own, said by a synonym ("kids" for "children"), so it is answered; a kind the
 * sentence does not name by any close word ("laser tag parties") is still not in the data. A
 * page no suite uses, read through the real extraction.
 */

const page = `<!doctype html><html><head><title>Strike Lanes</title></head><body>
<h1>Strike Lanes</h1>
<p>Ten-pin bowling, pool tables and a diner on the Meadow Retail Park.</p>
<h2>Parties</h2>
<p>Children's bowling parties cost £14 per child and include a game, a meal and a drink.</p>
<p>Parties need at least 8 guests and must be booked a week ahead.</p>
<h2>Prices</h2>
<p>A game of bowling costs £7 for adults and £5.50 for under 16s, shoes included.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Strike Lanes');

t.test('a synonym of the kind the sentence names is that kind', async (t) => {
  for (const q of ['Do you do kids parties?', 'Can we have a kids party there?']) {
    const reply = await ask(q);
    t.match(reply, /Children's bowling parties/, q);
    t.notMatch(reply, /don't have/, q);
  }
});

t.test('a kind named by no close word is not in the data', async (t) => {
  const reply = await ask('Do you do laser tag parties?');
  t.notMatch(reply, /£14/);
  t.match(reply, /don't have/);
});
