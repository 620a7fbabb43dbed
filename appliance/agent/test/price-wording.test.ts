import t from 'tap';
import { impliedWords } from '../implied-words.js';
import { withoutCircumstance } from '../item-match.js';
import { documentAsker } from './checked-reply.js';

/**
 * How callers word money against how a price list does, on a pet hotel's page that no suite
 * uses (read through the real extraction as an upload is):
 * - an item whose name ends in when it is done ("Bath before going home") is that item;
 * - "how much do I have to pay up front" asks for the deposit, which is a share (the page's own
 *   "up", in "up to three times a day", is no part of the item);
 * - "money off" or "a discount" is found where the page states an amount off ("10% off").
 */

const page = `<!doctype html><html><head><title>Willowbank Pet Hotel</title></head><body>
<h1>Willowbank Pet Hotel</h1>
<p>Boarding for dogs and cats in the countryside outside Thornbury. Dogs are walked up to three times a day.</p>
<h2>Prices</h2>
<ul>
<li>Standard kennel: $35 per night</li>
<li>Luxury suite with a sofa and a webcam: $55 per night</li>
<li>Cat chalet: $24 per night</li>
<li>Bath before going home: $18</li>
<li>Nail clipping while you wait: $10</li>
</ul>
<h2>Booking</h2>
<p>A deposit of 20% secures your dates. The rest is paid when you collect your pet.</p>
<p>Members of the Thornbury Kennel Club get 10% off every stay.</p>
<p>Over-70s pay half price for day care on weekdays.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Willowbank Pet Hotel');

t.test('a clause of when an item is done is not part of its name', async (t) => {
  t.equal(withoutCircumstance('Bath before going home'), 'Bath');
  t.equal(withoutCircumstance('Nail clipping while you wait'), 'Nail clipping');
  t.equal(withoutCircumstance('After-school club'), 'After-school club', 'a clause at the start is the item');
  t.equal(withoutCircumstance('Pick-up before 9am'), 'Pick-up before 9am', 'a time is no clause');
  t.match(await ask('How much is grooming?'), /\$18\b/);
  t.match(await ask('What do you charge for a bath?'), /\$18\b/);
  t.match(await ask('What do you charge for nail clipping?'), /\$10\b/);
  t.notMatch(await ask('How much is grooming?'), /\$(?:35|55|24|10)\b/);
});

t.test('paying up front asks for the deposit', async (t) => {
  t.match(await ask('How much do I have to pay up front?'), /20%/);
  t.match(await ask('How much would we need to pay up front?'), /20%/);
  t.match(
    await ask('How much would I pay for a cat chalet?'),
    /\$24\b/,
    'paying before an item names the item',
  );
});

t.test('an amount off answers a caller asking for a discount or money off', async (t) => {
  t.same(impliedWords('Members get 10% off every stay.'), ['discount']);
  t.same(impliedWords('Save £5 off your first clean.'), ['discount']);
  t.same(impliedWords('Over-70s pay half price on weekdays.'), ['discount']);
  t.same(impliedWords('We are 10 minutes off the motorway.'), [], 'a distance off is no discount');
  t.match(await ask('Do kennel club members get a discount?'), /10% off/);
  t.match(await ask('Is there any money off for kennel club members?'), /10% off/);
  t.match(await ask('Do over-70s get a discount?'), /half price/);
});
