/**
 * The engine's own development set for answering from uploaded documents (issue 21): two
 * businesses whose information exists only in a document (nothing typed into the facts form but
 * the transfer extension), and caller questions of the failure classes the issue names: built-in
 * informational intents, paraphrases, hijacks ("leave", "is there"), unanswerable prices, urgent
 * situations. The official benchmark lives elsewhere; this set is for tuning to failure classes.
 */

export interface DevBusiness {
  key: 'cycles' | 'plumbing';
  name: string;
  agent: Record<string, unknown>;
  documents: { title: string; text: string }[];
}

export interface DevQuestion {
  biz: DevBusiness['key'];
  text: string;
  /** Every string must appear in the reply (case-insensitive). */
  contains?: string[];
  /** The answer is not in the data: the reply must say so and state no number. */
  unanswerable?: boolean;
  action?: 'transfer' | 'take_message';
  intent?: string;
  kind: 'direct' | 'paraphrase' | 'unanswerable' | 'hijack' | 'urgent';
}

export const devBusinesses: DevBusiness[] = [
  {
    key: 'cycles',
    name: 'Spoke and Chain Cycles',
    agent: { name: 'Spoke and Chain reception', greeting: 'Spoke and Chain Cycles, how can I help?' },
    documents: [
      {
        title: 'Spoke and Chain Cycles',
        text: [
          'About us',
          'Spoke and Chain Cycles is a family-run bicycle workshop at 18 Quarry Lane, Fenwick. Our head mechanic is Priya Natarajan, who has built wheels for over fifteen years. Tom Becker looks after e-bikes and electric conversions.',
          '',
          'Opening times',
          'We are open Tuesday to Friday from 8 am to 6 pm and Saturday from 9 am to 4 pm. We are closed on Sundays and Mondays.',
          '',
          'Services and prices',
          'A basic tune-up costs $65 and includes brake and gear adjustment. The full service costs $140 and includes stripping, cleaning and regreasing the bearings. Puncture repair is $15 per wheel. Wheel truing costs $25. E-bike diagnostics cost $45. Fitting a new chain costs $20 plus the price of the chain.',
          '',
          'Booking and payment',
          'Repairs are booked online or by phone. Most repairs are finished within two working days. We accept cash, debit and credit cards. For bills over $300 you can pay in three monthly instalments at no extra charge.',
          '',
          'Policies',
          'Bikes left with us for more than 30 days after we call you are charged a storage fee of $5 per day. We give a 90-day warranty on all labour.',
          '',
          'Breakdowns',
          'If you break down on the road during opening hours, call us and we will try to fit your repair in the same day.',
        ].join('\n'),
      },
    ],
  },
  {
    key: 'plumbing',
    name: 'Ironbridge Plumbing and Heating',
    agent: {
      name: 'Ironbridge front desk',
      greeting: 'Ironbridge Plumbing and Heating, how can I help you?',
      facts: { transferExtension: '300' },
    },
    documents: [
      {
        title: 'Ironbridge Plumbing and Heating',
        text: [
          'Who we are',
          'Ironbridge Plumbing and Heating has served the Ironbridge area since 2004. Our office manager, Grace Holloway, handles bookings and invoices. Gas work is carried out by Mark Osei, our registered gas engineer.',
          '',
          'Office hours',
          'The office is open Monday to Friday from 7:30 am to 5 pm. On Saturdays we take calls from 9 am to 12 pm.',
          '',
          'Emergency call-outs',
          'For a burst pipe, turn off the water at the stopcock. If you smell gas, turn off the gas at the meter and leave the property. Our emergency line is staffed 24 hours a day. An emergency call-out costs $120 for the first hour.',
          '',
          'Prices',
          'A standard call-out costs $75, which covers the first 30 minutes of labour. After that, labour is charged at $60 per hour. An annual boiler service costs $95. Installing a new boiler starts at $2,200 including fitting. Unblocking a drain costs $90.',
          '',
          'Where we work',
          'We cover Ironbridge, Coalport and Madeley. Our showroom is at 7 Wharfage Road, Ironbridge, where you can see boilers and bathroom fittings.',
          '',
          'Payment',
          'We accept cards and bank transfer. Payment is due within 14 days of the invoice. Customers over 70 get a 10 percent discount on labour.',
          '',
          'Guarantee',
          'All our work is guaranteed for 12 months. New boilers carry the manufacturer warranty of up to 10 years.',
        ].join('\n'),
      },
    ],
  },
];

