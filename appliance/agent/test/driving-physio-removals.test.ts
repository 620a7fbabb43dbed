import t from 'tap';
import { questionShape } from '../question-type.js';
import { documentAsker } from './checked-reply.js';

/**
 * A driving school's, a physiotherapy clinic's and a removals firm's web pages no suite uses,
 * written with their callers' questions before any answer was seen, read through the real
 * extraction and chunking as an upload is. The failure classes they showed, each answered here:
 * - a price table with a rate per hour and a rate per day: "per hour" names the "Hourly rate"
 *   column, not "Full day (8 hours)" by its bracket; the hourly figure is said "per hour";
 * - two rows of one name told apart by their length ("Sports massage, 30 minutes, £38" and
 *   "..., 60 minutes, £55"): "an hour's massage" is the 60-minute row, and with no length
 *   named both are said, not the first;
 * - "It takes a minimum of 6 hours and costs £210" under "Pass Plus" prices Pass Plus, and is
 *   said with its name;
 * - a line of a name and an address closed by its postcode is the business's own address,
 *   wherever it stands;
 * - who to see for a complaint or a need ("who's the best person to see", "have you got
 *   someone for that", "can anyone teach her in Gujarati"), past the caller's story ("back in
 *   March", "six months pregnant", "awful pain round my pelvis");
 * - a yes/no question a price row answers only by its item ("are my things insured in the
 *   lorry?") gets no price; "as far as Derby" asks the area; "the shortest time" is the
 *   minimum; "can't make it" is a cancellation, and "ring you that morning" asks no number;
 * - a clause that points back with one word of its own ("can I use that?") is asked by the
 *   whole utterance; "my doctor" is the GP; "how long's the wait" asks free times, which the
 *   page does not give; "bring along" asks what to bring, not what is "alongside";
 * - "a £200 deposit secures your course dates" prices the deposit, not what it does; "during
 *   the week" is Monday to Friday; "the night before" is little notice.
 */

