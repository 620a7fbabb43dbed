import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * A tattoo studio's page no suite uses, read through the real extraction, and the classes it
 * showed: a price range ("£60–£120") had been two items, the second named "small pieces usually
 * cost £60–"; "or £650 for a full day session (about 6 hours)" had an item named "or"; "what's
 * your hourly rate?" names no item, only the unit ("per" had even been said as the missing
 * thing); "I'm 17" is an age, decided by "You must be 18 or over" though the limit names nothing
 * else the caller said; a list of people by first name ("Mia (fine line and botanical), Dev ...")
 * answers "who does ...?" with the one whose work it is; "what's your email address?" had heard
 * the street address, and "how do I contact you?" of a page with no phone number the fallback;
 * looking after a new tattoo is its aftercare.
 */

const ask = documentAsker(
  'html',
  `<html><head><title>Black Lantern Tattoo</title></head><body>
<h1>Black Lantern Tattoo</h1>
<p>A private custom tattoo studio in Chapel Allerton, Leeds. Three resident artists: Mia (fine line and botanical), Dev (traditional and neo-traditional) and Sasha (black and grey realism).</p>
<h2>Hours</h2>
<p>Tuesday to Saturday, 11am to 7pm. Closed Sundays and Mondays.</p>
<h2>Prices</h2>
<p>Our minimum charge is £60. Small pieces usually cost £60–£120. Larger work is charged at £110 per hour, or £650 for a full day session (about 6 hours).</p>
<h2>Age and ID</h2>
<p>You must be 18 or over and bring photo ID – no exceptions, even with a parent's permission.</p>
<h2>Aftercare</h2>
<p>We give you a printed aftercare sheet and a tub of balm. Touch-ups within 3 months are free.</p>
<h2>Contact</h2>
<p>14 Harrogate Road, Chapel Allerton, Leeds LS7 3NB. Email hello@blacklanterntattoo.co.uk. We reply to emails within two working days.</p>
</body></html>`,
  'Black Lantern Tattoo',
);

t.test('a price range is one item; a price after "or ... for" is its case', async (t) => {
  t.match(await ask('How much does a small tattoo cost?'), /Small pieces usually cost £60–£120/);
  const day = await ask('How much is a full day?');
  t.match(day, /£650 for a full day session/);
  t.notMatch(day, /£110/);
});

t.test('a rate asked by its unit alone', async (t) => {
  for (const q of [
    "What's your hourly rate?",
    'How much do you charge per hour?',
    'What do you charge an hour?',
  ])
    t.match(await ask(q), /£110 per hour/, q);
  // A unit the documents price nothing by is still not in the data.
  t.notMatch(await ask("What's your weekly rate?"), /£/);
});

t.test('an age the caller gives is decided by the age limit', async (t) => {
  for (const q of [
    "I'm 17, can I get a tattoo if my mum comes with me?",
    "I'm 16, can I get a tattoo?",
    'My son is 17, can he get a tattoo?',
  ])
    t.match(await ask(q), /You must be 18 or over/, q);
});

t.test('people listed by first name answer who does what', async (t) => {
  const realism = await ask('Who does realism?');
  t.match(realism, /Sasha \(black and grey realism\)/);
  t.notMatch(realism, /Mia|Dev/);
  t.match(await ask('Who should I see for a botanical tattoo?'), /^Mia \(fine line and botanical\)/);
});

t.test('an email address is asked for, or any way to get in touch', async (t) => {
  for (const q of ["What's your email address?", 'Can I email you?', 'How do I contact you?'])
    t.match(await ask(q), /hello@blacklanterntattoo\.co\.uk/, q);
});

t.test('looking after a new tattoo is its aftercare', async (t) => {
  t.match(await ask('How do I look after my new tattoo?'), /aftercare sheet/);
});
