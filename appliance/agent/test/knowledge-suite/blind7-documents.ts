/**
 * The documents of the seventh blind set (2026-12-05), written by an evaluator who did not read
 * the engine: a swimming school's lessons, timetable and fees leaflet (a two-page PDF, a fee
 * table, a timetable by day, time, stage and pool that the page break cuts, prose) and a mobile
 * car valeting firm's prices and information sheet (a Word document, packages priced by vehicle
 * size in a five-column table, extras and travel bands in two-column tables, paragraphs).
 * make-documents.ts writes them; the questions are in tune-blind7.ts and heldout-blind7.ts.
 */
import type { Block } from './blind3-documents.js';

/**
 * Otterbrook Swim School: the leaflet a swimming school emails to families who ask about
 * lessons and puts on its site as a PDF. Lines for writePdf() ('# ' heading, '| a | b | c | d'
 * table row, '' blank); 52 lines a page, so the page break cuts the timetable after its first
 * six rows (the header row is not repeated on page 2). ASCII and '£' only (the PDF is WinAnsi).
 */
export const swim: string[] = [
  '# Otterbrook Swim School - lessons, timetable and fees 2026-27',
  'Swimming lessons for babies, children and adults in Aldermoor and Ellingham since 2009.',
  'Swim England registered. Every teacher is qualified, DBS checked and first aid trained.',
  'Office: 22 Kings Parade, Aldermoor AL4 2DN. Telephone 01632 962715.',
  'Email splash@otterbrookswim.example',
  '',
  '# Where we teach',
  'All our lessons are at two pools; there is no pool at the office, so please do not go there.',
  'Brookfield: Brookfield Leisure Centre, Brookfield Road, Aldermoor AL6 3PS, main 25 m pool and',
  'learner pool. The car park is free for 3 hours, and parents watch from the gallery upstairs.',
  "St Wilfrid's: the teaching pool at St Wilfrid's Primary School, Church Lane, Ellingham",
  'EL2 7RB, through the side gate on Vicarage Walk. There is no parking at the school: please use',
  'the village hall car park opposite. Parents wait in the school hall, as there is no viewing',
  'area. The pool is 0.9 m deep all over and kept at 31 degrees, so it is lovely for beginners.',
  '',
  '# The office',
  'The office is open Monday to Friday, 9.00 am to 2.30 pm, in term time, and until 6.00 pm in',
  'the first week of each term. Closed weekends and bank holidays; in school holidays, email only.',
  '',
  '# Lessons and stages',
  'Ducklings: parent and baby or toddler, 6 months to 3 years, with a parent in the water.',
  "Stages 1 to 7: children from 4 years old, following Swim England's Learn to Swim stages.",
  'Stage 1 is for children who have never swum; by Stage 7 they swim 400 m in all four strokes.',
  'Adult improvers: adults (16 and over) who can already swim 10 metres and want to get better,',
  'learn front crawl or feel safer in deep water. We do not teach adults who cannot swim at all',
  'in a group: book private lessons instead, at either pool, at times arranged with the office.',
  '',
  '# Term fees (terms of 10 weeks)',
  '| Lesson | Length | Fee per term',
  '| Ducklings (parent and child) | 30 min | £72',
  '| Group lesson, Stages 1 to 4 (up to 6 swimmers) | 30 min | £85',
  '| Group lesson, Stages 5 to 7 (up to 8 swimmers) | 45 min | £98',
  '| Adult improvers (up to 6 swimmers) | 45 min | £110',
  '| Private lesson (one swimmer, one teacher) | 30 min | £265',
  '| 1-to-2 lesson (two swimmers share a teacher) | 30 min | £150 each',
  'Private and 1-to-2 lessons can also be booked one at a time when there is a space: £28 for a',
  'private lesson, £16 per swimmer for a 1-to-2. Adult improvers can pay as they go at £12.50 a',
  'session if the class is not full (text the office the day before).',
  'Brothers and sisters: the second child and any more children in group lessons get 10% off',
  'their term fee (not on private or 1-to-2 lessons, and not on crash courses).',
  'A joining fee of £15 per family, paid once, covers Swim England membership and a record book.',
  'Fees are paid before the first lesson of term by card over the phone or bank transfer, or in',
  'three monthly direct debits. We cannot take cash or cards at the poolside.',
  '',
  '# Term-time timetable',
  '| Day | Time | Stage | Pool',
  '| Monday | 4.00-4.30 pm | Stage 1 | Brookfield',
  '| Monday | 4.30-5.00 pm | Stage 2 | Brookfield',
  '| Monday | 5.00-5.45 pm | Stage 5 | Brookfield',
  "| Tuesday | 4.15-4.45 pm | Stage 1 | St Wilfrid's",
  "| Tuesday | 4.45-5.15 pm | Stage 2 | St Wilfrid's",
  "| Tuesday | 5.15-5.45 pm | Stage 4 | St Wilfrid's",
  '| Wednesday | 10.00-10.30 am | Ducklings | Brookfield',
  '| Wednesday | 4.00-4.30 pm | Stage 3 | Brookfield',
  '| Wednesday | 4.30-5.15 pm | Stage 6 | Brookfield',
  '| Wednesday | 5.15-6.00 pm | Stage 7 | Brookfield',
  "| Thursday | 4.15-4.45 pm | Stage 3 | St Wilfrid's",
  '| Thursday | 7.30-8.15 pm | Adult improvers | Brookfield',
  '| Friday | 10.00-10.30 am | Ducklings | Brookfield',
  '| Friday | 4.00-4.30 pm | Stage 4 | Brookfield',
  '| Saturday | 8.30-9.00 am | Assessments | Brookfield',
  '| Saturday | 9.00-9.30 am | Stage 1 | Brookfield',
  '| Saturday | 10.00-10.45 am | Stage 6 | Brookfield',
  '| Saturday | 10.45-11.15 am | Make-ups (1-4) | Brookfield',
  '| Saturday | 11.15 am-12.00 pm | Adult improvers | Brookfield',
  "| Sunday | 9.00-9.30 am | Ducklings | St Wilfrid's",
  'No lessons in half-term weeks or on bank holidays. Terms start 7 Sept, 4 Jan and 19 April.',
  '',
  '# Try us first',
  'Not sure which stage your child needs? Book a free 15-minute assessment with our head coach',
  'on a Saturday at 8.30 am at Brookfield. Babies and children who have never swum can start in',
  'Ducklings or Stage 1 without one. Adults: your first adult improvers lesson is a free trial.',
  '',
  '# Holiday crash courses',
  'Five lessons in a week, 30 minutes a day, Monday to Friday at Brookfield in the Easter and',
  'summer holidays, for Stages 1 to 4: £55 for the week. Choose 9.00, 9.30, 10.00 or 10.30 am.',
  '',
  '# Missed lessons and closed pools',
  'We cannot refund or carry over lessons missed for holidays, parties or illness, but you can',
  'have up to 2 make-up lessons a term in the Saturday 10.45 am make-up class at Brookfield',
  '(Stages 1 to 4) if you tell Daniel by 12 noon on the Friday. If your child is off for 3 weeks',
  "or more, send us a doctor's note and we will credit the missed lessons against next term.",
  'Children who have had sickness or diarrhoea must stay out of the pool for 48 hours.',
  'Now and then a pool has to close at short notice (a fouling, a heating fault, a power cut).',
  'We text every family as soon as we know. We never charge for a lesson we cancel: it is',
  "credited to next term's fees, or refunded if you are leaving us.",
  '',
  '# What to bring',
  'A swimsuit or trunks (no baggy shorts), a towel and a drink. Long hair needs a swimming hat:',
  'we sell them for £4. Goggles are fine from Stage 2 up. Ducklings need a reusable swim nappy',
  'over a disposable one. Please leave armbands at home: we provide all the floats.',
  '',
  '# Our team',
  'Karen Pritchard, head coach: teaches Stages 5 to 7 and decides when swimmers move up a stage.',
  'Daniel Osei, office manager: bookings, fees, direct debits, make-up lessons and waiting lists.',
  'Megan Lloyd, instructor: Ducklings and Stages 1 and 2.',
  'Tom Baxter, instructor: Stages 3 and 4, and most of our private lessons.',
  'Lindsey Carr, instructor: adult improvers and 1-to-2 lessons.',
  '',
  '# If someone is hurt or unwell at the pool',
  'Tell the lifeguard or the teacher straight away: there is a qualified lifeguard on the side',
  'at every lesson, with first aid and a defibrillator. If it is serious (a head injury, trouble',
  'breathing, a fit, or someone who will not wake up), ring 999 at once. Please do not ring the',
  'office or leave us a message about it: nobody is in the office during most lessons.',
];