const driving = `<!doctype html><html><head><title>Kestrel Driving School | Driving Lessons in Leicester</title></head><body>
<h1>Kestrel Driving School</h1>
<p>Friendly, patient driving tuition across Leicester, Oadby and Wigston since 2009. We teach complete beginners, nervous drivers and anyone who needs a refresher after time off the road.</p>
<p>All of our instructors are fully qualified DVSA Approved Driving Instructors (ADIs) and every car has dual controls.</p>
<h2>Lesson Prices</h2>
<table><tr><th>Lesson</th><th>Length</th><th>Manual</th><th>Automatic</th></tr>
<tr><td>Single lesson</td><td>1 hour</td><td>£38</td><td>£41</td></tr>
<tr><td>Double lesson</td><td>2 hours</td><td>£74</td><td>£80</td></tr>
<tr><td>Block of 10 hours</td><td>10 x 1 hour</td><td>£355</td><td>£385</td></tr>
<tr><td>Block of 20 hours</td><td>20 x 1 hour</td><td>£690</td><td>£750</td></tr>
</table>
<p>New pupils can have their first two hours for £60 (manual or automatic) &ndash; one offer per pupil. Block bookings must be paid in full before the first lesson of the block and are valid for 6 months from the date of payment.</p>
<h2>Intensive Courses</h2>
<p>Short on time? Our intensive courses squeeze your training into one or two weeks, finishing with your practical test at the end. We book the test for you and the £62 DVSA test fee is included in the price.</p>
<table><tr><th>Course</th><th>Hours of tuition</th><th>Spread over</th><th>Price</th></tr>
<tr><td>Refresher</td><td>10 hours</td><td>1 week</td><td>£520</td></tr>
<tr><td>Intermediate</td><td>20 hours</td><td>1 week</td><td>£980</td></tr>
<tr><td>Beginner</td><td>35 hours</td><td>2 weeks</td><td>£1,650</td></tr>
</table>
<p>A £200 non-refundable deposit secures your course dates, and the balance is due 14 days before the course starts. Please note intensive courses are only available in our manual cars.</p>
<h2>Pass Plus</h2>
<p>Pass Plus is a six-module course for newly qualified drivers covering town driving, all-weather driving, rural roads, night driving, dual carriageways and motorways. It takes a minimum of 6 hours and costs £210. Many insurers will give you a discount on your first policy once you've completed it.</p>
<h2>Meet the Instructors</h2>
<ul>
<li><strong>Dave Whitmore</strong> &ndash; founder, manual (VW Polo), 16 years' teaching. Dave is brilliant with nervous and anxious learners.</li>
<li><strong>Priya Chauhan</strong> &ndash; automatic (Toyota Yaris Hybrid). Priya teaches in English, Gujarati and Hindi.</li>
<li><strong>Tom Ashby</strong> &ndash; manual (Ford Fiesta). Tom runs most of our intensive courses and all of our Pass Plus training.</li>
<li><strong>Sandra Kowalski</strong> &ndash; manual and automatic. Our only female instructor, and the only one of us who teaches on Saturdays.</li>
</ul>
<h2>Test Centres</h2>
<p>We prepare pupils for the Leicester (Wigston) and Leicester (Cannock Street) test centres, and can take you to Loughborough on request.</p>
<h2>Where We Pick Up</h2>
<p>We'll collect you from home, school, college or work anywhere in the LE2, LE3, LE4, LE5, LE8 and LE18 postcodes, and drop you back at the end. Pick-ups outside this area can sometimes be arranged for an extra £5 per lesson &ndash; just ask.</p>
<h2>Cancellations</h2>
<p>Please give at least 48 hours' notice if you need to cancel or move a lesson. Lessons cancelled with less notice are charged in full. If your instructor has to cancel, we'll rearrange at no cost to you.</p>
<h2>Lesson Times &amp; Office Hours</h2>
<ul>
<li>Lessons: Monday to Friday 7am&ndash;8pm, Saturday 8am&ndash;4pm. No lessons on Sundays or bank holidays.</li>
<li>Office phone line: Monday to Friday 9am&ndash;5pm, Saturday 9am&ndash;12pm. Outside these times, leave a message or send us a text.</li>
</ul>
<h2>Frequently Asked Questions</h2>
<h3>How old do I need to be?</h3>
<p>You can start on public roads from 17, as long as you have your provisional licence. Please have it with you on your first lesson.</p>
<h3>Do I need to pass my theory test first?</h3>
<p>Not for weekly lessons &ndash; you can start before your theory, but you'll need to pass it before we can book your practical. For intensive courses you must have passed your theory before the course begins.</p>
<h3>Can I use your car for the test?</h3>
<p>Yes. Car hire for your test, including a one-hour warm-up lesson beforehand, is £95.</p>
<h3>How can I pay?</h3>
<p>By bank transfer, by card over the phone, or cash to your instructor. We don't accept cheques.</p>
<h3>Do you sell gift vouchers?</h3>
<p>Yes &ndash; vouchers can be bought for any amount from £38 upwards and are valid for 12 months.</p>
<h2>Contact &amp; Booking</h2>
<p>Kestrel Driving School, 14 Welford Road, Leicester LE2 7AD</p>
<p>Phone: 0116 254 7731 &middot; Text: 07712 408196 &middot; Email: lessons@kestreldriving.co.uk</p>
<p>To book, call or text us with your name, postcode and whether you'd like manual or automatic, and we'll match you with an instructor.</p>
</body></html>`;

