import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * A dog walker's FAQ sheet no suite uses, read through the real extraction, and the classes it
 * showed: a day asked about is one of the weekend or the weekdays the page speaks of ("can you
 * walk my dog on Saturday?" of "We do not walk at weekends": the caller had heard that Saturday
 * was not in the data); "a walk on his own" is the solo walk. (Where the caller's other words
 * decide, "walk my dog" against a line that names both, the day weighs no more than they do.)
 */

const ask = documentAsker(
  'txt',
  `Waggy Walks - FAQ

How much is a walk?
A one-hour group walk is £13. A solo walk is £17.

How many dogs do you walk at once?
No more than four dogs in a group. Dogs are grouped by size.

Are you insured?
We are fully insured to walk dogs, and both walkers have canine first aid certificates.

When do you walk?
Walks run Monday to Friday between 10am and 3pm. We do not walk at weekends.

Where do you walk?
We collect dogs from homes in Marston and Elmfield and walk them in Marston Country Park.
`,
  'Waggy Walks',
);

t.test('a day is one of the weekend', async (t) => {
  for (const q of ['Can you walk my dog on Saturday?', 'Do you walk dogs on Sundays?'])
    t.match(await ask(q), /We do not walk at weekends/, q);
});

t.test('a walk on his own is the solo walk', async (t) => {
  const q = 'How much is it for a walk on his own?';
  const a = await ask(q);
  t.match(a, /solo walk is £17/, q);
  t.notMatch(a, /£13/, q);
});
