import t from 'tap';
import { ownPlace } from '../answer-contact.js';
import { namesPerson } from '../answer-people.js';
import type { CompiledAgent } from '../compile.js';
import { distanceBandOf, distanceIn } from '../price-distance.js';
import { idiomsIn } from '../lexicon/idioms.js';
import { subjectWords } from '../question-subject.js';
import { questionShape } from '../question-type.js';
import { tokens } from '../text.js';
import { isUrgent } from '../urgent.js';
import { agentFromDocument, checkedReply } from './checked-reply.js';

/**
 * Failure classes found on the fourth pair of trades written blind (a removals firm's PDF price
 * guide, a florist's web page; knowledge suite tune-blind4.ts), checked here on a firewood
 * merchant's Markdown page that no suite uses, read through the real extraction and chunking:
 * who owns the business, a date that is a bank holiday by name, injuries described as they
 * happen, asking for a person by what they do on a line with no one to put callers through to,
 * a request to be put through that is no question for the documents, staff named by first name
 * alone, a town or a hospital that is no person, a place the documents say is not theirs,
 * opening hours by the day's row, prices by distance band, "how much an hour", and caller
 * idioms (lads, bringing round, an order every fortnight, logs that aren't real, grown round
 * here, leaving the car).
 */

const page = `# Larkfield Logs
Seasoned firewood, kindling and smokeless coal, delivered since 1998. Free quotes for bulk orders.
Office: 14 Mill Lane, Larkfield Cross LF2 7QT. Telephone 01632 960733.

## About us
Larkfield Logs is run by Sue and Alan Pike, who started the business on their farm in 1998.
Our logs are grown locally in Larkfield woods and seasoned for two years. We work weekends from October to March.
Kev, our yard manager, handles invoices, accounts and changes of date, and our deliveries are driven by Tariq in the red tipper.

## Log prices
| Product | Price | Note |
|---|---|---|
| Bulk bag of hardwood logs | £110 | about 1 cubic metre |
| Net of kindling | £6 | dry softwood |
| 25 kg bag of smokeless coal | £19 | Welsh |
| Eco briquettes, pack of 12 | £8 | made from sawdust |
We don't sell artificial logs or gas fire inserts.

## Log subscriptions
A bulk bag delivered every fortnight from October to March on a subscription: £99 a bag.

## Delivery
Charges by distance from the yard:
| Distance | Charge |
|---|---|
| Zone A, up to 4 miles | £5 |
| Zone B, 4 to 10 miles | £12 |
| Zone C, 10 to 20 miles | £20 |
We do not deliver on Christmas Day, Boxing Day or New Year's Day.
Saturday deliveries must be booked by Friday noon.

## Stacking service
| Crew | Per hour |
|---|---|
| Van with 2 men | £30 |
| Van with 3 men | £42 |

## Our log store
Collect from our store at Unit 4, Brook Farm, Hollins Road, Fenwick FW3 1AB (not our office; please don't call at Mill Lane for logs).
Fenwick General Hospital is next door, so please drive slowly.

## Visit the office
| Day | Times |
|---|---|
| Monday | 8 am to 5 pm |
| Tuesday | 8 am to 5 pm |
| Saturday | 8 am to 12.30 pm (half day) |
| Sunday | Closed |
Parking: customers can park in the yard behind the office.
Please address all post to the office, not the log store.

## Evenings at the yard
Wreath-making evenings run on Thursdays in December, 7 pm to 9 pm, £35 with all materials.

## Safety
If your chimney catches fire, call 999 and get everyone out.
`;

let agent: CompiledAgent;

t.before(async () => {
  agent = await agentFromDocument('md', page, 'Larkfield Logs');
});

const ask = (q: string): Promise<string> => checkedReply(agent, q);

t.test('who owns the business: whoever the documents say runs it', async (t) => {
  const a = await ask('Who actually owns the business these days?');
  t.match(a, /Sue and Alan Pike/, a);
});

