import t from 'tap';
import { documentAsker } from './checked-reply.js';
import { questionShape } from '../question-type.js';

/**
 * A wish, then a yes/no tag, as a transcript gives it (no question mark): "i'd feel more
 * comfortable with a woman teaching me, is that possible". The tag makes it a yes/no question;
 * the feeling ("feel", "comfortable") and the tag ("possible") name nothing; the answer is the
 * team line that says it, with the name its label line gives ("Our only female tutor, ..."
 * under "Anna Novak - maths and physics."). A page no suite uses, read through the real
 * extraction.
 */

const page = `<!doctype html><html><head><title>Brightpath Tutors</title></head><body>
<h1>Brightpath Tutors</h1>
<p>One-to-one tutoring for GCSE and A level in Northam, at your home or online.</p>
<h2>Our tutors</h2>
<ul>
<li><strong>Tom Rees</strong> &ndash; English and history. Tom has taught for 20 years.</li>
<li><strong>Anna Novak</strong> &ndash; maths and physics. Our only female tutor, and the only one of us who tutors on Sundays.</li>
<li><strong>Raj Mehta</strong> &ndash; chemistry and biology. Raj also teaches in Punjabi.</li>
</ul>
<h2>Fees</h2>
<p>A one-hour session costs £40 at home or £35 online.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Brightpath Tutors');

t.test('a yes/no tag after a wish', async (t) => {
  t.same(questionShape("i'd feel more comfortable with a woman teaching my daughter, is that possible"), {
    type: 'yesno',
    informational: true,
  });
  t.same(questionShape('we would be happier with online sessions, would that be ok'), {
    type: 'yesno',
    informational: true,
  });
  const woman = await ask("i'd feel more comfortable with a woman teaching my daughter, is that possible");
  t.match(woman, /Anna Novak/);
  t.match(woman, /only female tutor/);
  t.match(await ask('we would be happier with someone who teaches in punjabi, can you do that'), /Raj/);
  // A plain statement with no tag is still no question.
  t.same(questionShape("i'd feel more comfortable with a woman teaching my daughter").informational, false);
});
