import t from 'tap';
import { agentFromDocument, documentAsker } from './checked-reply.js';
import { pricedItems } from '../graph/extract.js';

/**
 * An electrician's page written for this check (a trade no suite uses), read through the real
 * extraction, and what it showed: "how much would it cost to rewire my three bedroom house?" was
 * told the £160 inspection for up to 3 bedrooms (an invented fact: "A full rewire is quoted after
 * a free survey; most three-bed houses come to ..." was read as a table row named by its first
 * clause, and "between £4,000 and £6,000" as two items, one called "000"); "I've got a five
 * bedroom house, how much is the inspection?" was told the rewire (the inspection is an EICR,
 * and rows by bedrooms were not read by the caller's count); "what's your emergency number?"
 * was told the Sunday hours; "who do I speak to to book?" was told the list of work ("book" was
 * dropped with the who-frame's words, and "booked by Sandra" named no one); "how long have you
 * been going?" was told how long a fuse board takes ("founded the business in 2009").
 */

const page = `<html><head><title>Brightwire Electrical - Domestic electrician in Norwich</title></head>
<body>
<h1>Brightwire Electrical</h1>
<p>Family-run electricians serving Norwich and villages within 15 miles. NICEIC approved, fully insured, and every job is signed off with the right certificate.</p>
<h2>What we do</h2>
<ul>
<li>Fuse board (consumer unit) upgrades</li>
<li>Extra sockets, lights and switches</li>
<li>Full and partial rewires</li>
<li>Electric vehicle charger installation</li>
<li>Electrical Installation Condition Reports (EICR) for landlords and home buyers</li>
<li>Fault finding and repairs</li>
</ul>
<p>We don't do gas work, boilers or alarms systems, but we're happy to recommend someone who does.</p>
<h2>Prices</h2>
<table>
<tr><th>Job</th><th>From</th></tr>
<tr><td>Call-out and first hour</td><td>£75</td></tr>
<tr><td>Each extra hour</td><td>£45</td></tr>
<tr><td>Extra double socket</td><td>£95</td></tr>
<tr><td>Consumer unit upgrade</td><td>£450</td></tr>
<tr><td>EV charger, supplied and fitted</td><td>£899</td></tr>
<tr><td>EICR, up to 3 bedrooms</td><td>£160</td></tr>
<tr><td>EICR, 4 bedrooms or more</td><td>£210</td></tr>
</table>
<p>Prices include VAT. A full rewire is quoted after a free survey; most three-bed houses come to between £4,000 and £6,000.</p>
<h2>Emergencies</h2>
<p>If you've lost all power, check with your neighbours first: if they are off too it's a power cut and you should ring 105. For anything else, our emergency line is open 24 hours on 01603 555 019. Out-of-hours call-outs are £120 for the first hour.</p>
<h2>Opening times</h2>
<p>Office hours are Monday to Friday, 8am to 5.30pm, and Saturday mornings until 12. We don't work on Sundays except for emergencies.</p>
<h2>Good to know</h2>
<p>A consumer unit change takes most of a day, and your power will be off for about 4 hours. A rewire usually takes 5 to 7 days, and you can stay in the house while we work. We leave the place clean and take away all old fittings.</p>
<p>All our work has a 2-year guarantee. We accept card, bank transfer and cash; jobs over £1,000 need a 25% deposit.</p>
<h2>Team</h2>
<p>Mark Hollis founded the business in 2009 and does all the surveys. Our EV charger specialist is Leah Dunn. Jobs are booked by Sandra in the office.</p>
</body></html>`;
const ask = documentAsker('html', page, 'Brightwire Electrical');

t.test('a price on request says its usual figure; a range is one item', async (t) => {
  const agent = await agentFromDocument('html', page, 'Brightwire Electrical');
  const items = pricedItems(agent.graph).map((i) => `${i.item} = ${i.amount}`);
  t.ok(items.includes('most three-bed houses = £6,000'), items.join('; '));
  t.notOk(
    items.some((i) => i.startsWith('000')),
    items.join('; '),
  );
  const rewire = await ask('How much would it cost to rewire my three bedroom house?');
  t.match(rewire, /quoted after a free survey; most three-bed houses come to between £4,000 and £6,000/);
  t.notMatch(rewire, /£160/);
  t.match(await ask('How much is a rewire?'), /between £4,000 and £6,000/);
});

t.test('an inspection is the EICR, its row by the bedrooms told', async (t) => {
  const five = await ask("I've got a five bedroom house, how much is the inspection?");
  t.match(five, /£210/);
  t.notMatch(five, /£4,000|£160/);
  t.match(await ask('How much is an electrical safety check on a 2 bed flat?'), /£160/);
  t.match(await ask('Do you do landlord safety certificates?'), /Condition Reports \(EICR\) for landlords/);
});

t.test('the emergency number, who books, how long the business has been going', async (t) => {
  t.match(await ask("What's your emergency number?"), /01603 555 019/);
  t.match(await ask('Who do I speak to to book?'), /booked by Sandra/);
  t.match(await ask('Who takes bookings?'), /booked by Sandra/);
  t.match(await ask('Who is best to see about a charger?'), /Leah Dunn/);
  t.match(await ask('How long have you been going?'), /founded the business in 2009/);
});

t.test('papers and the supply off, in callers’ words', async (t) => {
  t.match(await ask('Are you qualified?'), /NICEIC approved/);
  t.match(await ask('Are your electricians qualified?'), /NICEIC approved/);
  t.match(
    await ask('How long will I be without electricity if you change my fuse box?'),
    /power will be off for about 4 hours/,
  );
});
