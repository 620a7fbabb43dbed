/**
 * LEXICON PROBES: guards for the caller-idiom lexicon (appliance/agent/lexicon/idioms.ts), kept
 * apart from the tune and held-out parts and not counted in their figures. Each asks, in the
 * everyday words an idiom entry reads, for something the business's document does NOT offer,
 * next to something it does ("board my dog" where only grooming-free vet services are priced,
 * "fix a puncture" where only tire rotation is): the lexicon must never turn a neighbour into
 * the asked item, so every probe wants an honest fallback and no figure. Written from the
 * documents' price lists (what is absent), not from any suite question.
 */
import { num, q, type SuiteQuestion } from './spec.js';

const missing = (
  id: string,
  business: SuiteQuestion['business'],
  text: string,
  neighbours: number[] = [],
): SuiteQuestion => q(id, business, 'price', true, false, text, [], neighbours.map(num));

export const probeQuestions: SuiteQuestion[] = [
  // Maple Grove Vet: prices consultations, vaccinations, dental cleaning, microchipping, cat
  // spay, dog neuter, x-ray, nail trim, home visit. No boarding, grooming, blood tests,
  // euthanasia, pet passports, flea treatment, rabbits.
  missing('vet-p01', 'vet', 'How much to board my dog for a week while we are away?'),
  missing('vet-p02', 'vet', 'What do you charge to groom a poodle?', [25]),
  missing('vet-p03', 'vet', 'How much is a blood test for my cat?', [65, 90]),
  missing('vet-p04', 'vet', 'What would it cost to have my old dog put to sleep?'),
  missing('vet-p05', 'vet', 'How much is a pet passport so we can travel abroad?'),
  missing('vet-p06', 'vet', 'How much do you charge to desex a rabbit?', [220, 280]),
  missing('vet-p07', 'vet', 'What does flea and worm treatment cost?'),
  // Crestline Plumbing: diagnostic visit, labour, emergency call-out, annual service, AC
  // tune-up, water heater flush, drain cleaning, tankless heater installed. No taps, gas leaks,
  // bathrooms, power flushes, thermostats.
  missing('plumber-p01', 'plumber', 'How much to fix a dripping tap?'),
  missing('plumber-p02', 'plumber', 'What do you charge to fit a new bathroom?'),
  missing('plumber-p03', 'plumber', 'How much is a power flush for my radiators?'),
  missing('plumber-p04', 'plumber', 'How much would a new smart thermostat cost, fitted?'),
  missing('plumber-p05', 'plumber', 'What is the price of a new shower?'),
  // Olive & Thyme Bistro: set lunch, brunch, children's menu, BYO wine, catering menus,
  // delivery, waiting staff. No private room hire fee, cakes, service charge figure, takeaway.
  missing('bistro-p01', 'bistro', 'How much does it cost to hire the private room?'),
  missing('bistro-p02', 'bistro', 'What do you charge for a birthday cake?'),
  missing('bistro-p03', 'bistro', 'How much is a takeaway pizza?'),
  missing('bistro-p04', 'bistro', 'How much is a bottle of house wine?'),
  // Riverside Physio: initial assessment, follow-ups, sports massage, dry needling, pilates,
  // orthotics, telehealth. No acupuncture, yoga, home visits, knee braces, referral letters.
  missing('physio-p01', 'physio', 'How much is a yoga class?'),
  missing('physio-p02', 'physio', 'What do you charge for a knee brace?'),
  missing('physio-p03', 'physio', 'How much is a hot stone massage?'),
  missing('physio-p04', 'physio', 'What does a home visit cost?'),
  // Brightside Dental: examinations, check-ups, scale and polish, emergency appointment, white
  // filling, extractions, root canals, crown, night guard, home whitening kit, Invisalign. No
  // dentures, implants, veneers, sedation, in-chair whitening.
  missing('dental-p01', 'dental', 'How much are false teeth?'),
  missing('dental-p02', 'dental', 'What does an implant to replace a missing tooth cost?'),
  missing('dental-p03', 'dental', 'How much are veneers?'),
  missing('dental-p04', 'dental', 'How much extra is it to be sedated?'),
  missing('dental-p05', 'dental', 'How much are metal braces?', [3200]),
  // Kellerman Auto: oil changes, tire rotation, alignment, inspection, diagnostic, brake pads
  // (and rotors), A/C recharge, battery replacement, timing belt, towing, storage. No puncture
  // repair, exhaust, windscreen, clutch, jump starts, dents.
  missing('garage-p01', 'garage', 'How much to fix a puncture?', [25]),
  missing('garage-p02', 'garage', 'What do you charge for a new exhaust?'),
  missing('garage-p03', 'garage', 'How much to replace a cracked windscreen?'),
  missing('garage-p04', 'garage', 'How much is a new clutch?'),
  missing('garage-p05', 'garage', 'What do you charge to come out and jump start my car?', [180]),
  missing('garage-p06', 'garage', 'How much to take a dent out of my door?'),
  // Hazel & Co salon: cuts, blow-dries, beard trim, colour, highlights, balayage, keratin,
  // bridal. No perms, extensions, manicures, waxing, toners.
  missing('salon-p01', 'salon', 'How much for a perm?'),
  missing('salon-p02', 'salon', 'How much are hair extensions?'),
  missing('salon-p03', 'salon', 'What is the price of a manicure?'),
  missing('salon-p04', 'salon', 'How much is an eyebrow wax?'),
  missing('salon-p05', 'salon', 'How much for a toner to get rid of the brassy tones?'),
];
