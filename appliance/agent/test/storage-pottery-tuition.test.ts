import t from 'tap';
import { partySizeIn } from '../price-party.js';
import { digitize } from '../lexicon/numbers.js';
import { documentAsker } from './checked-reply.js';

/**
 * A self-storage site's, a pottery studio's and a tuition centre's web pages no suite uses, read through the real
 * extraction and chunking as an upload is, asked the natural questions written for them before
 * any answer was seen. The failure classes they showed, each answered from the page here:
 * - a table row named by what its other cells say ("a few boxes" is the Locker that "Fits: A few
 *   boxes"), and the verb of "how much to store a bike?" names no item;
 * - a price closing a list of details prices the thing the sentence opens with ("Kids' clay club
 *   for ages 7 to 12, Saturdays ..., £15 a session"), and a price with only its unit ("£85 a
 *   month") the section's heading;
 * - a pair ("me and my partner", "for two people") gets the price for two, not per person;
 * - a course's length said by its sessions ("six weekly evening classes"), a validity by "a
 *   year", and "how long does a voucher last?" with "They're valid for a year";
 * - a paragraph's own short question ("Missed a class? Make it up ...") is no answer on its own;
 * - where the business is: "where is the studio?", an address closed by a postcode;
 * - "is clay included in the price?" is a yes/no question, not a price of clay;
 * - a person whose a thing is ("my daughter's birthday party") is no kind of party;
 * - idioms: who runs the place, how big the classes are, a van to borrow (hire), getting in
 *   (access), upstairs (floors, lifts), siblings, school holidays (term time), a child's
 *   progress, the ages taken, French (languages), paying each week; "keep" and "each" say
 *   little of what is asked;
 * - "the eleven plus" is the "11+" the page prepares for, not a question out of scope.
 * These pages are now tuned on: they measure nothing held out (bench:dialogue does).
 */

const storage = `<!doctype html><html><head><title>Stowaway Self Storage</title></head><body>
<nav><a href="/">Home</a> | <a href="/units">Units</a> | <a href="/faq">FAQ</a> | <a href="/contact">Contact</a></nav>
<h1>Stowaway Self Storage</h1>
<p>Clean, dry, secure storage for homes and businesses in Westfield. Move in today, leave when you like.</p>
<h2>Unit sizes and prices</h2>
<table>
<tr><th>Unit</th><th>Size</th><th>Fits</th><th>Per week</th></tr>
<tr><td>Locker</td><td>15 sq ft</td><td>A few boxes, suitcases or a bike</td><td>£9</td></tr>
<tr><td>Small</td><td>35 sq ft</td><td>The contents of a small bedroom</td><td>£18</td></tr>
<tr><td>Medium</td><td>75 sq ft</td><td>A one-bedroom flat</td><td>£32</td></tr>
<tr><td>Large</td><td>150 sq ft</td><td>A three-bedroom house</td><td>£55</td></tr>
<tr><td>Drive-up</td><td>200 sq ft</td><td>Business stock, with parking at the door</td><td>£70</td></tr>
</table>
<p>Prices include VAT. Pay four weeks in advance. Book for 12 weeks or more and get 20% off the weekly price.</p>
<p>Contents insurance is required: £2.50 a week for cover up to £2,000, or bring your own policy.</p>
<h2>Access</h2>
<p>Gate access: 6am to 10pm, every day of the year, with your personal PIN code.</p>
<p>Office hours: Monday to Friday 8:30am to 5:30pm, Saturday 9am to 4pm, closed Sunday.</p>
<p>Every unit is on the ground floor or served by a goods lift. Free trolleys and pallet trucks at the entrance.</p>
<h2>Security</h2>
<p>The site is covered by CCTV around the clock, monitored alarms on every door, and a staff member lives on site.</p>
<p>You keep the only key: bring your own padlock or buy a disc lock from us for £12.</p>
<h2>Moving in</h2>
<p>Bring photo ID and proof of address. We need one week's notice to end your rental; there is no minimum term beyond the first four weeks.</p>
<p>Our van hire: a 3.5 tonne Luton van from £65 a day, free for the first day when you book a Medium unit or larger.</p>
<p>Boxes, tape and bubble wrap are sold in the office. A double-wall removal box costs £2.50.</p>
<h2>What you can't store</h2>
<p>No food, plants or animals. No fuel, gas bottles, paint thinners, fireworks or anything flammable. No cash or jewellery.</p>
<h2>FAQ</h2>
<p><strong>Can I store a car?</strong> Not inside units, but we have outdoor parking bays for cars, vans and caravans at £25 a week.</p>
<p><strong>Can I work from my unit?</strong> Drive-up units may be used as a stockroom; nobody may sleep or run machinery in a unit.</p>
<p><strong>Do you take deliveries?</strong> Yes, the office signs for business customers' parcels during office hours.</p>
<p><strong>What happens if I don't pay?</strong> After 14 days overdue a £20 late fee is added and access to the unit is stopped until it is paid.</p>
<h2>Contact</h2>
<p>Stowaway Self Storage, Unit 4, Riverside Trading Estate, Westfield WF3 7QP. Phone 01924 556 210. Email hello@stowaway-storage.co.uk</p>
<p>Manager: Priya Nair.</p>
</body></html>`;

