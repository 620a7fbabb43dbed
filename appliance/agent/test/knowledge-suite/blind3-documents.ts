/**
 * The documents of the third blind set (2026-12-05), written by an evaluator who did not read
 * the engine: an optician's fee leaflet (a two-page PDF, price tables and prose) and a day
 * nursery's parents' information and fees pack (a Word document, a fee table by room and
 * session). make-documents.ts writes them; the questions are in tune-blind3.ts and
 * heldout-blind3.ts.
 */

/** A Word document's blocks, as make-documents.ts's documentXml() reads them. */
export type Block = { h1: string } | { h2: string } | { p: string } | { table: string[][] };

/**
 * Clearview Opticians: the fees and prices leaflet an independent optician hands out and puts on
 * its site as a PDF. Lines for writePdf() ('# ' heading, '| a | b | c' table row, '' blank);
 * about 40 lines a page.
 */
export const optician: string[] = [
  '# Clearview Opticians - fees and prices 2026',
  'Independent family opticians in Ashford Vale since 1998.',
  '14 Market Square, Ashford Vale AV3 2LP. Telephone 01632 960418.',
  'Email hello@clearview-opticians.example',
  '',
  '# Opening hours',
  'Monday, Tuesday, Wednesday and Friday: 9.00 am to 5.30 pm.',
  'Thursday is our late night: 9.00 am to 7.30 pm (last eye examination at 6.45 pm).',
  'Saturday: 9.00 am to 4.00 pm. Closed on Sundays and bank holidays.',
  '',
  '# Eye examinations',
  '| Examination | Fee | Notes',
  '| Standard eye examination | £30 | about 30 minutes',
  '| Examination with retinal photography | £45 | photos of the retina',
  '| Examination with OCT scan | £65 | 3D retina scan + photos',
  '| Contact lens check-up (aftercare) | £25 | free on a monthly plan',
  'NHS sight tests are free for children under 16, full-time students under 19, everyone aged',
  '60 and over, people with diabetes or glaucoma, and people on certain benefits. If you have an',
  'NHS sight test, retinal photography costs £15 and an OCT scan £35 on top.',
  'We recommend an eye examination every two years, or every year for children and the over-70s.',
  'Insurance and cash plans: we do not bill insurers directly. You pay us, we give you an itemised',
  'receipt and you claim the money back. We accept employer eyecare vouchers for screen users.',
  '',
  '# Contact lenses',
  'A contact lens fitting for new wearers costs £40. It includes trial lenses and a lesson in',
  'putting them in and taking them out. The fitting is free if you join a monthly plan within',
  '30 days. Our plans include your lenses, aftercare check-ups and 10% off glasses.',
  '| Monthly plan | Per month | What you get',
  '| Monthly lenses | £15 | 12 pairs a year',
  '| Daily disposable lenses | £25 | 30 pairs a month',
  '| Daily toric lenses (astigmatism) | £32 | 30 pairs a month',
  '| Multifocal daily lenses | £38 | 30 pairs a month',
  'Plans are paid by direct debit and can be cancelled with one month of notice.',
  '',
  '# Glasses: frames',
  'Our Essentials range costs £49 a pair, single vision lenses included.',
  'Frames from our Classic range are £99 to £179, and our premium titanium frames (Lindberg and',
  'Silhouette) are £180 to £320. Children under 16 choose from a range of frames at no charge',
  'with their NHS voucher. Buy a second pair at the same time and get 30% off the second pair.',
  '',
  '# Glasses: lenses (price for a pair, added to the frame)',
  '| Lens or option | Price | Notes',
  '| Single vision lenses | £40 | free with Essentials',
  '| Varifocals | £150 | our standard design',
  '| Premium wide-view varifocals | £240 | wider reading area',
  '| Bifocals | £90 | visible line',
  '| Thinner lenses (1.67 index) | add £50 | for strong prescriptions',
  '| Anti-glare coating | add £30 | scratch-resistant too',
  '| Blue light filter | add £25 | for screen work',
  '| Photochromic lenses | add £60 | darken in sunlight',
  '| Sunglasses tint | add £20 | any colour',
  'Spread the cost: glasses over £200 can be paid in three monthly instalments, interest free.',
  'We take cash and all debit and credit cards. We no longer accept cheques.',
  '',
  '# Repairs',
  'Adjustments, new screws and nose pads are free, even if you did not buy your glasses from us.',
  'Soldering a broken metal frame costs £35 and takes about a week.',
  'New lenses in your own frame: the lens prices above plus a glazing fee of £15.',
  'Replacement arms or hinges are ordered from the maker: from £25, about 10 days.',
  '',
  '# Home visits',
  'If you cannot leave home without help because of illness or disability, one of our',
  'optometrists can test your eyes at home, free under the NHS. This includes people living in',
  'care homes. Home visits are on Tuesdays and Wednesdays, in Ashford Vale and villages within',
  '8 miles. A carer or relative can book one for you with our practice manager, Megan.',
  '',
  '# Our team',
  'Priya Nair, optometrist and owner. Priya does eye examinations and OCT scans, and fits contact',
  'lenses for keratoconus and other hard-to-fit eyes.',
  'Tom Hallett, optometrist. Tom does eye examinations, the home visits, and sees most of our',
  'young children (Saturday mornings are kept for families).',
  'Gareth Lewis, dispensing optician. Gareth helps you choose frames and lenses, measures and fits',
  'varifocals and does repairs. Gareth does not test eyes.',
  'Megan Doyle, practice manager: appointments, home visits, monthly plans and billing.',
  '',
  '# Getting here and parking',
  'We have no car park of our own. Brook Street car park, behind the library, is two minutes walk',
  'away and free for the first hour. There are two disabled bays right outside on Market Square.',
  'Our entrance is step-free and the testing room is on the ground floor.',
  '',
  '# Eye emergencies',
  'Sudden loss of sight, a dark curtain or shadow across your vision, a sudden shower of new',
  'floaters or flashes, or a chemical in the eye: do not wait for an appointment with us. Go',
  'straight to Eye Casualty at the Royal Ashford Eye Hospital, Westgate Road, Ashford Vale',
  'AV1 4RS (8 am to 8 pm every day; at night go to A&E at the same hospital), or call 999.',
  'For a chemical splash, rinse the eye with clean running water for 15 minutes first.',
  'Red, sore or gritty eyes: call us, we keep same-day appointments for minor eye problems.',
  'When we are closed, call NHS 111.',
  '',
  '# What we do not do',
  'We do not do laser eye surgery or lens replacement surgery; we can refer you to a surgeon.',
  'We do not sell hearing aids, and we do not sell coloured fancy-dress contact lenses.',
];

