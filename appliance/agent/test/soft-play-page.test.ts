import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * A soft play centre's FAQ sheet written for this check (a trade no suite uses), read through the
 * real extraction, and what it showed: "Our Deluxe Party" after "Our Jungle Party" was said as
 * "Our Jungle Deluxe Party" ("Our Jungle" taken for a person, "Our" for a first name); "who do I
 * speak to about a party?" found the party's price ("Jungle Party" read as a person's name);
 * "how much for my 2 year old?" of "Toddlers (1 to 3 years)" (a bracket with its unit gives no
 * age group) and its fallback said "for 2"; "is there parking?" found "Meadow Retail Park"; "can
 * we have a party on a Saturday?" found the opening hours, not "Parties can be booked from
 * Friday afternoon to Sunday" (a range with a time of day between); "what's included?" began
 * with the FAQ's own "Yes!"; "little ones" and "parents" named nothing the sheet says.
 */

const page = `JUNGLE JIM'S SOFT PLAY - Frequently asked questions

Where are you?
Unit 4, Meadow Retail Park, Ipswich IP3 9QR. There is free parking right outside and we are on the number 7 bus route.

When are you open?
Monday to Friday 9.30am to 5.30pm, Saturday and Sunday 9am to 6pm.

How much does it cost?
Under 1s go free with a paying sibling. Toddlers (1 to 3 years) are £4.50 and children aged 4 to 11 are £6.95 for two hours of play. Adults come in free.

Is there an age limit?
The main frame is for children up to 11 years old. Under-4s have their own separate toddler area.

Do you do birthday parties?
Yes! Our Jungle Party is £14.95 per child (minimum 10 children) and includes an hour of play, 30 minutes in the party room, a hot meal, a drink, an ice lolly and a party bag. Our Deluxe Party is £18.95 per child and adds a birthday cake and a visit from Jim the Monkey. Parties can be booked from Friday afternoon to Sunday.

How do I contact you?
Phone 01473 555 019 or email play@junglejims.example. Ask for Kerry, our manager, about parties.
`;
const ask = documentAsker('txt', page, "Jungle Jim's Soft Play");

t.test('a thing sold under a name is no person', async (t) => {
  const parties = await ask('Do you do birthday parties?');
  t.match(parties, /Our Deluxe Party is £18\.95/);
  t.notMatch(parties, /Jungle Deluxe/);
  t.match(await ask('Who do I speak to about a party?'), /^Ask for Kerry, our manager, about parties\.$/);
});

t.test("an age in a bracket with its unit is the row's age group", async (t) => {
  const two = await ask('How much for my 2 year old?');
  t.match(two, /Toddlers \(1 to 3 years\) are £4\.50/);
  t.notMatch(two, /as such/);
  // With a second toddler price the caller is asked which, naming their child as they did.
  const more = documentAsker(
    'txt',
    `${page}\nIs there a toddler session?\nOn weekdays, toddler mornings (9.30am to 12 noon) are £3.50.\n`,
    "Jungle Jim's Soft Play",
  );
  t.notMatch(await more('How much for my 2 year old?'), /for 2 as such|for 2 year old/);
});

t.test("a word inside a place's name is not the thing asked", async (t) => {
  t.match(await ask('Is there parking?'), /free parking right outside/);
});

t.test('a range of days with a time of day between holds the day asked', async (t) => {
  t.match(
    await ask('Can we have a party on a Saturday?'),
    /^Parties can be booked from Friday afternoon to Sunday\.$/,
  );
});

t.test('a FAQ\'s own "Yes!" answers only a yes/no question', async (t) => {
  const what = await ask("What's included in a birthday party?");
  t.match(what, /^Our Jungle Party/);
  t.match(await ask('Do you do birthday parties?'), /^Yes!/);
});

t.test('little ones and mum and dad', async (t) => {
  t.match(await ask('Is there somewhere for little ones?'), /separate toddler area/);
  t.match(await ask('Do mum and dad go free?'), /Adults come in free/);
});
