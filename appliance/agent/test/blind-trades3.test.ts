import t from 'tap';
import { namesPerson } from '../answer-people.js';
import type { CompiledAgent } from '../compile.js';
import { ageRangeOf, agesIn } from '../price-age.js';
import { isUrgent } from '../urgent.js';
import { agentFromDocument, checkedReply } from './checked-reply.js';

/**
 * Failure classes found on the third pair of trades written blind (an optician's PDF leaflet, a
 * day nursery's fees pack; knowledge suite tune-blind3.ts), checked here on a swimming school's
 * Markdown page that no suite uses, read through the real extraction and chunking: who runs a thing
 * (the verb frames the question; the documents say "led by"), rooms, woods and days that are no
 * people, "where exactly are you" as the business's own address (a street called "Grove"), a
 * place named without its address answered with its section's street, a clause that points
 * back ("who's best for that?") asked with the rest of the utterance, "late any night of the
 * week" as an hours question, and emergencies described in everyday words.
 */

const sheet = `# Poolside swim school
Welcome to Poolside, a family-run swim school for children from 6 months to 12 years, at 8 Willow Grove, Fenton FT2 7LP.
Telephone 01632 960222.

## Opening hours
Monday to Friday: 3.30 pm to 6.30 pm.
Wednesday is our late night: 3.30 pm to 8.00 pm (adult lessons only after 6.30 pm).
Saturday: 8.00 am to 1.00 pm.
The café closes 30 minutes before the pool.

## Lesson fees
| Group | Weekday lesson | Saturday lesson |
|---|---|---|
| Ducklings (under 3) | £12 | £15 |
| Otters (3 to 6) | £14 | £17 |
| Sharks (6 to 12) | £16 | £19 |
A late pick-up fee of £5 is charged after 15 minutes.

## Extras
| Option | Price |
|---|---|
| Anti-fog goggles | add £6 |
| Swim cap | add £3 |
| Certificate and badge | add £4 |

## Our team
Nadia Green is the head coach and owner.
Nadia teaches the stroke-correction squad and works with swimmers who have autism or sensory needs.
Our lifeguards are trained every term.
Nadia also looks after bookings for lessons and parties.

## Bookings
Book online or at reception; we confirm by email.

## Open water days
Every Sunday in July, Dolphin Room swimmers train at Fenton Lakes.
Sessions are led by Sam Oduya, our open water coach.
The lake site is at Quarry Lane, Lower Fenton FT3 1QA.
A towel and a warm hat are needed.
Our minibus can pick children up from school in Fenton on weekdays.
Please do not drop children off at the lake: the minibus leaves from the pool.

## Safety
If a swimmer is struggling to breathe or has a fit, call 999 at once.
Swimmers with sickness or diarrhoea must stay out of the pool for 48 hours after the last episode.
`;

let agent: CompiledAgent;

t.before(async () => {
  agent = await agentFromDocument('md', sheet, 'Poolside Swim School');
});

const ask = (q: string): Promise<string> => checkedReply(agent, q);

t.test('who runs a thing: the person the documents say leads it', async (t) => {
  const a = await ask('Who runs the open water days?');
  t.match(a, /Sam Oduya/, a);
  t.notMatch(a, /family-run/, 'not the sentence that shares the word "run"');
});

t.test('rooms, woods and days are no people', async (t) => {
  t.notOk(namesPerson('Every Sunday, Dolphin Room swimmers train at Fenton Lakes.'));
  t.notOk(namesPerson('Every Thursday the class meets.'));
  t.ok(namesPerson('Sessions are led by Sam Oduya, our open water coach.'));
});

t.test('"where exactly are you" is the own address; a place without one gets its street', async (t) => {
  const own = await ask('Where exactly are you? I want to find you on the map.');
  t.match(own, /8 Willow Grove/, own);
  t.notMatch(own, /Quarry Lane/, "not the lake's");
  const lake = await ask('Where is the lake you take them to?');
  t.match(lake, /Quarry Lane/, lake);
});

t.test('a clause that points back is asked with the rest of the utterance', async (t) => {
  const a = await ask("My son has autism and finds busy pools hard. Who's best for that?");
  t.match(a, /Nadia Green/, a);
  // Asked alone, "who's best for that?" is any person: the owner's line, not the one that says it.
  t.match(a, /autism/, a);
});

t.test('"late any night of the week" asks the hours', async (t) => {
  const a = await ask('Are you open late any night of the week?');
  t.match(a, /Wednesday/, a);
  t.match(a, /8\.00 pm|8 pm/, a);
});

t.test('emergencies in everyday words are urgent; questions with the same words are not', async (t) => {
  t.ok(isUrgent("he's gone blue round the lips and he's wheezing"));
  t.ok(isUrgent("I can't see anything out of my left eye"));
  t.ok(isUrgent('I think I am losing my sight'));
  t.notOk(isUrgent("I can't see the prices on your page"));
  t.notOk(isUrgent('Do you teach children who are blue badge holders?'));
  const a = await ask("My daughter's wheezing really badly after her lesson, what do I do?");
  t.match(a, /999/, a);
});

