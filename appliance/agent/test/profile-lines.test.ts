import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * A team list's profile lines with no subject of their own are about the person their label line
 * names, though they open with a capitalised word and a day ("Available Tuesday, Thursday and
 * Saturday.", "Off Mondays."): a word and a day name no person. A page no suite uses, read
 * through the real extraction.
 */

const page = `<!doctype html><html><head><title>Muddy Paws Grooming</title></head><body>
<h1>Muddy Paws Grooming</h1>
<p>Dog grooming in Castleford, by appointment.</p>
<h2>Opening hours</h2>
<p>Monday to Saturday, 8am to 5pm.</p>
<h2>The team</h2>
<p>Kerry Walsh - owner and senior groomer.</p>
<p>Grooms Tuesday to Friday.</p>
<p>Liam Ford - groomer.</p>
<p>Available Monday, Wednesday and Saturday.</p>
<p>Megan Price - bather.</p>
<p>Works Saturdays only.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Muddy Paws Grooming');

t.test("a profile line opening with an adjective and a day is its person's", async (t) => {
  for (const q of ['Which days is Liam in?', 'What days is Liam working?', 'When can I get Liam?']) {
    const reply = await ask(q);
    t.match(reply, /Monday, Wednesday and Saturday/, q);
    t.notMatch(reply, /8am to 5pm/, q);
  }
  t.match(await ask('Which days does Kerry work?'), /Tuesday to Friday/);
});
