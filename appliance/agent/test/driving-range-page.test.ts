import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * A driving range's page no suite uses, read through the real extraction, and the classes it
 * showed: "gives 30-minute lessons for £30 and 1-hour lessons for £55" had items named "gives
 * 30-minute lessons" and "gives 30-minute lessons for £30 and 1-hour lessons"; a caller's "one
 * hour" tells the 1-hour lessons from the 30-minute ones; "how much for 100 balls?" of "Large
 * bucket (100 balls): £8.50" had been "not in my information", and "50 balls" had found the "£50"
 * of a ball card; "lessons for kids" of "Junior group coaching" had been "I don't have information
 * about kids"; "my 10 year old on his own" is a question of supervision; "Club hire: £2 per club,
 * or £10 for a half set" had priced "club hire" twice, the half set nowhere.
 */

const ask = documentAsker(
  'html',
  `<html><head><title>Fairway Driving Range</title></head><body>
<h1>Fairway Driving Range</h1>
<p>A 24-bay floodlit driving range with a 9-hole pitch and putt course, a golf shop and a cafe.</p>
<h2>Prices</h2>
<ul>
<li>Small bucket (50 balls): £5</li>
<li>Large bucket (100 balls): £8.50</li>
<li>Club hire: £2 per club, or £10 for a half set</li>
</ul>
<p>Ball cards give you 10% extra balls: load £50 and get £55 of credit.</p>
<h2>Lessons</h2>
<p>Our PGA professional, Gary Hughes, gives 30-minute lessons for £30 and 1-hour lessons for £55. Junior group coaching runs on Saturday mornings at 10am for ages 7 to 15, £8 per session.</p>
<h2>Good to know</h2>
<p>No booking is needed for the range. Bays are undercover and heated in winter. Under 12s must be supervised by an adult at all times.</p>
</body></html>`,
  'Fairway Driving Range',
);

t.test('two items priced in one sentence, each with "for"', async (t) => {
  const hour = await ask('How much is a one hour lesson?');
  t.match(hour, /^1-hour lessons for £55/);
  t.notMatch(hour, /£30|Which one|don't have/);
  t.match(await ask('How much is a 30 minute lesson?'), /^30-minute lessons for £30/);
  // Asked which: the two lessons by their names, not "gives ..." or both prices run together.
  const which = await ask('How much is a lesson?');
  t.match(which, /1-hour lessons.*30-minute lessons|30-minute lessons.*1-hour lessons/);
  t.notMatch(which, /gives|£30 and/i);
});

t.test("the count in an item's brackets names it; a price is no count", async (t) => {
  t.match(await ask('How much for 100 balls?'), /£8\.50/);
  const fifty = await ask('How much for 50 balls?');
  t.match(fifty, /Small bucket \(50 balls\) is £5/);
  t.notMatch(fifty, /£55|ball card/i);
  t.match(await ask('How much for 200 balls?'), /don't have/);
});

t.test('a price of a labelled row said for its case', async (t) => {
  for (const q of ['How much is a half set?', 'How much is it to hire a set of clubs?'])
    t.match(await ask(q), /£10 for a half set/, q);
  t.match(await ask('How much to hire one club?'), /£2 per club/);
});

t.test('rain asks whether it is covered', async (t) => {
  for (const q of ['Is it covered if it rains?', 'What if it rains?']) t.match(await ask(q), /undercover/, q);
});

t.test("kids are the documents' juniors; a child on his own is supervision", async (t) => {
  t.match(await ask('Do you do lessons for kids?'), /Junior group coaching/);
  t.match(await ask('Can my 10 year old go on his own?'), /Under 12s must be supervised/);
});