t.test('ages and age ranges as callers and fee tables write them', async (t) => {
  t.equal(agesIn('How much is an afternoon for a two-year-old?'), 2);
  t.equal(agesIn("She's eighteen months."), 1.5);
  t.equal(agesIn("My son's three and a half."), 3.5);
  t.ok(Math.abs((agesIn("My baby's five months old") ?? 0) - 5 / 12) < 1e-9, 'five months');
  t.equal(agesIn("It's 5 pm and he's still here"), undefined, 'a clock time is no age');
  t.equal(agesIn('How much is a 2 hour lesson?'), undefined);
  t.same(ageRangeOf('Seedlings (under 2)'), { from: 0, to: 2 });
  t.same(ageRangeOf('Otters (3 to 6)'), { from: 3, to: 6 });
  t.same(ageRangeOf('Seedlings (babies from 3 months to 2 years)'), { from: 0.25, to: 2 });
  t.same(ageRangeOf('Seniors (60 and over)'), { from: 60, to: Infinity });
  t.equal(ageRangeOf('Thinner lenses (1.67 index)'), undefined);
  t.equal(ageRangeOf('Eye Casualty (8 am to 8 pm every day)'), undefined);
});

t.test('a fee table by age group: the row that holds the age, the column the words name', async (t) => {
  const saturday = await ask('How much is a Saturday lesson for my four-year-old?');
  t.match(saturday, /£17\b/, saturday);
  t.notMatch(saturday, /£14|£15|£19/, 'only the asked group and column');
  const baby = await ask("She's eighteen months, how much is a weekday lesson?");
  t.match(baby, /£12\b/, baby);
  t.notMatch(baby, /£14|£15|£16/, baby);
  // No column named: the group's row whole.
  const row = await ask('What do you charge for a 2 year old?');
  t.match(row, /£12\b.*£15\b/, row);
  t.notMatch(row, /£14|£17/, row);
  // The age says whose, not what: another fee is still found.
  const late = await ask('How much is the late pick-up fee for my 5 year old?');
  t.match(late, /£5\b/, late);
  t.notMatch(late, /£14|£17/, late);
  // No age said: the column across the groups, each with its group.
  const column = await ask('How much is a Saturday lesson?');
  t.match(column, /£15 for Ducklings.*£17 for Otters.*£19 for Sharks/, column);
  t.notMatch(column, /£12|£14|£16/, 'not the weekday column');
  // An age no group holds: no group's price.
  const teen = await ask('How much is a weekday lesson for a 14 year old?');
  t.notMatch(teen, /£1[2-9]/, teen);
});

t.test('a tummy bug is sickness', async (t) => {
  const a = await ask('How long does he have to stay off after a tummy bug?');
  t.match(a, /48 hours/, a);
});

t.test('an item described in the caller\'s words ("the goggles that don\'t steam up")', async (t) => {
  const a = await ask("What's the extra for the goggles that don't steam up?");
  t.match(a, /£6\b/, a);
  t.notMatch(a, /£3|£4/, a);
  t.match(a, /an extra £6/, 'an added price is said as one');
  const more = await ask('If I wanted the goggles that stop fogging, how much more is that?');
  t.match(more, /£6\b/, more);
});

t.test('"come and get my son from his school" asks for the pick-up', async (t) => {
  const a = await ask('Could you come and get my son from his school?');
  t.match(a, /pick children up/, a);
});

t.test('getting into the room and being out of it are check-in and check-out', async (t) => {
  const cottage = await agentFromDocument(
    'txt',
    `Brook Cottage holiday let, Fenton.
Check-in is from 4pm on your day of arrival.
Check-out is by 10am.
A deposit of 25% is due when you book and the rest on arrival.`,
    'Brook Cottage',
  );
  const arrive = await checkedReply(cottage, 'What time can we get into the cottage when we arrive?');
  t.match(arrive, /4pm/, arrive);
  t.notMatch(arrive, /deposit/, arrive);
  const leave = await checkedReply(cottage, 'What time do we have to be out of the cottage on the last day?');
  t.match(leave, /10am/, leave);
});

t.test('"the earliest I can drop her off" asks when they open', async (t) => {
  const a = await ask("What's the earliest I can drop her off on a Saturday?");
  t.match(a, /8\.00 am/, a);
});

t.test('"how do I book" is answered by the way to book', async (t) => {
  const a = await ask('How do I make a booking?');
  t.match(a, /online or at reception/, a);
});

t.test('"can my dog ..." is answered by what the documents say about dogs', async (t) => {
  const inn = await agentFromDocument(
    'txt',
    `The Heron Inn, Fenton.
Rooms: Heron, a double with a sea view, sleeps 2, £120 a night. Wren, a twin with a garden view, sleeps 2, £95 a night.
Dogs are welcome in the bar and the garden. Dogs aren't allowed in the bedrooms, sorry.
Breakfast is served from 8am.`,
    'The Heron Inn',
  );
  const a = await checkedReply(inn, 'Can my dog sleep in the room with the sea view?');
  t.match(a, /aren't allowed in the bedrooms/, a);
});

t.test('the hours asked for a facility bring its own opening rule', async (t) => {
  const a = await ask('How late is the café open on Saturdays?');
  t.match(a, /1\.00 pm/, a);
  t.match(a, /café closes 30 minutes before/, a);
});

t.test("the diary's free times are not in the documents unless they speak to them", async (t) => {
  const a = await ask("When's your next available lesson?");
  t.match(a, /don't have|do not have/, a);
  t.notMatch(a, /£|pm|am/, 'no fee or time that is not the asked one');
  const cottage = await agentFromDocument(
    'txt',
    `Brook Cottage holiday let, Fenton.
Check-in is from 4pm on your day of arrival. The first night must be paid when you book.
Summer weeks are usually booked six months ahead.`,
    'Brook Cottage',
  );
  const soon = await checkedReply(cottage, 'How soon could you fit us in for a week in the summer?');
  t.match(soon, /six months ahead/, soon);
});
