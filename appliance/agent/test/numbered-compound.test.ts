import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "How many people can play?" of a page with a price row per group size ("2 players: £50"):
 * "play" reaches "player" as the start of a longer word, but not the numbered term "player2"
 * (the word and a count), which made every price row a closer match than the sentence that says
 * how many can play ("groups of 2 to 6 players"). A page no suite uses, read through the real
 * extraction.
 */

const page = `<!doctype html><html><head><title>Riddle Rooms Kenton</title></head><body>
<h1>Riddle Rooms Kenton</h1>
<p>Two escape rooms for groups of 3 to 8 players in Kenton.</p>
<h2>Prices</h2>
<table>
<tr><th>Players</th><th>Price per group</th></tr>
<tr><td>3 players</td><td>£60</td></tr>
<tr><td>4 players</td><td>£76</td></tr>
<tr><td>5 to 8 players</td><td>£110</td></tr>
</table>
</body></html>`;

const ask = documentAsker('html', page, 'Riddle Rooms Kenton');

t.test('how many can play is the group size, not a price row', async (t) => {
  const reply = await ask('How many people can play?');
  t.match(reply, /3 to 8 players/);
  t.notMatch(reply, /£/);
});
