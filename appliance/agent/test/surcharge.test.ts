import t from 'tap';
import { subjectWords } from '../question-subject.js';
import { questionShape } from '../question-type.js';
import { agentFromDocument, documentAsker } from './checked-reply.js';

/**
 * "Do you charge more if we move on a Sunday?": whether something costs more is answered by the
 * sentence that says how much more, not by one that shares more of the other words ("our vans go
 * out seven days a week"); and "move on" before a day is the verb and a day ("on a Sunday"), no
 * phrasal verb ("move on" = "go on"). A page no suite uses, read through the real extraction.
 */

const page = `<!doctype html><html><head><title>Birchwood Man and Van</title></head><body>
<h1>Birchwood Man and Van</h1>
<p>Small moves, single items and student moves around Exeter. Our vans move people seven days a week, and on Sundays we also clear garages.</p>
<h2>Prices</h2>
<ul>
<li>Van and one man: £40 per hour</li>
<li>Van and two men: £60 per hour</li>
</ul>
<p>Sunday moves cost 20% more. Evening jobs after 6pm are £10 per hour extra.</p>
<h2>Office</h2>
<p>The office is open Monday to Saturday, 9am to 5pm.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Birchwood Man and Van');

t.test('a particle before a day is no phrasal verb', async (t) => {
  const agent = await agentFromDocument('html', page, 'Birchwood Man and Van');
  const q = 'Can we move on a Sunday?';
  const words = subjectWords(agent.book, q, questionShape(q)).subject.map((w) => w.surface);
  t.ok(words.includes('move'), `move read as itself: ${words.join(', ')}`);
  t.notOk(words.includes('move on'), 'no "move on"');
});

t.test('whether it costs more is answered by how much more', async (t) => {
  t.match(await ask('Do you charge more if we move on a Sunday?'), /20%/);
  t.match(await ask('Does it cost extra to move on a Sunday?'), /20%/);
  t.match(await ask('Is it more expensive if you come in the evening?'), /£10\b/);
  // Not a question of money: the days the vans go out.
  t.match(await ask('Do you move people on Sundays?'), /seven days a week/);
});
