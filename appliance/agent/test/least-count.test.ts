import t from 'tap';
import { documentAsker } from './checked-reply.js';
import { questionShape } from '../question-type.js';

/**
 * "Is there a minimum number of hours you charge?": how many, not a price, though "charge" is
 * said; answered by the sentence that states the least ("a 2-hour minimum", "a minimum stay of
 * 2 nights"), not by another count ("each container holds 250 cubic feet"). A page no suite
 * uses, read through the real extraction.
 */

const page = `<!doctype html><html><head><title>Riverside Cottages</title></head><body>
<h1>Riverside Cottages</h1>
<p>Three self-catering cottages on the river at Elmford.</p>
<h2>Staying with us</h2>
<p>Each cottage sleeps up to 4 people and has its own garden.</p>
<p>Weekend stays have a 2-night minimum; in July and August we let by the week only.</p>
<p>A night costs £95 in winter and £130 in summer.</p>
<h2>Boat hire</h2>
<p>Our rowing boats are hired by the hour, with a minimum hire of 2 hours, at £15 an hour.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Riverside Cottages');

t.test('the least that is charged for', async (t) => {
  t.equal(questionShape('is there a minimum number of nights you charge for').type, 'count');
  t.equal(questionShape('how much do you charge for a night').type, 'price');
  t.match(await ask('is there a minimum number of nights you charge for'), /2-night minimum/);
  t.match(await ask("what's the least number of hours I can hire a boat for?"), /minimum hire of 2 hours/);
  // How many people, still the count of people.
  t.match(await ask('how many people does a cottage sleep?'), /up to 4 people/);
});
