import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * Who-questions that name the person by whom they serve, in the caller's words: "who helps
 * people recovering from an operation?" is about rehabilitation ("people" is those served, not
 * the subject), "someone for pregnant women" about pre- and post-natal classes (caller idioms).
 * "Who decides when she's ready to go up to the next belt?" is about moving up a grade. Checked
 * on a pilates studio's page and a dojo's that no suite uses, through the real extraction.
 */

const page = `<!doctype html><html><head><title>Corewell Pilates</title></head><body>
<h1>Corewell Pilates</h1>
<p>Small-group and one-to-one pilates above the library in Fenwick.</p>
<h2>Our instructors</h2>
<p>Instructors: <strong>Tom Reeve</strong> (rehabilitation and back care), <strong>Leila Ahmed</strong> (pre- and post-natal pilates), <strong>Gwen Oduya</strong> (reformer classes and beginners).</p>
<h2>Prices</h2>
<p>A group class is £14; a one-to-one session is £45. Family passes are £30 a month for those aged 12 and over; the first taster class is free.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Corewell Pilates');

t.test('who helps people recovering: rehabilitation', async (t) => {
  const a = await ask('Who helps people recovering from an operation?');
  t.match(a, /Tom Reeve/, a);
});

t.test('someone for pregnant women: pre- and post-natal', async (t) => {
  const a = await ask('Is there someone who does classes for pregnant women?');
  t.match(a, /Leila Ahmed/, a);
});

const dojo = `# Fenwick Karate Club
Karate for children from 6 and adults, at the Fenwick community hall.

## Instructors
Ray Collins, chief instructor: teaches the adult class and decides when students move up a belt.
Amy Lund, assistant instructor: the Saturday children's class and the beginners' course.
`;

t.test('who decides when a child goes up: moving up a belt', async (t) => {
  const club = documentAsker('md', dojo, 'Fenwick Karate Club');
  const a = await club('Who decides when my daughter is ready to go up to the next group?');
  t.match(a, /Ray Collins/, a);
});
