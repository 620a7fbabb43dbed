import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * A boat-hire page no suite uses, read through the real extraction, and the classes it showed:
 * the address under "Find us" given with the building's name ("The Boathouse, ...") had been
 * refused as another party's; "are you open in November?" of a business open "from Easter until
 * the end of October" had heard "I don't have our opening hours"; "the motor boat" asked of
 * "Electric motor boat" had been "not in my information" (WordNet's "electric motor" made
 * "motor" the vague half of a compound, though the caller's "motor boat" is a noun of its own);
 * of "£45 per hour, £120 for three hours" the caller's "three hours" had heard the first;
 * "a wheelchair user" had been a thing the documents lack ("user"); an age limit said "18 or
 * over" and a number of people ("up to 6 people") decide the caller's age or party; never having
 * done something asks whether experience is needed; "what if it rains?" asks about the weather.
 */

const ask = documentAsker(
  'html',
  `<html><head><title>Riverside Boat Hire</title></head><body>
<h1>Riverside Boat Hire</h1>
<p>Self-drive motor boats, rowing boats and canoes on the River Avon, right in the heart of Stratford.</p>
<h2>Opening times</h2>
<p>We're open every day from Easter until the end of October, 10am to 6pm. Last boats go out at 5pm. We close in bad weather or when the river is in flood.</p>
<h2>Prices</h2>
<ul>
<li>Rowing boat (up to 4 people): £20 per hour</li>
<li>Canoe (2 people): £18 per hour</li>
<li>Electric motor boat (up to 6 people): £45 per hour, £120 for three hours</li>
<li>Picnic boat (up to 10 people): £80 per hour</li>
</ul>
<h2>Booking</h2>
<p>Motor boats and picnic boats should be booked at least 24 hours ahead by phone.</p>
<h2>Safety</h2>
<p>No experience is needed: our staff give every crew a short safety briefing before you set off. The driver of a motor boat must be 18 or over. Boats must not go past the lock at Lucy's Mill.</p>
<h2>Good to know</h2>
<p>There are toilets at the boathouse but none on the boats. The boathouse is wheelchair accessible, and our picnic boat has a ramp.</p>
<h2>Find us</h2>
<p>The Boathouse, Swan's Nest Lane, Stratford-upon-Avon CV37 7LS. Phone 01789 555 321.</p>
</body></html>`,
  'Riverside Boat Hire',
);

t.test('the address under "Find us" names the business\'s own building', async (t) => {
  for (const q of ["What's your address?", 'Where are you?'])
    t.match(await ask(q), /Swan's Nest Lane, Stratford-upon-Avon CV37 7LS/, q);
});

t.test('a month outside the season the business opens is answered by the season', async (t) => {
  for (const q of ['Are you open in November?', 'Are you open in the winter?'])
    t.match(await ask(q), /from Easter until the end of October/, q);
  // A month inside it: the same line, which holds then.
  t.match(await ask('What time do you open in June?'), /10am to 6pm/);
});

t.test("the caller's compound noun names the item that holds it", async (t) => {
  const a = await ask('How much is the motor boat?');
  t.match(a, /£45/);
  t.notMatch(a, /£20|£80|don't have/);
  // Of a row's two figures, the one whose own stretch holds the caller's number.
  const three = await ask('How much for the motor boat for three hours?');
  t.match(three, /£120 for three hours/);
  t.notMatch(three, /£45/);
  t.match(await ask('How much is the motor boat for an hour?'), /£45 per hour/);
  // Another item than the one asked is still not in the data.
  t.match(await ask('How much is a kayak?'), /don't have the price of a kayak/);
});

t.test('a person named by what they use is asked about through it', async (t) => {
  for (const q of ['Is it suitable for a wheelchair user?', 'Is it OK for wheelchair users?'])
    t.match(await ask(q), /wheelchair accessible/, q);
});

t.test("an age limit or a number of people decides the caller's age or party", async (t) => {
  t.match(await ask('Can my 16 year old drive the motor boat?'), /must be 18 or over/);
  t.match(await ask('How many people can go in a motor boat?'), /up to 6 people/);
  t.match(await ask('Can 8 of us go in a motor boat?'), /up to 6 people/);
});

t.test('never having done it asks about experience; rain is the weather', async (t) => {
  for (const q of [
    "I've never driven a boat before, is that OK?",
    "We're complete beginners, is that all right?",
  ])
    t.match(await ask(q), /No experience is needed/, q);
  t.match(await ask('What if it rains?'), /close in bad weather/);
});