const physio = `<!doctype html><html><head><title>Northgate Physiotherapy &amp; Sports Massage | York</title></head><body>
<h1>Northgate Physiotherapy &amp; Sports Massage</h1>
<p>We're an independent clinic on the north side of York helping people recover from injury, surgery and everyday aches and pains. Whether you've hurt yourself playing sport, you're getting back on your feet after an operation or your back has simply had enough of the office chair, we'll find out what's going on and give you a clear plan to fix it.</p>
<p>You don't need a GP referral to see us as a self-paying patient.</p>
<h2>Prices</h2>
<table><tr><th>Appointment</th><th>Length</th><th>Price</th></tr>
<tr><td>Physiotherapy initial assessment</td><td>45 minutes</td><td>£65</td></tr>
<tr><td>Physiotherapy follow-up</td><td>30 minutes</td><td>£50</td></tr>
<tr><td>Extended follow-up</td><td>45 minutes</td><td>£62</td></tr>
<tr><td>Sports massage</td><td>30 minutes</td><td>£38</td></tr>
<tr><td>Sports massage</td><td>60 minutes</td><td>£55</td></tr>
</table>
<p>Save with a pack of 5 physiotherapy follow-ups for £225, or 3 sixty-minute sports massages for £150. Packs are valid for 6 months. Acupuncture and dry needling are included in physiotherapy sessions where your physio thinks they'll help, at no extra charge.</p>
<h2>Our Team</h2>
<ul>
<li><strong>Hannah Reed MCSP</strong> &ndash; Clinic Lead. Hannah specialises in knee and shoulder problems and rehab after surgery, including ACL reconstruction and hip and knee replacements.</li>
<li><strong>Marcus Obi MCSP</strong> &ndash; Marcus looks after runners and triathletes: Achilles, shin, ankle and foot problems, with video gait analysis. He is also physio to York Striders running club.</li>
<li><strong>Sophie Lang MCSP</strong> &ndash; Sophie's special interest is women's health, including pelvic girdle pain in pregnancy and postnatal recovery, alongside general back and neck pain.</li>
<li><strong>Jamie Fletcher</strong> &ndash; Level 5 sports massage therapist (not a physiotherapist). Deep tissue, pre-event and post-event massage. Jamie does most of our late-evening appointments.</li>
</ul>
<h2>Health Insurance</h2>
<p>We are recognised by Bupa, AXA Health, Aviva, Vitality, WPA and Simplyhealth for physiotherapy. Before your first appointment please contact your insurer and get a pre-authorisation number, as we can't bill them without it. Some policies have an excess, which you'll need to pay us directly. Sports massage is not covered by insurance.</p>
<p>If your insurer isn't on this list, you're welcome to pay yourself and claim the cost back &ndash; we'll give you a receipt with everything they need.</p>
<h2>Opening Hours</h2>
<ul>
<li>Monday: 8am &ndash; 8pm</li>
<li>Tuesday: 8am &ndash; 8pm</li>
<li>Wednesday: 9am &ndash; 5pm</li>
<li>Thursday: 8am &ndash; 9pm</li>
<li>Friday: 8am &ndash; 4pm</li>
<li>Saturday: 9am &ndash; 1pm</li>
<li>Sunday: closed</li>
</ul>
<h2>Coming to Your Appointment</h2>
<p>We'll usually need to see the area we're treating, so please wear something comfortable: shorts for hip, knee, ankle or foot problems, and a vest top or sports bra for back, neck or shoulder problems. You're welcome to bring someone with you.</p>
<p>Please bring a list of any medication you take and copies of any scan or X-ray reports. If you've got a running injury, bring the trainers you usually run in. We'll email you a short health questionnaire to fill in before your first visit.</p>
<p>There's a free car park right outside the clinic with 6 spaces, and more free parking on Kettlestring Lane. The clinic is all on the ground floor with step-free access.</p>
<h2>Cancellation Policy</h2>
<p>We ask for at least 24 hours' notice if you need to cancel or rearrange. Appointments cancelled with less than 24 hours' notice are charged at 50% of the fee, and missed appointments without any notice are charged in full. Insurers won't pay for missed appointments, so these charges come to you.</p>
<h2>FAQs</h2>
<p><strong>How many sessions will I need?</strong><br>It depends on the problem, but most people need between 3 and 5 sessions. We'll give you an honest idea at your assessment.</p>
<p><strong>Do you treat children?</strong><br>Yes, we see young people from age 12, with a parent or guardian present.</p>
<p><strong>Can I have my follow-ups by video?</strong><br>Yes, follow-ups can be done by video call at the normal £50 price. Your first assessment needs to be in person.</p>
<p><strong>How do I pay?</strong><br>We take card and contactless payments at the end of each session. We don't take cash.</p>
<h2>Book an Appointment</h2>
<p>Book online any time using the booking button at the top of this page, or call reception on 01904 612448 (Monday to Friday, 8.30am &ndash; 5pm).</p>
<p>Northgate Physiotherapy &amp; Sports Massage, Unit 3, Clifton Moor Business Village, James Nicolson Link, York YO30 4XG</p>
<p>Email: hello@northgatephysio.co.uk</p>
</body></html>`;

