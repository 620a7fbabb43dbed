import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * A caller who says how old a child is ("can we have a party for my four year old?") is answered
 * by the sentence that sets the ages taken ("for ages 7 to 14"), whether the age is inside it or
 * not, over a sentence that only names the thing ("children's parties"). A page no suite uses,
 * read through the real extraction.
 */

const page = `<!doctype html><html><head><title>Summit Climbing Centre</title></head><body>
<h1>Summit Climbing Centre</h1>
<p>Indoor bouldering and roped climbing, children's parties and adult courses in Wexley.</p>
<h2>Parties</h2>
<p>Climbing parties run on Saturday afternoons for ages 7 to 14, with an instructor throughout.</p>
<p>A party costs £16 per child.</p>
<h2>Kids club</h2>
<p>Kids club runs after school on Wednesdays.</p>
<p>Kids club is for children aged 8 and over.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Summit Climbing Centre');

t.test("a child's age is answered by the ages taken", async (t) => {
  for (const q of ['Can we have a party for my four year old?', 'Is a party OK for my 5 year old?']) {
    const reply = await ask(q);
    t.match(reply, /ages 7 to 14/, q);
  }
  t.match(await ask('Could my six year old join the kids club?'), /aged 8 and over/);
  t.match(await ask('My daughter is 12, can she come to kids club?'), /aged 8 and over/);
});
