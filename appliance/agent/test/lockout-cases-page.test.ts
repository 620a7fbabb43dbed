import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * A second locksmith's page (another than locksmith-page.test.ts's) written for this check, read through the real
 * extraction, and what it showed: "how much is it if I'm locked out on a Sunday?" took the urgent
 * path (a price asked of a case, not a caller living it) and, asked otherwise, found no price
 * ("locked out" is the price list's "Lockout"; a condition after nothing but the price cue is the
 * item, not an aside); "how much is a lockout?" of a daytime and an evening row was the honest
 * fallback (the two rows differ only in their brackets: both are said); "during the day" named
 * "during" as the missing thing; "I'm in Barnsley, do you come out there?" found the lockout
 * line, not the places covered.
 */

const page = `<html><body><h1>Keyright Locksmiths</h1>
<h2>Prices</h2>
<table>
<tr><th>Job</th><th>Price</th></tr>
<tr><td>Lockout (daytime, 8am to 6pm)</td><td>£75</td></tr>
<tr><td>Lockout (evenings, weekends and bank holidays)</td><td>£110</td></tr>
<tr><td>Euro cylinder lock change (supply and fit)</td><td>from £65</td></tr>
<tr><td>Standard key cutting</td><td>£4 per key</td></tr>
</table>
<p>We are a non-destructive entry specialist: in nine out of ten lockouts we get you in without damaging the lock.</p>
<h2>Areas</h2>
<p>We cover Sheffield, Rotherham, Chesterfield and Barnsley.</p>
<h2>Contact</h2>
<p>Call Dan on 0114 496 0321. We answer the phone 24 hours a day.</p>
</body></html>`;
const ask = documentAsker('html', page, 'Keyright Locksmiths');

t.test('a lockout priced by its case, the caller pricing it, not living it', async (t) => {
  const sunday = await ask("How much is it if I'm locked out on a Sunday?");
  t.match(sunday, /£110/);
  t.notMatch(sunday, /urgent|£75/);
  t.match(await ask('How much if I get locked out in the evening?'), /£110/);
  // Named without a case: both cases with their prices.
  t.match(await ask('How much is a lockout?'), /^Lockout is £75 \(daytime, 8am to 6pm\), or £110 \(evenings/);
  t.match(await ask("What do you charge if I'm locked out?"), /£75 .*£110/);
  // A caller living it is still urgent.
  t.match(await ask("I'm locked out, how much will it cost?"), /urgent/);
});

t.test('"during" names nothing', async (t) => {
  t.notMatch(await ask('What does it cost to get in during the day?'), /during/);
});

t.test('where the caller is, and whether the business comes there', async (t) => {
  t.match(
    await ask("I'm in Barnsley, do you come out there?"),
    /We cover Sheffield, Rotherham, Chesterfield and Barnsley/,
  );
  t.match(
    await ask('I live in Doncaster, can you come?'),
    /We cover Sheffield, Rotherham, Chesterfield and Barnsley/,
  );
  t.match(await ask("We're in Rotherham, is that in your area?"), /We cover/);
});

t.test('a place not named, against an area given as a radius, hears the radius', async (t) => {
  // The aquarium shop of a start check: "do you come out to Marlborough?" had been the fallback.
  const shop = documentAsker(
    'html',
    `<html><body><h1>Coral Cove Aquatics</h1><p>12 Kingshill Road, Swindon SN1 4LG.</p>
<h2>Services</h2><p>Aquarium maintenance visits are £35 per visit.</p>
<p>We cover homes within 12 miles of Swindon for set-ups and visits.</p></body></html>`,
    'Coral Cove Aquatics',
  );
  t.match(await shop('Do you come out to Marlborough?'), /^We cover homes within 12 miles of Swindon/);
  t.match(await shop('I live in Marlborough, can you come?'), /^We cover homes within 12 miles of Swindon/);
});
