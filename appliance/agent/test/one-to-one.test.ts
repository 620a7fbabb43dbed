import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "One to one", "one-on-one", "1:1" are one word ("One-to-one sessions"), not three stop words:
 * read as nothing, "how much is one to one training?" was "training" against the group and
 * one-to-one rows alike. "Training", the word the business opens with for all it sells, asks for
 * no other item than the row the caller names. A page no suite uses, read through the real
 * extraction.
 */

const page = `<!doctype html><html><head><title>Forge Fitness</title></head><body>
<h1>Forge Fitness</h1>
<p>Personal training and small group training in Castlebridge.</p>
<h2>Prices</h2>
<ul>
<li>Group circuits (up to 8 people): £9 per session</li>
<li>One-to-one sessions: £38 per hour</li>
<li>Nutrition plan: £25</li>
</ul>
</body></html>`;

const ask = documentAsker('html', page, 'Forge Fitness');

t.test('one to one, however said, is the one-to-one row', async (t) => {
  for (const q of [
    'How much is one to one training?',
    'What does a one on one session cost?',
    'How much is a 1:1 session?',
    'how much are one-to-one sessions',
  ]) {
    const reply = await ask(q);
    t.match(reply, /£38/, q);
    t.notMatch(reply, /£9\b/, q);
  }
  t.match(await ask('How much are group circuits?'), /£9/);
});

t.test('one to one of a page that says "private" is the private row', async (t) => {
  const music = documentAsker(
    'html',
    `<html><body><h1>Linnet Music</h1><p>Piano lessons in Ashwell.</p><h2>Fees</h2><ul>
<li>Group lessons (4 pupils): £60 per term</li>
<li>Private lessons: £190 per term</li>
</ul></body></html>`,
    'Linnet Music',
  );
  const reply = await music('How much are one to one lessons?');
  t.match(reply, /£190/);
  t.notMatch(reply, /£60/);
});
