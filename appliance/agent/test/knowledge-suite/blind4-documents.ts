/**
 * The documents of the fourth blind set (2026-12-05), written by an evaluator who did not read
 * the engine: a family removals firm's price guide (a two-page PDF, price tables and prose, the
 * packing materials table cut by the page break) and an independent florist's web page (HTML:
 * nav, a bouquet price table, lists, an hours table, a footer with the address).
 * make-documents.ts writes them; the questions are in tune-blind4.ts and heldout-blind4.ts.
 */

/**
 * Hilltop Removals: the price guide a family removals and storage firm emails as a PDF. Lines for
 * writePdf() ('# ' heading, '| a | b | c' table row, '' blank); 47 lines a page, so the packing
 * materials table runs across the page break. ASCII and '£' only (the PDF is WinAnsi).
 */
export const removals: string[] = [
  '# Hilltop Removals - price guide 2026',
  'Family removals and storage since 1987. Free quotes.',
  'Office: 27 Station Road, Brackley Cross BX7 2QT. Telephone 01632 960824.',
  'Email moves@hilltopremovals.example',
  '',
  '# Who we are',
  'Hilltop Removals was started by Ron Oakes with one van in 1987 and is now run by his sons,',
  'Graham and Peter Oakes. Graham looks after quotes, bookings and accounts; Peter runs the',
  'depot and keeps our vans and lorries on the road. Sandra Kemp is our move surveyor: she visits',
  'your home (free, about 45 minutes) or does a video survey by phone, and writes your quote.',
  'Dean Whitlock, our head foreman, leads the lorry crews on the day and does all piano moves.',
  'Lisa Marsh in the office handles changes of date and storage bookings.',
  '',
  '# Office hours and areas covered',
  'The office is open Monday to Friday 8.00 am to 5.30 pm and Saturday 9.00 am to 12.30 pm.',
  'It is closed on Sundays, but our crews move seven days a week.',
  'We cover Brackley Cross, Ferrisham, Lower Wendle and the villages within 25 miles, and move',
  'customers anywhere in England and Wales. We do not do removals to or from other countries.',
  '',
  '# Hourly rates (van or lorry, driver and crew, fuel included)',
  '| Vehicle and crew | Per hour | Best for',
  '| Transit van with 1 man | £55 | single items, students',
  '| Transit van with 2 men | £70 | bedsits and small flats',
  '| Luton van with 2 men | £90 | 1 or 2 bedroom flats',
  '| Luton van with 3 men | £115 | 2 or 3 bedroom houses',
  '| 7.5 tonne lorry with 3 men | £140 | 3 or 4 bedroom houses',
  '| 7.5 tonne lorry with 4 men | £165 | larger homes',
  'Minimum charge: 2 hours for a Transit or Luton van, 3 hours for a lorry. After the minimum we',
  'charge by the half hour. Time runs from our arrival at your first address until the last item',
  'is unloaded, plus a travel charge of £25 for the drive out (free within Brackley Cross).',
  'Saturday moves cost 15% more. Sundays and bank holidays cost 30% more. We do not move on',
  "Christmas Day, Boxing Day or New Year's Day.",
  '',
  '# Long-distance moves',
  'For moves of more than 30 miles we charge the hourly rate for loading and unloading, plus',
  '£1.90 per loaded mile in a Luton van or £2.60 per loaded mile in a lorry. Moves over 200',
  'miles are by fixed quote only, after a survey. If the crew has to stay overnight, we add £85',
  'per crew member for accommodation and meals.',
  '',
  '# Packing service',
  'Our packers pack your whole home the day before the move at £32 per packer per hour',
  '(minimum 4 hours), materials extra. A fragile-only pack (china, glass, pictures, mirrors) is',
  '£145 for a typical kitchen and living room. We unpack at the same hourly rate, and collect',
  'your empty boxes free of charge within 4 weeks of the move.',
  '',
  '# Packing materials (delivered free with a booked move, otherwise £10 delivery)',
  '| Item | Price | Note',
  '| Small box 45 x 30 x 30 cm | £2.20 | books, kitchen items',
  '| Large box 55 x 45 x 40 cm | £2.90 | bedding, toys, cushions',
  '| Wardrobe carton with hanging rail | £12.50 | lent free with a full pack',
  '| Picture and mirror carton | £6.50 | adjustable size',
  '| Packing tape, 66 m roll | £1.80 | brown or clear',
  '| Bubble wrap, 10 m roll | £5.50 | 50 cm wide',
  '| Mattress bag, single or double | £4.50 | king size £6',
  '| White packing paper, 5 kg | £14 | about 500 sheets',
  'Box kit for a two-bedroom home (30 small and 20 large boxes, 4 tapes, 2 bubble wraps): £125.',
  'Unused boxes in good condition can be returned within a month for half the price back.',
  '',
  '# Pianos and heavy items (on top of the hourly rate)',
  '| Item | Charge | Note',
  '| Upright piano | £140 | plus £40 per flight of stairs',
  '| Baby grand or grand piano | £320 | legs off and refitted',
  '| American-style fridge freezer | £40 | defrost it first',
  '| Safe up to 250 kg | £95 | heavier safes by quote',
  '| Range cooker | £50 | we do not disconnect gas',
  '| Hot tub, ride-on mower, snooker table | by quote | survey needed',
  'Gas cookers must be disconnected by a Gas Safe registered engineer before we arrive.',
  '',
  '# Storage',
  'We store in wooden containers at our secure storage yard: Hilltop Storage, Unit 9, Quarry Lane',
  'Industrial Estate, Ferrisham FR2 8LD. (This is not our office; please do not bring goods to',
  'Station Road.) Each container holds 250 cubic feet, about one furnished room, and costs',
  '£24 per container per week, minimum 4 weeks; the first 2 weeks are half price when you move',
  'with us. You can visit your container by appointment, Monday to Friday 9.00 am to 4.00 pm,',
  'with 48 hours notice; each visit costs £30, as we lift the container down with a forklift.',
  'Storage cover is £3.50 per container per week for goods worth up to £6,000 per container.',
  '',
  '# Insurance',
  'Every move includes goods-in-transit cover up to £30,000. Extended cover up to £80,000 costs',
  '£48 per move. Please list any single item worth more than £2,500 before the move. Boxes you',
  'pack yourself are covered against loss, but not against breakage of what is inside them.',
  '',
  '# Deposit, payment and cancellation',
  'A deposit of 20% of the quote secures your date. The balance is due 3 working days before the',
  'move. We take bank transfer and debit or credit cards (not American Express). No cheques.',
  'Cancelling: more than 10 working days before the move, the deposit is refunded in full; 10 to',
  '3 working days before, you lose the deposit; less than 3 working days, you pay half the quote.',
  'You can change your date once for free with 5 working days notice. If your keys are late on',
  'completion day, waiting time is charged at the hourly rate; if you cannot get in at all, we',
  'keep your goods on the lorry overnight for £75.',
  '',
  '# What we cannot move',
  'For safety and by law we do not carry petrol, paint, gas bottles, fireworks, ammunition or',
  'garden chemicals. We do not move pets or any other animals, and plants travel at your own',
  'risk. Please keep cash, jewellery, passports and house deeds with you on the day.',
  '',
  '# On moving day',
  'If anyone is hurt or something is badly damaged, ring 999 first if it is an emergency, then',
  'our moving-day line 07700 900412, answered from 7.00 am to 9.00 pm every day. Parking: if the',
  'lorry needs a parking suspension outside your home, please apply to your council in good',
  'time. Tips are never expected, but our crews love a cup of tea.',
];