const pottery = `<!doctype html><html><head><title>Kiln & Wheel Pottery Studio</title></head><body>
<header><h1>Kiln &amp; Wheel Pottery Studio</h1><p>Get your hands muddy in the heart of Eastbrook.</p></header>
<section><h2>Taster sessions</h2>
<p>Never touched clay? Our two-hour taster on the wheel is the place to start. You'll throw two pieces, which we trim, glaze in a colour you choose and fire for you. They're ready to collect three weeks later.</p>
<p>Taster: £45 per person. Couples' taster (two people sharing a tutor): £80. Saturdays 10am and 2pm, Thursdays 7pm.</p>
</section>
<section><h2>Courses</h2>
<ul>
<li>Beginners' wheel course: six weekly evening classes, Tuesdays 6:30pm to 9pm, £210 including clay and firing.</li>
<li>Hand-building course: four Sunday mornings, 10am to 1pm, £150. Coil pots, slab work and pinch pots; no wheel needed.</li>
<li>Improvers' course: eight weeks, Wednesdays 7pm to 9:30pm, £290. For people who can already centre clay.</li>
</ul>
<p>Classes are small: never more than eight students to one tutor. Missed a class? Make it up in another course's class within the term.</p>
</section>
<section><h2>Kids and parties</h2>
<p>Kids' clay club for ages 7 to 12, Saturdays 12pm to 1:30pm, £15 a session. Children under 7 can come to family sessions with a parent.</p>
<p>Clay parties for birthdays and hen dos: two hours of studio time for up to 12 guests, £30 per guest, minimum 6 guests. Bring your own drinks and cake.</p>
</section>
<section><h2>Studio membership</h2>
<p>Members get a shelf, 24/7 keycode access and use of the wheels and glazes. £85 a month; firing is charged by the shelf at £8 per bisque firing and £10 per glaze firing. Members must have done one of our courses or pass a short induction (£20).</p>
</section>
<section><h2>Gift vouchers</h2>
<p>Vouchers for any amount from £20, or for a named course. They're valid for a year from purchase and can't be exchanged for cash.</p>
</section>
<section><h2>Good to know</h2>
<p>Wear old clothes: clay washes out but glaze can stain. Aprons are provided. Keep nails short for the wheel.</p>
<p>The studio is on the first floor and has no lift; hand-building sessions can be moved to our ground-floor room for anyone who can't manage stairs; just tell us when you book.</p>
<p>Cancellations: full refund up to 7 days before; after that we'll move you to another date once.</p>
<p>Parking: free on Mill Lane after 6pm and all day Sunday; the Station Road car park is a two-minute walk.</p>
</section>
<footer><p>Kiln &amp; Wheel, 2nd Mill Building, 14 Mill Lane, Eastbrook EB4 2LN. Call Jo or Sam on 01632 960 418. Studio shop open Tuesday to Saturday 10am to 5pm.</p></footer>
</body></html>`;

const tuition = `<!doctype html><html><head><title>Brightpath Tuition Centre</title></head><body>
<h1>Brightpath Tuition Centre</h1>
<p>Small-group and one-to-one tuition in maths, English and science for ages 6 to 18, in Harlow Green since 2011.</p>
<h2>What we teach</h2>
<ul>
<li>Primary (Years 2 to 6): maths and English, including 11+ preparation.</li>
<li>Secondary (Years 7 to 11): maths, English and combined or separate sciences up to GCSE.</li>
<li>Sixth form: A-level maths and chemistry only.</li>
</ul>
<p>We follow the national curriculum and the AQA and Edexcel exam boards. We do not teach languages or music.</p>
<h2>Fees</h2>
<table>
<tr><th>Lesson</th><th>Length</th><th>Price</th></tr>
<tr><td>Small group (up to 5 pupils)</td><td>60 minutes</td><td>£24</td></tr>
<tr><td>One-to-one, primary</td><td>45 minutes</td><td>£38</td></tr>
<tr><td>One-to-one, secondary</td><td>60 minutes</td><td>£48</td></tr>
<tr><td>One-to-one, A-level</td><td>60 minutes</td><td>£58</td></tr>
</table>
<p>Fees are paid monthly in advance by direct debit. Brothers and sisters get 10% off the second child's fees.</p>
<p>Your child's first lesson is a free assessment: we find the gaps and agree a plan with you.</p>
<h2>Timetable</h2>
<p>Lessons run Monday to Thursday 4pm to 8pm and Saturday 9am to 1pm, in term time only. There are no lessons on Fridays or Sundays.</p>
<p>Online lessons over video are available for one-to-one pupils at the same prices.</p>
<h2>Policies</h2>
<p>Please give 24 hours' notice to move a lesson; lessons cancelled with less notice are charged in full.</p>
<p>To stop tuition, give one month's notice in writing.</p>
<p>All our tutors are qualified teachers with an enhanced DBS check.</p>
<p>We send a short progress report home every half term, and parents' evenings are held each February.</p>
<h2>Find us</h2>
<p>First floor, 22 Market Street, Harlow Green HG2 4QT (above the pharmacy). Free parking behind the building for drop-off.</p>
<p>Office: 01632 960 755, Monday to Thursday 3pm to 8pm. Centre manager: Mrs Helen Okafor.</p>
</body></html>`;