const removals = `<!doctype html><html><head><title>Greenway Removals &amp; Man with a Van | Nottingham</title></head><body>
<h1>Greenway Removals &amp; Man with a Van</h1>
<p>Family-run removals firm based in Nottingham, moving homes and businesses across the East Midlands since 2011. From a single sofa to a five-bedroom house, our uniformed, fully trained crews treat your belongings as if they were their own.</p>
<h2>Vans &amp; Rates</h2>
<table><tr><th>Vehicle</th><th>Best for</th><th>Crew</th><th>Hourly rate</th><th>Full day (8 hours)</th></tr>
<tr><td>Small van</td><td>Single items, student moves, bedsits</td><td>1 man</td><td>£45</td><td>£300</td></tr>
<tr><td>Luton van with tail lift</td><td>1&ndash;2 bedroom flats</td><td>2 men</td><td>£70</td><td>£480</td></tr>
<tr><td>7.5 tonne lorry</td><td>2&ndash;3 bedroom houses</td><td>3 men</td><td>£95</td><td>£680</td></tr>
<tr><td>18 tonne lorry</td><td>4 bedrooms and larger</td><td>4 men</td><td>Day rate only</td><td>£1,150</td></tr>
</table>
<p>Hourly bookings have a 2-hour minimum, except single-item jobs within Nottingham, which have a 1-hour minimum. Time is charged from arrival at your first address until the last item is unloaded, plus a fixed £20 travel charge. An extra pair of hands costs £25 per hour.</p>
<h3>Weekend surcharge</h3>
<p>Moves on a Saturday are charged at an extra 15%. Sundays and bank holidays are charged at an extra 25%.</p>
<h2>Packing Service</h2>
<p>Short on time, or just can't face it? Our packers can do the lot, or just the kitchen and the fragile bits.</p>
<ul>
<li>Packing: £28 per packer per hour, plus materials</li>
<li>Double-walled removal boxes: £2.50 each</li>
<li>Wardrobe boxes (so clothes travel on hangers): £9 each</li>
<li>Bubble wrap: £15 per roll</li>
<li>Mattress and sofa covers: free on every move</li>
</ul>
<h2>Storage</h2>
<p>Caught between completion dates? We offer secure containerised storage at our own Nottingham warehouse, monitored by CCTV 24 hours a day. Each wooden container holds about 250 cubic feet &ndash; roughly the contents of a bedroom. Storage is £22 per container per week, with a minimum term of 4 weeks, and your first 2 weeks are half price.</p>
<h2>Insurance</h2>
<p>Every move includes goods-in-transit cover of up to £50,000 and £5 million public liability insurance. Any single item worth more than £2,000 (art, antiques, jewellery) must be declared when you book so we can arrange extra cover. Please note that breakages inside boxes you have packed yourself are not covered &ndash; only items packed by our team.</p>
<h2>Where We Cover</h2>
<p>We cover Nottingham, Derby, Leicester, Mansfield, Loughborough and everywhere within 30 miles of our depot. We also do long-distance moves anywhere in mainland UK, priced by quote. We don't do international moves.</p>
<h2>How Quotes Work</h2>
<p>All quotes are free and there's no obligation. For small moves and man-with-a-van jobs we can usually price it over the phone. For house moves we'll arrange a free survey, either at your home or by video call, and send you a written fixed-price quote within 24 hours. A fixed price means no nasty surprises if the day runs long.</p>
<h2>Deposits &amp; Cancellations</h2>
<p>A 20% deposit secures your date, with the balance paid on the day before we unload, by card or bank transfer. If you cancel 7 days or more before your move, your deposit is refunded in full. Cancel with less than 7 days' notice and the deposit is kept.</p>
<h2>Things We Can't Move</h2>
<ul>
<li>Pianos (we're happy to recommend a specialist)</li>
<li>Gas bottles, petrol, paint, fireworks or anything flammable</li>
<li>Pets or other live animals</li>
<li>Firearms or ammunition</li>
</ul>
<p>Fridges and freezers need to be switched off and defrosted 24 hours before the move.</p>
<h2>Questions We Get Asked a Lot</h2>
<p><strong>Will you take apart and rebuild furniture?</strong> Yes &ndash; beds, wardrobes and tables are dismantled and reassembled free of charge on all house moves.</p>
<p><strong>How far ahead should I book?</strong> For house moves we suggest 4&ndash;6 weeks, especially for Fridays and the end of the month, which get busy.</p>
<p><strong>Do you move offices?</strong> Yes, we do office moves, usually in the evening or at weekends to keep disruption down.</p>
<h2>Contact Us</h2>
<p>Greenway Removals, Unit 7, Trent Lane Industrial Estate, Nottingham NG2 4DS</p>
<p>Call 0115 948 3320 or email moves@greenwayremovals.co.uk</p>
<p>Office hours: Monday to Friday 8am &ndash; 6pm, Saturday 8am &ndash; 1pm. We carry out moves 7 days a week.</p>
</body></html>`;

const askDriving = documentAsker('html', driving, 'Kestrel Driving School');
const askPhysio = documentAsker('html', physio, 'Northgate Physiotherapy & Sports Massage');
const askRemovals = documentAsker('html', removals, 'Greenway Removals');

t.test('a rate per hour against a rate per day', async (t) => {
  t.match(await askRemovals('how much is the luton van per hour?'), /Luton van.*£70 per hour/);
  t.match(await askRemovals('what is the hourly rate for the luton van?'), /£70 per hour/);
  t.match(await askRemovals("what's the full day price for the 7.5 tonne lorry?"), /£680/);
  const day = await askRemovals('how much is the small van for a day?');
  t.match(day, /£300/);
  t.notMatch(day, /£45/);
});