/**
 * Bramble & Bloom: an independent florist's web page, as the shop's site serves it (head, nav,
 * sections with a price table and lists, an opening hours table, a footer with the address).
 */
export const florist = `<!DOCTYPE html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Bramble &amp; Bloom | Independent florist in Pellingford</title>
    <link rel="stylesheet" href="/assets/site.css" />
  </head>
  <body>
    <nav class="site-nav">
      <a class="logo" href="/">Bramble &amp; Bloom</a>
      <ul>
        <li><a href="#bouquets">Bouquets</a></li>
        <li><a href="#weddings">Weddings</a></li>
        <li><a href="#funerals">Funeral flowers</a></li>
        <li><a href="#delivery">Delivery</a></li>
        <li><a href="#workshops">Workshops</a></li>
        <li><a href="#visit">Visit us</a></li>
        <li><a href="https://shop.brambleandbloom.example">Order online</a></li>
      </ul>
    </nav>

    <header class="hero">
      <h1>Bramble &amp; Bloom</h1>
      <p class="tagline">Seasonal flowers, made by hand on Abbey Row since 2011</p>
    </header>

    <main>
      <section id="about">
        <h2>About us</h2>
        <p>
          Bramble &amp; Bloom is owned by Hannah Greaves, who opened the shop in 2011 after ten years
          working at the London flower markets. We buy from British growers whenever we can, and
          everything is made by hand in the shop. Hannah looks after all our weddings and events.
          Priya Shah is our senior florist: she makes most of our funeral tributes and runs our
          workshops. On Saturdays you'll also meet Ellie, our apprentice, and our deliveries are
          driven by Mick in the little green van.
        </p>
      </section>

      <section id="bouquets">
        <h2>Bouquets and arrangements</h2>
        <table class="prices">
          <thead>
            <tr><th>Bouquet</th><th>Price</th><th>What you get</th></tr>
          </thead>
          <tbody>
            <tr><td>Posy</td><td>&pound;22</td><td>a small hand-tied posy of seasonal flowers</td></tr>
            <tr><td>Hand-tied bouquet: Classic</td><td>&pound;40</td><td>florist's choice, in water, in a gift bag</td></tr>
            <tr><td>Hand-tied bouquet: Generous</td><td>&pound;60</td><td>more stems and more foliage</td></tr>
            <tr><td>Hand-tied bouquet: Showstopper</td><td>&pound;85</td><td>large, with premium flowers</td></tr>
            <tr><td>A dozen red roses</td><td>&pound;70</td><td>hand-tied with eucalyptus; &pound;90 in Valentine's week</td></tr>
            <tr><td>Vase arrangement</td><td>&pound;58</td><td>arranged in a glass vase that you keep</td></tr>
            <tr><td>Hatbox</td><td>&pound;48</td><td>flowers arranged in a keepsake box, no vase needed</td></tr>
          </tbody>
        </table>
        <ul>
          <li>Every order comes with a handwritten message card at no extra cost.</li>
          <li>Add a bar of local chocolate for &pound;6 or a scented candle for &pound;18.</li>
          <li>Most bouquets can be made in a colour scheme of your choice: just tell us when you order.</li>
        </ul>
      </section>

      <section id="subscriptions">
        <h2>Flower subscriptions</h2>
        <p>
          Fresh flowers at home or at work: a Classic-size bouquet of whatever is best that week,
          delivered on Fridays. Weekly &pound;34 a bouquet, fortnightly &pound;37, monthly &pound;40.
          Delivery in Zone 1 is included; Zones 2 and 3 pay the usual delivery charge. Pause or cancel
          at any time with a week's notice.
        </p>
      </section>

      <section id="weddings">
        <h2>Weddings</h2>
        <p>
          Wedding flowers are by consultation only. Book a free consultation with Hannah (about an
          hour, in the shop on a Thursday, or by video call) and you'll have a written quote within a
          week. As a guide, bridal bouquets start at &pound;120 and buttonholes are &pound;9.50 each. A
          deposit of 25% secures your date, and the balance is due 4 weeks before the wedding. We take
          no more than two weddings a weekend, so please book 6 to 12 months ahead for a summer Saturday.
        </p>
      </section>

      <section id="funerals">
        <h2>Funeral tributes</h2>
        <p>
          We know how hard these calls are. Priya will talk you through the choices and can ring the
          funeral director for you.
        </p>
        <table class="prices">
          <tr><th>Tribute</th><th>From</th></tr>
          <tr><td>Posy pad</td><td>&pound;40</td></tr>
          <tr><td>Wreath (open ring or based)</td><td>&pound;65</td></tr>
          <tr><td>Single-ended spray</td><td>&pound;60</td></tr>
          <tr><td>Double-ended coffin spray (5 ft)</td><td>&pound;160</td></tr>
          <tr><td>Heart (open or based)</td><td>&pound;95</td></tr>
          <tr><td>Pillow or cushion</td><td>&pound;80</td></tr>
          <tr><td>Letters (e.g. MUM, GRANDAD), per letter</td><td>&pound;50</td></tr>
        </table>
        <p>
          Please order at least 2 working days before the funeral, and 4 working days for letters and
          names. We deliver tributes free of charge to funeral directors in Zones 1 to 3.
        </p>
      </section>

      <section id="delivery">
        <h2>Delivery</h2>
        <p>We deliver in our own van Monday to Saturday. Charges by distance from the shop:</p>
        <ul>
          <li>Zone 1, Pellingford and up to 3 miles: &pound;5 (free on orders over &pound;60)</li>
          <li>Zone 2, 3 to 8 miles: &pound;8.50</li>
          <li>Zone 3, 8 to 15 miles: &pound;12</li>
          <li>Further afield in the UK: sent through our partner florists, with a &pound;9.95 booking fee</li>
        </ul>
        <p>
          Same-day delivery: order by 12 noon Monday to Friday (11 am on Wednesdays, our half day) or
          by 10 am on Saturdays. A morning delivery, before noon, is &pound;6 extra; otherwise we can't
          promise a time. Please note that Pellingford General Hospital does not allow flowers on its
          wards, so we can't deliver there.
        </p>
      </section>

      <section id="workshops">
        <h2>Workshops</h2>
        <p>
          Our wreath-making evenings run on Thursdays in late November and December at St Michael's
          Village Hall, Mill Road, Upper Ashby UA2 4JD (not at the shop; there is free parking at the
          hall). 7 pm to 9.30 pm, &pound;55 per person, with all materials, mulled wine and mince pies.
          Our spring posy workshop is in April, &pound;40. Places are limited to 16 and are booked online
          only. Private workshops for hen parties and groups from &pound;45 per person, minimum 8 people.
        </p>
      </section>

      <section id="care">
        <h2>Caring for your flowers</h2>
        <ol>
          <li>Cut 2 cm off the stems at an angle with sharp scissors before you put them in water.</li>
          <li>Add the flower food sachet and change the water every 2 days.</li>
          <li>Keep flowers away from radiators, strong sun and the fruit bowl (ripening fruit makes them fade).</li>
          <li>Pick the pollen off lilies with a tissue as they open: it stains clothes.</li>
          <li>
            Lilies are very poisonous to cats. If your cat has eaten or licked any part of a lily, even
            the pollen, call your vet straight away. We can leave lilies out of any order.
          </li>
          <li>Water orchids once a week by standing the pot in water for 10 minutes.</li>
        </ol>
      </section>

      <section id="not-offered">
        <h2>What we don't do</h2>
        <ul>
          <li>We don't send flowers abroad.</li>
          <li>We don't sell artificial or silk flowers (we do sell dried flowers).</li>
          <li>No helium balloons, for the sake of wildlife.</li>
          <li>No deliveries on Sundays.</li>
        </ul>
      </section>

      <section id="visit">
        <h2>Visit the shop</h2>
        <table class="hours">
          <tr><td>Monday</td><td>8.30 am to 5.30 pm</td></tr>
          <tr><td>Tuesday</td><td>8.30 am to 5.30 pm</td></tr>
          <tr><td>Wednesday</td><td>8.30 am to 1 pm (half day)</td></tr>
          <tr><td>Thursday</td><td>8.30 am to 5.30 pm</td></tr>
          <tr><td>Friday</td><td>8.30 am to 5.30 pm</td></tr>
          <tr><td>Saturday</td><td>9 am to 4 pm</td></tr>
          <tr><td>Sunday</td><td>Closed (open 9 am to 12 noon on Mother's Day)</td></tr>
        </table>
        <p>
          Parking: free for 30 minutes on Abbey Row, and the Cattle Market car park is two minutes'
          walk away. We take cards, Apple Pay, Google Pay and cash. Sorry, no cheques.
        </p>
      </section>
    </main>

    <footer>
      <p>Bramble &amp; Bloom, 12 Abbey Row, Pellingford PG3 9TE</p>
      <p>Telephone 01632 960152 &middot; hello@brambleandbloom.example &middot; Instagram @brambleandbloom</p>
      <p>&copy; 2026 Bramble &amp; Bloom Ltd, registered in England no. 07712345 &middot; <a href="/privacy">Privacy</a></p>
    </footer>
  </body>
</html>
`;
