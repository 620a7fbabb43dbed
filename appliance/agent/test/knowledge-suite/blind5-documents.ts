/**
 * The Word document of the fifth blind set (2026-12-05), written by an evaluator who did not read
 * the engine: a family pest control firm's prices and information sheet (a DOCX, a price table by
 * treatment and size of home, paragraphs). make-documents.ts writes it; the set's other document,
 * a phone and computer repair shop's Markdown page, is kept as written in
 * documents/patch-and-pixel-repairs.md. The questions are in tune-blind5.ts and heldout-blind5.ts.
 */
import type { Block } from './blind3-documents.js';

/**
 * Kestrel Pest Control: the prices and customer information sheet a small pest control firm
 * writes in Word and emails to people who ring for a price.
 */
export const pest: Block[] = [
  { h1: 'Kestrel Pest Control - prices and information 2026' },
  {
    p: 'Kestrel Pest Control is a family firm that has looked after homes, farms and businesses in Kingsmere and the villages within 20 miles since 2004. We are members of the British Pest Control Association and fully insured.',
  },
  {
    p: 'Office and store: Unit 4, Tanners Yard, Kingsmere KM2 7HB. Telephone 01632 961274. Email office@kestrelpest.example',
  },
  { h2: 'When you can reach us' },
  {
    p: 'The office is open Monday to Friday from 8.00 am to 6.00 pm and on Saturday from 9.00 am to 1.00 pm. We are closed on Sundays and bank holidays, except in the wasp season: from 1 June to 30 September the phones are answered on Sundays too, from 10.00 am to 4.00 pm. Our technicians make visits from 7.30 am to 7.00 pm, Monday to Saturday.',
  },
  {
    p: "Out of hours (weekday evenings after 7.00 pm, Sundays and bank holidays) we only come out for urgent jobs, such as rats in a kitchen that serves food or a wasps' nest over a door that people have to use. Ring our out-of-hours line on 01632 961299. An out-of-hours call-out costs £60 on top of the treatment price, or £100 after 10.00 pm.",
  },
  { h2: 'Who is who' },
  {
    p: 'Neil Garside, owner and senior technician, looks after our farm and business contracts and all bird proofing.',
  },
  { p: 'Amy Garside, office manager, takes bookings, sends out invoices and arranges guarantee call-backs.' },
  {
    p: 'Tomasz Nowak, technician, deals with wasps, hornets, fleas and bed bugs, including our heat treatment.',
  },
  { p: 'Ryan Pugh, technician, deals with rats and mice, and is our trained mole catcher.' },
  { h2: 'Prices for homes' },
  {
    p: 'Our prices include VAT, all products and the number of visits shown. A small home is a flat, or a terraced house with up to 3 bedrooms; a medium home is a semi-detached house, a bungalow or a larger terraced house; a large home is a detached house, or any home with 5 or more bedrooms.',
  },
  {
    table: [
      ['Treatment', 'Small home', 'Medium home', 'Large home', 'Visits included'],
      ['Rats (inside the house or loft)', '£145', '£165', '£195', '3'],
      ['Mice', '£115', '£130', '£150', '3'],
      ['Bed bugs (spray treatment)', '£190', '£230', '£270', '2'],
      ['Fleas', '£95', '£110', '£125', '2'],
      ['Cockroaches', '£160', '£180', '£210', '3'],
      ['Ants (inside)', '£70', '£75', '£80', '1'],
    ],
  },
  {
    p: 'Rats and mice: the visits are spread over about three weeks. If we need to come back more than three times, each further visit is £40. Rats in the garden only, not in the house: £105 for any size of garden, two visits.',
  },
  {
    p: 'Bed bug heat treatment: instead of spraying, we heat the room to 56 degrees for several hours, which kills the bugs and their eggs in one visit with no chemicals. It costs £395 for the first room and £150 for each further room.',
  },
  { h2: 'Wasps, hornets and bees' },
  {
    p: 'Wasp or hornet nest: £65 for one nest, whatever the size of your home, and £20 for each further nest we treat on the same visit. Most nests take 20 minutes to treat and the wasps die off within a day. If they are still busy after 48 hours, ring us and we will come back free.',
  },
  {
    p: 'We do not destroy honey bees. If a swarm has settled in your garden, we will give you the number of a local beekeeper, who will usually collect it for free. Bumblebee nests are best left alone: they die off by the end of the summer and rarely sting. We are happy to give advice over the phone.',
  },
  {
    p: "If someone has been stung and their face, lips or tongue start to swell, or they feel faint or struggle to breathe, call 999 straight away. Do not ring us first. If a nest is close to a child's bedroom or a baby's room, keep the windows of that room shut and keep the children out of it until we have been. In the season we try to treat those nests the same day.",
  },
  { h2: 'Moles' },
  {
    p: 'Ryan catches moles in lawns, gardens and paddocks with traditional traps: no poison and no gas. A garden of up to a quarter of an acre costs £90, which covers setting the traps and up to two return visits in the same fortnight. No mole, no fee: if we catch nothing, you only pay a £30 call-out. Paddocks, fields and sports grounds are priced after a visit.',
  },
  { h2: 'Not sure what you have got?' },
  {
    p: 'A survey visit costs £45. We take it off the price of the treatment if you book the treatment within 14 days. You can also email a photo of droppings, bites or an insect to office@kestrelpest.example and we will tell you what it is, free of charge.',
  },
  { h2: 'Shops, farms and other businesses' },
  {
    p: 'Cafés, pubs, shops, farms and offices can have a pest contract from £38 a month plus VAT, with 8 routine visits a year and free call-outs between visits. Contracts run for 12 months. Neil will visit and quote free of charge.',
  },
  { h2: 'Our guarantee' },
  {
    p: 'Rats and mice: if they come back within 3 months of our last visit, we come back free of charge. Bed bugs: 60 days, as long as you have followed our preparation sheet and let us in for the second visit. Wasps: 48 hours. Fleas: we can only guarantee the treatment if your pets have been treated by a vet at the same time. We cannot guarantee against rats in gardens, as they come in from neighbouring land.',
  },
  { h2: 'Getting ready and staying safe' },
  {
    p: 'Before a bed bug or flea treatment, vacuum all the floors and wash bedding at 60 degrees. Please do not move furniture or bedding into other rooms, as this spreads the bugs. After spraying, keep children and pets out of the treated rooms for 4 hours and cover any fish tanks. Our rat and mouse baits are kept in locked boxes that children and pets cannot open.',
  },
  { h2: 'Council tenants' },
  {
    p: "If you rent your home from Kingsmere District Council, the council treats rats, mice and wasps free of charge for its tenants. Ring the council's pest control team on 01632 960500 or go to the Environmental Health counter at the Civic Offices, 1 Bridge Street, Kingsmere KM1 1AA. We are a private company and not part of the council.",
  },
  { h2: 'Paying' },
  {
    p: "Homeowners pay on the first visit, by card on the technician's phone or by bank transfer. We do not take cheques. Landlords and letting agents can ask for an invoice, with 14 days to pay.",
  },
  { h2: 'What we do not do' },
  {
    p: 'Bats are protected by law and we never disturb them. If you have bats in your loft, call the National Bat Helpline for advice. We do not deal with foxes, badgers, snakes or escaped pets. We do not kill pigeons or gulls; we fit spikes and netting instead, priced after a survey. We do not repair roofs, walls or drains, though we will show you where the pests are getting in.',
  },
];