export const devQuestions: DevQuestion[] = [
  // Spoke and Chain Cycles
  { biz: 'cycles', text: 'What are your opening hours?', contains: ['Tuesday', '8'], kind: 'direct' },
  { biz: 'cycles', text: 'Where is your shop?', contains: ['18 Quarry Lane'], kind: 'direct' },
  { biz: 'cycles', text: 'How much is a puncture repair?', contains: ['$15'], kind: 'direct' },
  { biz: 'cycles', text: 'What does it cost to fix a flat tyre?', contains: ['$15'], kind: 'paraphrase' },
  { biz: 'cycles', text: 'How much for a full service?', contains: ['$140'], kind: 'direct' },
  { biz: 'cycles', text: "What's the price of a basic tune-up?", contains: ['$65'], kind: 'direct' },
  {
    biz: 'cycles',
    text: 'How much do you charge to straighten a buckled wheel?',
    contains: ['$25'],
    kind: 'paraphrase',
  },
  { biz: 'cycles', text: 'How much is a new saddle?', unanswerable: true, kind: 'unanswerable' },
  { biz: 'cycles', text: 'How much does a bike fitting cost?', unanswerable: true, kind: 'unanswerable' },
  { biz: 'cycles', text: 'Do you repair scooters?', unanswerable: true, kind: 'unanswerable' },
  { biz: 'cycles', text: 'Who is your head mechanic?', contains: ['Priya'], kind: 'direct' },
  { biz: 'cycles', text: 'Who can help with my electric bike?', contains: ['Tom'], kind: 'paraphrase' },
  { biz: 'cycles', text: 'Are you open on Mondays?', contains: ['closed'], kind: 'direct' },
  { biz: 'cycles', text: 'Can I pay in instalments?', contains: ['instalments'], kind: 'direct' },
  {
    biz: 'cycles',
    text: 'Can I spread the cost of a big repair over a few months?',
    contains: ['three monthly'],
    kind: 'paraphrase',
  },
  { biz: 'cycles', text: 'How long does a repair take?', contains: ['two working days'], kind: 'direct' },
  { biz: 'cycles', text: 'Is there a warranty on your work?', contains: ['90-day'], kind: 'hijack' },
  {
    biz: 'cycles',
    text: 'What happens if I leave my bike with you for a long time?',
    contains: ['storage fee'],
    kind: 'hijack',
  },
  { biz: 'cycles', text: 'Do you take credit cards?', contains: ['credit cards'], kind: 'direct' },
  { biz: 'cycles', text: 'How much to replace a chain?', contains: ['$20'], kind: 'paraphrase' },
  {
    biz: 'cycles',
    text: 'My chain snapped and I am stuck on the road, can you help today?',
    contains: ['same day'],
    kind: 'urgent',
  },
  {
    biz: 'cycles',
    text: 'Can I leave a message for Priya?',
    intent: 'take_message',
    kind: 'hijack',
  },
  // Ironbridge Plumbing and Heating
  { biz: 'plumbing', text: 'When is your office open?', contains: ['Monday to Friday'], kind: 'direct' },
  { biz: 'plumbing', text: 'Where is your showroom?', contains: ['7 Wharfage Road'], kind: 'direct' },
  { biz: 'plumbing', text: 'How much is a boiler service?', contains: ['$95'], kind: 'direct' },
  { biz: 'plumbing', text: 'What is your hourly rate?', contains: ['$60'], kind: 'paraphrase' },
  { biz: 'plumbing', text: 'What does a new boiler cost?', contains: ['$2,200'], kind: 'direct' },
  { biz: 'plumbing', text: 'How much to clear a blocked drain?', contains: ['$90'], kind: 'paraphrase' },
  { biz: 'plumbing', text: 'Who manages the office?', contains: ['Grace'], kind: 'paraphrase' },
  { biz: 'plumbing', text: 'Who does your gas work?', contains: ['Mark'], kind: 'direct' },
  { biz: 'plumbing', text: 'Do you work in Madeley?', contains: ['Madeley'], kind: 'direct' },
  { biz: 'plumbing', text: 'How long is your guarantee?', contains: ['12 months'], kind: 'direct' },
  {
    biz: 'plumbing',
    text: 'Do older customers get money off?',
    contains: ['10 percent'],
    kind: 'paraphrase',
  },
  {
    biz: 'plumbing',
    text: 'How much does it cost to fit a new bathroom?',
    unanswerable: true,
    kind: 'unanswerable',
  },
  { biz: 'plumbing', text: 'How much is a water softener?', unanswerable: true, kind: 'unanswerable' },
  { biz: 'plumbing', text: 'Do you fix air conditioning?', unanswerable: true, kind: 'unanswerable' },
  {
    biz: 'plumbing',
    text: 'A pipe has burst and water is pouring through my ceiling!',
    contains: ['stopcock'],
    action: 'transfer',
    kind: 'urgent',
  },
  {
    biz: 'plumbing',
    text: 'I can smell gas in my kitchen and your office is closed',
    contains: ['leave the property'],
    action: 'transfer',
    kind: 'urgent',
  },
  {
    biz: 'plumbing',
    text: 'Is there an extra charge for an emergency visit?',
    contains: ['$120'],
    kind: 'hijack',
  },
  { biz: 'plumbing', text: 'When do I have to pay the invoice?', contains: ['14 days'], kind: 'direct' },
  { biz: 'plumbing', text: 'Which areas do you cover?', contains: ['Coalport'], kind: 'direct' },
  {
    biz: 'plumbing',
    text: 'If I leave a deposit can you start sooner?',
    unanswerable: true,
    kind: 'hijack',
  },
];
