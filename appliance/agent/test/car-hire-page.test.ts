import t from 'tap';
import { agentFromDocument, documentAsker } from './checked-reply.js';
import { pricedItems } from '../graph/extract.js';

/**
 * A car and van hire firm's FAQ sheet in plain text written for this check (a trade no suite
 * uses), read through the real extraction, and what it showed: "how much is it to hire a small
 * car for a day?" fell back ("for a day" chose no row of "£38 a day, £210 a week"), and so did
 * "a 7 seater for 3 days" (three days was taken for a figure of the item's); "how much is the
 * deposit?" fell back ("We take a £250 security deposit" was checked as a table row named "We
 * take a"); "a people carrier", "a second driver", "the weekend deal" (read as a when-question)
 * and "bring the car to my house" missed the 7-seater, the additional drivers, the weekend special
 * and the delivery; "can I drive to France?" was told "I can only help with questions about" the
 * business (France is in Europe, which the sheet rules out); the sheet's title line was said as an
 * answer; "15p a mile" was no price.
 */

const page = `Dalton Car & Van Hire - Frequently asked questions

Where are you?
We're at 14 Mill Lane, Kendal, LA9 4QT, two minutes from the railway station. We can deliver a car to you anywhere in Kendal for £15 each way.

When are you open?
Monday to Friday 8am to 6pm, Saturday 8am to 1pm. We're closed on Sundays and bank holidays, but you can arrange a key-box return out of hours.

What does it cost?
Small car (Fiat 500 or similar): £38 a day, £210 a week.
Family car (Skoda Octavia or similar): £52 a day, £290 a week.
7-seater (Ford Galaxy or similar): £75 a day, £420 a week.
Short wheelbase van: £60 a day.
Luton van with tail lift: £95 a day.
Weekend special: pick up Friday after 2pm, return Monday by 9am, and pay for two days.

How old do I need to be?
Drivers must be 21 or over and have held a full licence for at least 2 years. Drivers aged 21 to 24 pay a young driver charge of £12 a day. There is no upper age limit.

What do I need to bring?
Your photocard driving licence, a DVLA check code (get one at gov.uk, it lasts 21 days) and a credit or debit card in the main driver's name. We take a £250 security deposit on the card, refunded within 5 working days of return.

Is insurance included?
Yes, every hire includes fully comprehensive insurance with a £1,000 excess. You can reduce the excess to £100 for £9 a day.

Can someone else drive?
Yes, additional drivers are £6 a day each and must meet the same rules and bring their licence.

How many miles can I do?
Cars come with 200 free miles a day; after that it's 15p a mile. Vans have unlimited mileage.

What about fuel?
Vehicles go out full and must come back full. If not, we charge for the fuel plus a £20 refuelling fee.

Can I take the car abroad?
Not to Europe, sorry. Driving anywhere in England, Scotland and Wales is fine.

Do you have automatics?
Yes, the family car and the 7-seater are available as automatics for £8 a day extra. Book early in summer.

Who do I speak to about business accounts?
Our fleet manager, Joanne Price, handles business and long-term hire.`;
const ask = documentAsker('txt', page, 'Dalton Car & Van Hire');

t.test('a row by the unit asked; how long the hire is is no figure of the item', async (t) => {
  t.match(await ask('How much is it to hire a small car for a day?'), /£38 a day/);
  t.match(await ask('How much is a 7 seater for 3 days?'), /£75 a day/);
  t.match(await ask('I need a people carrier for a week, how much?'), /£420 a week/);
  t.match(await ask('How much is the deposit?'), /£250 security deposit/);
  t.match(await ask('How much to add a second driver?'), /additional drivers are £6 a day/);
});

t.test('pence are a price; a clause that goes on from another is said with it', async (t) => {
  const agent = await agentFromDocument('txt', page, 'Dalton Car & Van Hire');
  const items = pricedItems(agent.graph).map((i) => `${i.item} = ${i.amount}`);
  t.ok(
    items.some((i) => i.endsWith('= 15p a mile')),
    items.join('; '),
  );
  t.notOk(
    items.some((i) => /^automatics/.test(i) === false && /available as automatics/.test(i)),
    items.join('; '),
  );
  t.match(
    await ask('How much is it per mile after 200 miles?'),
    /200 free miles a day; after that it's 15p a mile/,
  );
});

t.test('a deal, a delivery, a place inside a larger one, and no title for an answer', async (t) => {
  t.match(await ask('How does the weekend deal work?'), /Weekend special: pick up Friday/);
  t.match(await ask('Can you bring the car to my house?'), /deliver a car to you anywhere in Kendal/);
  t.match(await ask('Can I drive to France?'), /Not to Europe/);
  t.match(await ask('Can I take it to Scotland?'), /England, Scotland and Wales is fine/);
  t.notMatch(await ask('Do you hire out electric cars?'), /Frequently asked questions/);
});
