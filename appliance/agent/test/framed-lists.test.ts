import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * A list under a heading that frames it ("What to bring", "What we do not offer") is answered
 * under that heading (answer-people.ts `framed`): its lines alone lose their sense, or say the
 * opposite of the page ("Hot yoga, aerial yoga and pregnancy classes." read as an offer). Checked
 * on a yoga studio's web page that no suite uses, through the real extraction as an upload is.
 */

const page = `<!doctype html><html><head><title>Lotus Loft Yoga</title></head><body>
<h1>Lotus Loft Yoga</h1>
<p>A small studio above the bakery on Mill Street, with classes every day.</p>
<h2>Classes</h2>
<p>We teach vinyasa flow, yin yoga and gentle yoga for beginners. A drop-in class is $18.</p>
<h2>What to bring</h2>
<p>A yoga mat, a small towel and a bottle of water.</p>
<p>Please leave your shoes on the rack by the door.</p>
<h2>What we do not offer</h2>
<p>Hot yoga, aerial yoga and pregnancy classes.</p>
<h2>Before your first class</h2>
<p>Arrive ten minutes early to fill in a short health form.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Lotus Loft Yoga');

t.test('a bring-list is said as what to bring', async (t) => {
  const mat = await ask('Do I have to get my own mat or do you lend them?');
  t.match(mat, /yoga mat/, mat);
  t.match(mat, /What to bring/, 'the list is said under its heading');
});

t.test('a list of what the business does not offer is never said as an offer', async (t) => {
  const hot = await ask('Do you run hot yoga classes?');
  t.match(hot, /hot yoga/i, hot);
  t.match(hot, /do not offer|don't offer|not/i, 'said as what the studio does not offer');
});

t.test('a sentence with its own subject is said as written', async (t) => {
  const shoes = await ask('Should I take my shoes off?');
  t.match(shoes, /^Please leave your shoes on the rack/, shoes);
  const first = await ask('What should I do before my first class?');
  t.match(first, /^Arrive ten minutes early/, 'a heading that frames nothing is not said');
});