/**
 * Little Acorns Day Nursery: the parents' information and fees pack a day nursery gives out as
 * a Word document (headings, a fee table by room and session, paragraphs).
 */
export const nursery: Block[] = [
  { h1: 'Little Acorns Day Nursery - parents information and fees pack 2026' },
  {
    p: 'Welcome to Little Acorns, a family-run day nursery for children from 3 months to 5 years, at 27 Elm Grove, Hartwell HW4 6DN. Telephone 01632 960735. Ofsted rating: Good (inspected March 2025).',
  },
  { h2: 'Opening times' },
  {
    p: 'We are open Monday to Friday, 7.30 am to 6.00 pm, 51 weeks of the year. We close for the week between Christmas and New Year, on all bank holidays, and on two staff training days: the first Monday in April and the first Monday in September. Fees are not charged for the Christmas week but are charged for training days.',
  },
  { h2: 'Our team and rooms' },
  {
    p: 'Rachel Whitmore is our nursery manager and Sunita Kaur is deputy manager. Sunita is also our SENCo (special educational needs coordinator) and looks after children with additional needs.',
  },
  {
    p: 'Seedlings (babies from 3 months to 2 years): room leader Chloe Barnes. Saplings (2 to 3 years): room leader Daniel Okafor. Oak Room (pre-school, 3 to 5 years): room leader Hannah Pryce. Our cook, Maureen, prepares all meals on site.',
  },
  { h2: 'Session fees (from 1 January 2026)' },
  {
    table: [
      ['Room', 'Full day 7.30 am - 6.00 pm', 'Morning 7.30 am - 12.30 pm', 'Afternoon 1.00 pm - 6.00 pm'],
      ['Seedlings (under 2)', '£72', '£42', '£40'],
      ['Saplings (2 to 3)', '£68', '£40', '£38'],
      ['Oak Room (3 to 5)', '£64', '£38', '£36'],
    ],
  },
  {
    p: 'The minimum booking is two sessions a week. Fees are invoiced monthly in advance and are due by the 5th of the month. We accept Tax-Free Childcare, childcare vouchers, bank transfer and card.',
  },
  {
    p: 'Sibling discount: when two or more children attend, the older child gets 10% off their fees. The discount does not apply to funded hours.',
  },
  { h2: 'Funded hours' },
  {
    p: 'We offer government funded childcare for eligible children from 9 months old (working parents) and for all 3 and 4 year olds (15 hours a week, or 30 hours for working families). Funded hours are free of the session fee, but we ask for a meals and consumables charge of £7.50 per funded day (£4 per funded session) to cover food, snacks, sun cream and outings. Hours beyond your funded hours are charged at the usual session fees.',
  },
  { h2: 'Meals and nappies' },
  {
    p: 'Fees include breakfast (served until 8.30 am), a hot lunch cooked on site, afternoon tea, snacks and milk. Morning sessions include lunch; afternoon sessions include tea. We are a nut-free nursery and cater for allergies and vegetarian, halal and dairy-free diets. Nappies, wipes, nappy cream and formula milk are not included: please bring your own.',
  },
  { h2: 'Collecting your child' },
  {
    p: 'Please collect your child by 6.00 pm. A late collection fee of £20 is charged for the first 15 minutes or part of it, then £10 for every further 15 minutes. Please ring us if you are held up. We only hand children to adults named on the registration form, and we ask anyone new for the family password.',
  },
  { h2: 'Registration, deposit and notice' },
  {
    p: 'To secure a place we ask for a registration fee of £50, which is not refundable, and a deposit of £200. The deposit is taken off your final invoice when you leave, as long as you give two months of notice in writing. Changes to your booked days also need one month of notice.',
  },
  { h2: 'Settling in' },
  {
    p: 'Before your start date we offer three free settling-in sessions over two weeks: the first for one hour with you staying in the room, the second for two hours on their own, and the third a full morning including lunch. Your child gets a key person in their room who will be your first point of contact.',
  },
  { h2: 'Illness' },
  {
    p: 'Children with sickness or diarrhoea must stay at home for 48 hours after the last episode. If your child has a temperature of 38 degrees or above at nursery we will call you to collect them, and they should stay at home for 24 hours. Children with chickenpox may come back once all the spots have scabbed over. We only give medicines prescribed by a doctor, and paracetamol only with your written consent after we have phoned you.',
  },
  {
    p: 'In an emergency, such as a child struggling to breathe, a fit, or a rash that does not fade under a glass, call 999 straight away; do not ring the nursery first. For medical advice that is not an emergency, call NHS 111.',
  },
  { h2: 'What to bring' },
  {
    p: "Two full changes of clothes, nappies and wipes if your child uses them, a sun hat and sun cream in summer, a warm hat in winter, any comforter or dummy, and named bottles for babies. For forest school days: wellies and a waterproof all-in-one suit. Please label everything with your child's name.",
  },
  { h2: 'Forest school' },
  {
    p: 'Every Thursday, Oak Room children spend the morning at forest school in Hartwell Woods. Parents of Saplings children over two and a half can book a place on Tuesday mornings. We travel in our own minibus, leaving nursery at 9.15 am and returning by 12.30 pm for lunch. Sessions are led by Jake Morrison, our Level 3 forest school leader. There is no extra charge.',
  },
  {
    p: 'The woodland site is at Bramble Lane, Lower Hartwell HW5 9QA. Please do not drop children off at the woods: all children travel from the nursery.',
  },
  { h2: 'What we do not offer' },
  {
    p: 'We do not offer overnight or weekend care, and we do not do babysitting. We do not take school-age children, so there is no holiday club or after-school club, and we do not collect children from school or from home.',
  },
];
