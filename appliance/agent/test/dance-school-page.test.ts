import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * A dance school's sheet no suite uses, read through the real extraction, and what it showed:
 * "Each class costs £7.50, or £75 for a 12-week term paid upfront" had been said as "Each class
 * costs £75 for a 12-week term" (the term's price put on the class) and had priced "Prices", not
 * the class; "per" had been an asked word ("the price of per lesson"); "a discount for two kids"
 * is the siblings' discount; "do the kids do exams?" asks about the pupils; "where are the
 * classes held?" named "held" as the missing thing; "a show at the end of the year" found "West
 * End"; "on a Monday" was named "a monday".
 */

const ask = documentAsker(
  'txt',
  `Step Up Dance Academy
Dance classes for children and adults at St Mary's Church Hall, Oakham.

Classes
Ballet for ages 3 to 5 runs on Saturday mornings at 9:30am. Junior ballet (ages 6 to 11) is on Tuesdays at 4:30pm. Street dance for ages 8 to 16 is on Wednesdays at 5:30pm.

Prices
Each class costs £7.50, or £75 for a 12-week term paid upfront. Brothers and sisters get 10% off.

What to wear
Uniform can be bought from us at the first lesson.

Exams and shows
Pupils can take ISTD exams from age 6; exam fees are extra. We put on a summer show every July at Victoria Hall.

Our teachers
The academy is run by Miss Hannah Cole, a former West End dancer.
`,
  'Step Up Dance Academy',
);

t.test('a price for a bundle after a price with no case is another offer', async (t) => {
  const term = await ask('What does a term cost?');
  t.match(term, /12-week term paid upfront is £75/);
  t.notMatch(term, /class costs £75/);
  t.match(await ask('How much is a class?'), /^Each class costs £7\.50\.$/);
});

t.test('"per" says the unit and names nothing', async (t) => {
  t.match(await ask('How much is it per class?'), /£7\.50/);
  const lesson = await ask('How much is it per lesson?');
  t.notMatch(lesson, /per lesson/);
  t.match(lesson, /the price of a lesson/);
});

t.test("siblings, the school's pupils, where classes are held, a show at the end of the year", async (t) => {
  t.match(await ask('Is there a discount for two kids?'), /Brothers and sisters get 10% off/);
  t.match(await ask('Do the kids do exams?'), /Pupils can take ISTD exams/);
  t.match(await ask('Where are the classes held?'), /St Mary's Church Hall/);
  t.match(await ask('Is there a show at the end of the year?'), /summer show every July/);
});

t.test('a day is named as a day', async (t) => {
  const monday = await ask('Do you have classes on a Monday?');
  t.notMatch(monday, /a monday/i);
  t.match(monday, /Mondays/);
});