t.test('two rows of one name told apart by their length', async (t) => {
  const hour = await askPhysio("what's the price of an hour's sports massage?");
  t.match(hour, /£55/);
  t.notMatch(hour, /£38/);
  t.match(await askPhysio('how much is a one hour sports massage?'), /£55/);
  t.match(await askPhysio('how much is a half hour sports massage?'), /£38/);
  t.match(
    await askPhysio('how much is a sports massage?'),
    /Sports massage is £38 for 30 minutes, or £55 for 60 minutes/,
  );
});

t.test('a price said of "it" under its heading', async (t) => {
  t.match(await askDriving('how much is pass plus?'), /^Pass Plus takes a minimum of 6 hours and costs £210/);
  t.match(
    await askDriving('my daughter just passed, what does the extra motorway and night driving course cost?'),
    /£210/,
  );
});

t.test("the business's own address on a line of its own", async (t) => {
  t.match(await askPhysio('where are you exactly?'), /Unit 3, Clifton Moor Business Village.*YO30 4XG/);
  t.match(await askPhysio("what's your address?"), /YO30 4XG/);
});

t.test("who to see, past the caller's story", async (t) => {
  t.match(
    await askPhysio("i had my knee replaced back in march, who's the best person to see?"),
    /Hannah Reed/,
  );
  t.match(
    await askPhysio(
      "i'm six months pregnant and getting awful pain round my pelvis, have you got someone for that?",
    ),
    /Sophie Lang/,
  );
  t.match(
    await askDriving("my mum's english isn't great, she speaks gujarati, can anyone teach her in that?"),
    /Priya/,
  );
  t.match(
    await askDriving("is there anyone who's good with people who get really panicky?"),
    /Dave Whitmore/,
  );
  t.equal(questionShape('have you got someone for that').type, 'who');
  t.equal(questionShape('my son is 17, who teaches automatics?').type, 'who');
  // Asking to be put through stays a request to speak to someone.
  t.equal(questionShape('is there someone i can speak to').type, 'yesno');
});

t.test('a yes/no question a price row answers only by its item', async (t) => {
  const insured = await askRemovals("are my things insured while they're in the lorry?");
  t.notMatch(insured, /£/, insured);
  t.match(await askRemovals('have you got a van for a two bed flat?'), /Luton van.*1–2 bedroom flats/);
});

t.test('the area, the minimum, a cancellation', async (t) => {
  t.match(await askRemovals('do you go as far as derby?'), /We cover Nottingham, Derby/);
  t.match(await askRemovals("what's the shortest time you'll store for?"), /minimum term of 4 weeks/);
  t.match(
    await askPhysio("if i can't make it and only ring you that morning, do i still have to pay?"),
    /50% of the fee/,
  );
  t.match(
    await askDriving('do you do the ones where you cram it all into a week or two?'),
    /intensive courses/,
  );
});

t.test('a pointing clause, the GP, the wait, bringing along', async (t) => {
  t.match(await askPhysio("i'm covered through work with vitality, can i use that?"), /Vitality/);
  t.notMatch(await askPhysio("i'm covered through work with vitality, can i use that?"), /Health Insurance/);
  t.match(await askPhysio('do i have to go to my doctor first?'), /don't need a GP referral/);
  t.match(await askPhysio("how long's the wait for an appointment at the moment?"), /free appointment times/);
  t.notMatch(await askPhysio('is there anything i should bring along?'), /alongside/);
});

t.test('a price said before its item, the week, a late cancellation', async (t) => {
  t.match(await askDriving('how much is the deposit?'), /£200 non-refundable deposit/);
  t.match(
    await askDriving('how late in the evening can i have a lesson during the week?'),
    /Lessons: Monday to Friday 7am–8pm/,
  );
  t.match(await askDriving('what happens if i have to pull out the night before?'), /48 hours' notice/);
});

t.test("the business's staff and a phrase for its packing service", async (t) => {
  // "Your people" are whoever the firm sends; "put our stuff into boxes" is packing, and its
  // "boxes" is said by the phrase (read alone it finds the boxes on sale).
  t.match(
    await askRemovals('how much is it for your people to put all our stuff into boxes?'),
    /£28 per packer/,
  );
  t.match(await askRemovals('how much for your lads to pack everything up for us?'), /£28 per packer/);
  t.match(await askRemovals('how much are your boxes?'), /£2\.50|wardrobe|double-walled/i);
  // A pet taken in the van is what the page's "can't move" list calls pets ("cat" is no "man").
  const cat = await askRemovals('will you take the cat in the van?');
  t.match(cat, /Pets or other live animals/);
  t.notMatch(cat, /man-with-a-van/);
});