const askStorage = documentAsker('html', storage, 'Stowaway Self Storage');
const askPottery = documentAsker('html', pottery, 'Kiln & Wheel Pottery Studio');
const askTuition = documentAsker('html', tuition, 'Brightpath Tuition Centre');

t.test('a table row named by its other cells', async (t) => {
  t.match(await askStorage('how much is it to store a few boxes?'), /Locker.*£9/);
  t.match(await askStorage('how much to store a bike?'), /Locker.*£9/);
  t.match(await askStorage('how much is a unit for a three bedroom house?'), /Large.*£55/);
  // A row whose name the caller names in part is not taken by its other cells.
  const piano = await askStorage('how much is a unit for a piano?');
  t.notMatch(piano, /£/, piano);
  // "To hire" names the item "van hire": the verb is kept where an item is named by it.
  t.match(await askStorage('how much is it to hire a van?'), /£65 a day/);
});

t.test('the item of a price in a list of details, and of a price with only its unit', async (t) => {
  t.match(await askPottery('how much is the kids club?'), /Kids' clay club.*£15 a session/);
  t.match(await askPottery('how much is membership?'), /£85 a month/);
});

t.test('a pair gets the price for two', async (t) => {
  t.equal(partySizeIn('how much is a taster for me and my partner?'), 2);
  t.equal(partySizeIn('my wife and I would like to come'), 2);
  t.equal(partySizeIn('me and my wife and kids'), undefined);
  t.equal(partySizeIn('a table for two'), 2);
  for (const q of ['how much is a taster for me and my partner?', 'how much is a taster for two people?'])
    t.match(await askPottery(q), /Couples' taster.*£80/, q);
  t.match(await askPottery('how much is a taster?'), /£45 per person/);
});

t.test('how long: sessions, a year, "last"', async (t) => {
  t.match(await askPottery('how long is the beginners course?'), /six weekly evening classes/);
  t.match(await askPottery('how long is the hand-building course?'), /four Sunday mornings/);
  t.match(await askPottery('how long does a voucher last?'), /valid for a year/);
  t.match(await askPottery('how long are vouchers valid for?'), /valid for a year/);
});

t.test("a paragraph's own question is said with its answer, not for it", async (t) => {
  const miss = await askPottery('what if I miss a class?');
  t.match(miss, /^Make it up in another course's class within the term/, miss);
  t.match(
    await askStorage('could I use the unit as an office?'),
    /^Drive-up units may be used as a stockroom/,
  );
});

t.test('where the business is', async (t) => {
  t.match(await askPottery('where is the studio?'), /14 Mill Lane/);
  t.match(await askPottery("where's your shop?"), /14 Mill Lane/);
  t.match(await askStorage('where are you?'), /Riverside Trading Estate, Westfield WF3 7QP/);
});

t.test('inclusion, whose, and idioms', async (t) => {
  t.match(await askPottery('is clay included in the price?'), /including clay and firing/);
  t.match(await askPottery("can I have my daughter's birthday party there?"), /Clay parties for birthdays/);
  t.match(await askPottery('how big are the classes?'), /never more than eight students/);
  t.match(await askStorage('who runs the place?'), /Priya Nair/);
  t.match(await askStorage('do you have a van I can borrow?'), /Luton van/);
  t.match(await askStorage('what time can I get in in the morning?'), /Gate access: 6am/);
  t.match(await askStorage('are the units upstairs?'), /ground floor or served by a goods lift/);
  t.match(await askStorage('can I keep petrol cans in there?'), /No fuel/);
});

t.test('a tuition centre: idioms of parents', async (t) => {
  t.match(await askTuition('do you help with the eleven plus?'), /11\+ preparation/);
  t.match(await askTuition('is there a discount for siblings?'), /Brothers and sisters get 10% off/);
  t.match(await askTuition('how old do children have to be?'), /ages 6 to 18/);
  t.match(await askTuition('do you run lessons in the summer holidays?'), /term time only/);
  t.match(await askTuition('how will I know how my child is doing?'), /progress report/);
  t.match(await askTuition('my son needs help with French, can you help?'), /do not teach languages/);
  t.match(await askTuition('do I pay each week?'), /paid monthly in advance/);
});

t.test('a number in a hyphenated compound, "eleven plus"', async (t) => {
  t.equal(digitize('the eleven plus exam'), 'the 11+ exam');
  t.equal(digitize('£5 plus VAT'), '£5 plus VAT');
  t.equal(digitize('two plus two'), '2 plus 2');
  t.equal(digitize('a three-bedroom house'), 'a 3-bedroom house');
  // A compound number stays whole (digitize reads it, or not, as before).
  t.notMatch(digitize('twenty-five pounds'), /^20/);
  t.equal(digitize('one-bedroom flat'), 'one-bedroom flat');
});
