import t from 'tap';
import { questionShape } from '../question-type.js';
import { documentAsker } from './checked-reply.js';

/**
 * "My son doesn't eat any animal products, will he find something?": what the caller tells,
 * then a yes/no question whose "he" points back at the one told of. The question is asked by the
 * whole utterance; its own words alone ("find something") would find the café's address. A page
 * no suite uses, read through the real extraction.
 */

const page = `<!doctype html><html><head><title>The Lantern Cafe</title></head><body>
<h1>The Lantern Cafe</h1>
<p>Find us at 12 Bridge Street, Ludlow, opposite the castle gates.</p>
<h2>Food</h2>
<p>Our menu changes every season. There are always vegan and vegetarian dishes, and we can make most dishes gluten-free.</p>
<h2>Opening hours</h2>
<p>Tuesday to Sunday, 9am to 4pm.</p>
</body></html>`;

const ask = documentAsker('html', page, 'The Lantern Cafe');

t.test('a statement and then a yes/no question is a yes/no question', async (t) => {
  t.equal(questionShape("My son doesn't eat any animal products, will he find something?").type, 'yesno');
  t.equal(questionShape("We're driving over from Hereford. Is it easy to park?").type, 'yesno');
  t.equal(questionShape("My son doesn't eat any animal products.").type, 'what', 'no question asked');
});

t.test('a clause that points back at the person told of is asked by the whole', async (t) => {
  t.match(await ask("My son doesn't eat any animal products, will he find something?"), /vegan/);
  t.match(await ask("My wife can't have gluten, can she eat here?"), /gluten-free/);
  t.notMatch(await ask("My son doesn't eat any animal products, will he find something?"), /Bridge Street/);
});