t.test('a date that is a bank holiday by name', async (t) => {
  const a = await ask('Could you deliver on the twenty-sixth of December?');
  t.match(a, /Boxing Day/, a);
  const b = await ask('Can you bring logs on the 1st of January?');
  t.match(b, /New Year/, b);
});

t.test('injuries as they happen are urgent; the same words in a question are not', async (t) => {
  t.ok(isUrgent("Your driver has just slipped on our drive and he can't move his leg"));
  t.ok(isUrgent('My husband has just fallen off the log pile'));
  t.ok(isUrgent('He banged his head on the tipper'));
  t.notOk(isUrgent('I slipped a disc last year, can your driver carry the bag in?'));
  t.notOk(isUrgent('Can I move my car out of the yard on Saturday?'));
  const a = await ask("Your driver has just slipped on our drive and he can't move his leg. What do we do?");
  t.match(a, /999/, a);
  t.notMatch(a, /leave a message/, 'no message taking first');
});

t.test('asking for a person by what they do, with no one to put the caller through to', async (t) => {
  const a = await ask('Can I speak to whoever deals with invoices?');
  t.match(a, /Kev/, a);
  t.notMatch(a, /Tariq/, 'only the clause about invoices');
  t.match(a, /message/, 'a message is offered');
  const b = await ask('Can I talk to the person who deals with complaints?');
  t.match(b, /don't have the details of who deals with complaints/, b);
  t.match(b, /message/, b);
});

t.test('a request to be put through is no question for the documents', async (t) => {
  const a = await ask('Can I speak to someone please?');
  t.match(a, /no one available|put you through/, a);
  t.notMatch(a, /£|Mill Lane|Larkfield Logs is run/, 'no sentence of the documents');
  // Naming staff asks nothing of them.
  const b = await ask('Do you do a discount for NHS staff?');
  t.notMatch(b, /no one available/, b);
});

t.test('staff named by first name alone; a town or a hospital is no person', async (t) => {
  const a = await ask("Who'll be bringing the logs round?");
  t.match(a, /Tariq/, a);
  t.notMatch(a, /Kev/, 'the clause about deliveries, not the yard manager');
  t.notOk(namesPerson('free within Larkfield Cross'), 'a town after "within"');
  t.notOk(namesPerson('Office: 14 Mill Lane, Larkfield Cross LF2 7QT.'), 'a town before its postcode');
  t.notOk(namesPerson('Fenwick General Hospital is next door.'), 'the start of a hospital name');
  t.ok(namesPerson('Ask Sue Pike about orders.'), 'a full name is still a person');
});

t.test("where are you: not the place the documents say isn't theirs", async (t) => {
  const a = await ask('Whereabouts are you exactly, are you in the middle of town?');
  t.match(a, /Mill Lane/, a);
  t.notMatch(a, /Brook Farm/, 'the log store is "not our office"');
  t.ok(
    ownPlace('Collect from our store at Unit 4, Brook Farm (not our office; please call at Mill Lane).') < 0,
  );
  t.ok(ownPlace('Our wreath evenings are at the Village Hall, Mill Road (not at the shop).') < 0);
  t.equal(ownPlace('Collect from our store at Unit 4, Brook Farm.'), 0);
});

t.test("open all day on a day: that day's row of the opening hours", async (t) => {
  const a = await ask('Are you open all day on a Saturday?');
  t.match(a, /12\.30|12:30/, a);
  t.notMatch(a, /Saturday deliveries/, 'not a sentence that only mentions the day');
});

t.test('prices by distance band', async (t) => {
  t.equal(distanceIn('a village about six miles away'), 6);
  t.equal(distanceIn('ten miles or so'), 10);
  t.ok(Math.abs((distanceIn('12 km out') ?? 0) - 7.46) < 0.01, 'km in miles');
  t.equal(distanceIn('£1.90 per mile'), undefined, 'a price per mile states no distance');
  t.same(distanceBandOf('Zone B, 4 to 10 miles'), { from: 4, to: 10 });
  t.same(distanceBandOf('Zone A, up to 4 miles'), { from: 0, to: 4 });
  t.same(distanceBandOf('over 20 miles'), { from: 20, to: Infinity });
  t.equal(distanceBandOf('Zone C'), undefined);
  const a = await ask('How much would you charge to deliver to a village about six miles away?');
  t.match(a, /£12/, a);
  t.notMatch(a, /£5\b|£20/, 'only the band that holds six miles');
  const b = await ask("What's the delivery charge for 3 miles?");
  t.match(b, /£5/, b);
});

t.test('"how much an hour" asks a price', async (t) => {
  t.equal(questionShape('How much an hour is it for the van?').type, 'price');
  t.equal(questionShape('How much notice do you need?').type === 'price', false);
  const a = await ask('How much an hour is it for the van with two lads?');
  t.match(a, /£30/, a);
  t.notMatch(a, /£42/, 'the row with two men');
});

t.test(
  "caller idioms: an order every fortnight, logs that aren't real, grown round here, the car",
  async (t) => {
    const a = await ask('How much is it to have an order every fortnight?');
    t.match(a, /£99/, a);
    const b = await ask("Do you sell the logs that aren't real, the ones that last forever?");
    t.match(b, /artificial/, b);
    const c = await ask('Are your logs grown round here or do they come from abroad?');
    t.match(c, /grown locally/, c);
    const d = await ask('Is there somewhere I can leave the car when I come to the office?');
    t.match(d, /park in the yard/, d);
  },
);

t.test('a price clause that points back is asked with what it points to', async (t) => {
  const van = await agentFromDocument(
    'md',
    `# Dan's Man and Van
Single items moved across town, from the front room to the van.

## Heavy items (on top of the hourly rate)
| Item | Charge |
|---|---|
| Sofa or settee | £40 |
| Fridge freezer | £30 |
| Wardrobe | £35 |

## Insurance
Every move includes cover up to £5,000. Extended cover up to £20,000 costs £25 per move.
`,
    "Dan's Man and Van",
  );
  const a = await checkedReply(van, "We've got a sofa in the front room. What's the extra to move that?");
  t.match(a, /£40/, a);
  t.notMatch(a, /£25|£5,000/, 'not the cover "every move" has, which the clause alone finds');
});

t.test('a prom is no wedding; lads are men', async (t) => {
  const means = (q: string): string[] => idiomsIn(tokens(q)).flatMap((m) => [...m.means]);
  t.notOk(means("a corsage for my daughter's prom").includes('wedding'), "a bridal price is not a prom's");
  t.ok(means('the big lorry with three lads').includes('men'));
});

t.test("a fixed phrase inside a caller's idiom is the idiom's wording, not more subject", async (t) => {
  const shape = questionShape('Who can work out a price for me?');
  const said = subjectWords(agent.book, 'Who can work out a price for me?', shape).subject.map(
    (q) => q.surface,
  );
  t.ok(said.includes('work out a price'), said.join(', '));
  t.notOk(said.includes('work out'), '"work out" (WordNet\'s phrase) is inside the idiom');
});

t.test('how far out: the towns covered, or the charges by distance that say it', async (t) => {
  t.equal(questionShape('How far out do you go?').type, 'where');
  t.equal(questionShape('How far out do you deliver?').type, 'where');
  const a = await ask("We're about twelve miles away in a little village. How far out do you deliver?");
  t.match(a, /10 to 20 miles/, a);
  t.notMatch(a, /up to 4 miles|4 to 10 miles/, 'only the band that holds twelve miles');
  const b = await ask('How far out do you deliver?');
  t.match(b, /up to 4 miles[\s\S]*4 to 10 miles[\s\S]*10 to 20 miles/, b);
});

t.test('Christmas is December where the documents date the season by its month', async (t) => {
  const a = await ask('When are your Christmas wreath evenings on?');
  t.match(a, /Thursdays in December/, a);
});
