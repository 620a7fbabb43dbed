import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * A children's entertainer's FAQ sheet no suite uses, read through the real extraction, and the
 * classes it showed: "how much for an hour?" of "A 1-hour party is £150" (no price per hour; the
 * item whose name is that length) had heard a line about weekday parties; "we'll have 40 kids, is
 * that too many?" had been "I don't have information about kids" (the count is how many come,
 * not a thing, and found "£40" of face painting); "a plug socket" is the power socket; "the rest
 * is paid on the day" answers when; "turning 11" and "too old" are an age against "ages 3 to 10".
 */

const ask = documentAsker(
  'txt',
  `Captain Giggles Parties - FAQ

What do you offer?
Children's party entertainment for ages 3 to 10: magic, balloon modelling, games and a disco.

How much is a party?
A 1-hour party is £150. A 2-hour party is £220. Face painting can be added for £40.

How many children can come?
Up to 30 children. For bigger parties we bring a second entertainer for an extra £90.

Do I need to provide anything?
Just a room at least 4 metres by 4 metres with a power socket. We bring the sound system, props and prizes.

How do I book?
A £50 deposit secures your date; the rest is paid on the day by cash or bank transfer.
`,
  'Captain Giggles Parties',
);

t.test('a price for a length of time is the item of that length', async (t) => {
  t.match(await ask('How much for an hour?'), /1-hour party is £150/);
  t.match(await ask('How much is it for two hours?'), /2-hour party is £220/);
});

t.test("the caller's party against a number of people", async (t) => {
  const a = await ask("We'll have 40 kids, is that too many?");
  t.match(a, /Up to 30 children/);
  t.notMatch(a, /£40|don't have/);
});

t.test('a plug socket is the power socket; the rest is paid on the day', async (t) => {
  t.match(await ask('Do we need a plug socket?'), /power socket/);
  t.match(await ask('When do I pay the rest?'), /the rest is paid on the day/);
});

t.test('an age about to be reached, and too old', async (t) => {
  for (const q of ['My son is turning 11, is he too old?', 'Is 11 too old?'])
    t.match(await ask(q), /ages 3 to 10/, q);
});