/**
 * Tidewell Mobile Valeting: the prices and information sheet a small mobile valeting firm
 * writes in Word and emails to people who ask for a price.
 */
export const valet: Block[] = [
  { h1: 'Tidewell Mobile Valeting - prices and information' },
  {
    p: 'Hand car valeting at your home or workplace in Farnleigh and the villages around it. We come to you with everything we need, so you can hand over the keys and get on with your day.',
  },
  { p: 'Phone or text 01632 965418. Email bookings@tidewellvaleting.example' },
  { h2: 'When we work' },
  {
    p: 'We valet Monday to Saturday from 8.00 am to 6.00 pm, and the last full valet of the day starts at 2.00 pm. From November to February we finish at 4.00 pm because of the light, and the last full valet starts at 12 noon. We do not work on Sundays or bank holidays.',
  },
  {
    p: 'The phone is answered Monday to Friday 8.30 am to 5.30 pm and Saturday 9.00 am to 12 noon. Outside those times, send a text and we will reply on the next working day.',
  },
  { h2: 'Our packages' },
  {
    p: 'All prices include VAT. Not sure which size your vehicle is? A small car is a city car or small hatchback, such as a Fiesta, Corsa or Polo. A family car is a larger hatchback, saloon or estate, such as a Focus, Golf, Octavia or Qashqai. 4x4 and MPV covers large SUVs and 7-seaters, such as a Discovery, X5, Sharan or Zafira. Vans are small and medium vans up to the size of a Transit Custom; larger vans and minibuses are priced on request.',
  },
  {
    table: [
      ['Package', 'Small car', 'Family car', '4x4 or MPV', 'Van'],
      [
        'Mini valet: hand wash, wheels, windows, quick vacuum and wipe-down (about 1 hour)',
        '£30',
        '£35',
        '£42',
        '£45',
      ],
      [
        'Full valet: the mini valet plus shampooed seats and carpets, dashboard, door shuts and tyre dressing (3 to 4 hours)',
        '£95',
        '£110',
        '£130',
        '£140',
      ],
      [
        'Interior deep clean: seats, carpets, headlining and boot shampooed, leather cleaned and fed (2 to 3 hours)',
        '£75',
        '£85',
        '£100',
        '£110',
      ],
      [
        'Exterior detail: snow foam, clay bar, machine polish and wax (about 3 hours)',
        '£90',
        '£105',
        '£125',
        '£135',
      ],
      [
        'Showroom package: full valet and exterior detail together (a full day)',
        '£170',
        '£195',
        '£230',
        '£245',
      ],
    ],
  },
  { h2: 'Extras' },
  {
    p: 'Extras can be added to any package. Most are starting prices, because it depends on the state of the vehicle: we confirm the price when we see it, before we start.',
  },
  {
    table: [
      ['Extra', 'Price'],
      ['Pet hair removal', 'from £20'],
      ['Headlight restoration (pair)', 'from £40'],
      ['Odour treatment with ozone (smoke, damp or pets)', 'from £45'],
      ['Child seat clean', '£15 per seat'],
      ['Engine bay clean (petrol and diesel only)', 'from £30'],
      ['Ceramic coating, 5 years protection', 'from £395'],
    ],
  },
  {
    p: 'Ceramic coating is the one job we cannot do at your door, as the paint has to be corrected first and the coating left to cure indoors overnight. It is done at our unit: Unit 5, Hollybush Farm Workshops, Mill Lane, Cowley Green FN4 2RE. Drop the car off at 8.00 am and collect it at 5.00 pm the next day. The unit is a workshop, not a car wash: please do not turn up there without a booking.',
  },
  { h2: 'Where we go' },
  {
    p: 'We cover Farnleigh, Cowley Green, Hartsbourne, Little Dene, Stoke Ashby and the villages in between. Travel is measured from Farnleigh town centre:',
  },
  {
    table: [
      ['Distance', 'Travel charge'],
      ['Up to 5 miles', 'free'],
      ['5 to 10 miles', '£8'],
      ['10 to 15 miles', '£15'],
      ['Over 15 miles', 'fleet work only, by quote'],
    ],
  },
  { h2: 'What we need from you' },
  {
    p: 'We carry our own water in a 250-litre tank and our own quiet generator, so you do not need to give us water or electricity, and we can work in the street or in a car park at work. All we need is a space where we can open every door and walk all the way round the vehicle, permission to park there for as long as the job takes, and the keys. If you have an outside tap and a power point we can reach, tell us when you book: we will use them and take £5 off the price.',
  },
  {
    p: 'Please take personal things, child seats and rubbish out of the car before we arrive. We cannot work in multi-storey or underground car parks, where the generator is not allowed, or on a road with parking restrictions.',
  },
  { h2: 'Weather' },
  {
    p: 'We work in light rain under our pop-up canopy, but not in heavy rain or strong winds, or when it is below 3 degrees, as wax and polish will not set. If the forecast is bad we will ring or text you by 6.00 pm the evening before to move your booking to the first free day, at no charge. Interior deep cleans usually go ahead in any weather if the car can be parked with the doors open. If we cancel because of the weather, your deposit moves to the new date, or is refunded if you prefer.',
  },
  { h2: 'Booking, deposits and paying' },
  {
    p: 'Book by phone, text or email, ideally a week ahead (two to three weeks ahead in spring and in December). We text you the day before with a one-hour arrival window.',
  },
  {
    p: 'Jobs of £150 or more, and every ceramic coating, need a deposit of £50 when you book, paid by bank transfer. It comes off the bill. If you cancel with less than 48 hours notice, the deposit is kept. For other jobs, please give us 24 hours notice to cancel or move; if we arrive and cannot get to the vehicle, we charge a £25 call-out fee.',
  },
  {
    p: 'You pay when the job is finished, by card on our card reader, by bank transfer or in cash. We do not take cheques. If you are at work, we text you a payment link.',
  },
  { h2: 'Fleets and businesses' },
  {
    p: 'Businesses with 5 or more vehicles get 15% off our prices, with a regular visit weekly, fortnightly or monthly. We can work at your yard before 8.00 am or after 6.00 pm, so your vans are back on the road in the day. Fleet customers are invoiced at the end of the month, with 30 days to pay. Joanne looks after fleet accounts and quotes.',
  },
  { h2: 'Caravans and motorhomes' },
  {
    p: 'We valet touring caravans and motorhomes up to 22 feet long (the body, not counting the A-frame): an exterior wash and wax is £140, inside and out £220. We do not take on caravans, motorhomes or horseboxes longer than 22 feet, static caravans or boats.',
  },
  { h2: 'What we do not do' },
  {
    p: 'We do not clean the engine bay of hybrid or electric cars, because of the high-voltage parts; everything else on those cars we are happy to do. Our machine polish takes out swirl marks and light scratches, but not scratches that have gone through the paint: if your fingernail catches in the scratch, it needs a body shop. We do not do dents, paint repairs, windscreen chips or wheel refurbishment.',
  },
  { h2: 'The team' },
  {
    p: 'Lee Marsden, owner: exterior details, machine polishing, headlight restoration and every ceramic coating.',
  },
  { p: 'Joanne Marsden, office and bookings: the diary, deposits, invoices and fleet accounts.' },
  {
    p: 'Kyle Bennett, senior valeter: full valets and interior deep cleans, and our pet hair and odour specialist.',
  },
  { p: 'Sam Reid, valeter: mini valets and the fleet rounds.' },
  { h2: 'Happy with the result?' },
  {
    p: 'We walk round the vehicle with you before we leave. If anything is not right, tell us there and then and we will put it right on the spot. If you notice something later, text us a photo within 24 hours and we will come back free of charge.',
  },
];
