import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BusinessKey, SuiteBusiness } from './spec.js';

export const documentsDir = path.join(import.meta.dirname, 'documents');

/**
 * Twenty-three trades in five formats (HTML page, PDF, DOCX, plain text, Markdown). Each agent is created with a name and a greeting only: everything
 * it knows comes from the uploaded document, as for a new business that uploads its web page.
 */
export const suiteBusinesses: readonly SuiteBusiness[] = [
  {
    key: 'vet',
    name: 'Maple Grove Veterinary Clinic',
    trade: 'veterinary clinic',
    file: 'maple-grove-vet.html',
    contentType: 'text/html',
    agent: { name: 'Maple Grove front desk', greeting: 'Maple Grove Veterinary Clinic, how can I help?' },
  },
  {
    key: 'plumber',
    name: 'Crestline Plumbing & Heating',
    trade: 'plumbing and HVAC',
    file: 'crestline-plumbing.pdf',
    contentType: 'application/pdf',
    agent: { name: 'Crestline dispatcher', greeting: 'Crestline Plumbing and Heating, how can I help?' },
  },
  {
    key: 'bistro',
    name: 'Olive & Thyme Bistro',
    trade: 'restaurant and catering',
    file: 'olive-thyme-bistro.docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    agent: { name: 'Olive and Thyme host', greeting: 'Olive and Thyme Bistro, how can I help?' },
  },
  {
    key: 'physio',
    name: 'Riverside Physiotherapy',
    trade: 'physiotherapy practice',
    file: 'riverside-physio-faq.txt',
    contentType: 'text/plain',
    agent: { name: 'Riverside reception', greeting: 'Riverside Physiotherapy, how can I help you?' },
  },
  // Three more trades (tune-more.ts / heldout-more.ts), written by an evaluator who did not read
  // the engine: documents as such businesses publish them, with their usual noise and traps.
  {
    key: 'dental',
    name: 'Brightside Family Dental',
    trade: 'dental practice',
    file: 'brightside-dental.html',
    contentType: 'text/html',
    agent: { name: 'Brightside reception', greeting: 'Brightside Family Dental, how can I help?' },
  },
  {
    key: 'garage',
    name: 'Kellerman Auto Repair',
    trade: 'car repair garage',
    file: 'kellerman-auto.pdf',
    contentType: 'application/pdf',
    agent: { name: 'Kellerman service desk', greeting: 'Kellerman Auto Repair, how can I help?' },
  },
  {
    key: 'salon',
    name: 'Hazel & Co Hair Studio',
    trade: 'hair salon',
    file: 'hazel-co-salon.docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    agent: { name: 'Hazel and Co front desk', greeting: 'Hazel and Co Hair Studio, how can I help?' },
  },
  // Two more trades (tune-fresh.ts / heldout-fresh.ts), added as probes of trades the suite lacked.
  {
    key: 'gym',
    name: 'Ironwood Fitness Club',
    trade: 'gym and fitness club',
    file: 'ironwood-fitness.html',
    contentType: 'text/html',
    agent: { name: 'Ironwood front desk', greeting: 'Ironwood Fitness Club, how can I help?' },
  },
  {
    key: 'kennel',
    name: 'Oakridge Pet Lodge',
    trade: 'boarding kennel and cattery',
    file: 'oakridge-pet-lodge.txt',
    contentType: 'text/plain',
    agent: { name: 'Oakridge reception', greeting: 'Oakridge Pet Lodge, how can I help?' },
  },
  // Two more trades (tune-blind.ts / heldout-blind.ts), written blind on 2026-12-05 by an
  // evaluator who did not read the engine, documents and questions alike.
  {
    key: 'bnb',
    name: 'Saltmarsh House',
    trade: 'bed and breakfast',
    file: 'saltmarsh-house.html',
    contentType: 'text/html',
    agent: { name: 'Saltmarsh House reception', greeting: 'Saltmarsh House, how can I help?' },
  },
  {
    key: 'driving',
    name: 'Swift Lane Driving School',
    trade: 'driving school',
    file: 'swift-lane-driving.txt',
    contentType: 'text/plain',
    agent: { name: 'Swift Lane office', greeting: 'Swift Lane Driving School, how can I help?' },
  },
  // Two more (heldout-blind2.ts), written blind on 2026-12-05 by another evaluator who did not
  // read the engine, every question held out: a measure of trades and questions never tuned on.
  {
    key: 'bikes',
    name: 'Spokes & Sprockets',
    trade: 'bicycle shop, repairs and hire',
    file: 'spokes-sprockets.html',
    contentType: 'text/html',
    agent: { name: 'Spokes and Sprockets counter', greeting: 'Spokes and Sprockets, how can I help?' },
  },
  {
    key: 'accounts',
    name: 'Halden & Price Accountants',
    trade: 'accountancy practice',
    file: 'halden-price-faq.txt',
    contentType: 'text/plain',
    agent: { name: 'Halden and Price reception', greeting: 'Halden and Price, how can I help?' },
  },
  // Two more (tune-blind3.ts / heldout-blind3.ts), written blind on 2026-12-05 by a third
  // evaluator who did not read the engine, in the two formats the blind sets lacked (PDF, DOCX);
  // every third question as written held out.
  {
    key: 'optician',
    name: 'Clearview Opticians',
    trade: 'independent optician',
    file: 'clearview-opticians.pdf',
    contentType: 'application/pdf',
    agent: { name: 'Clearview reception', greeting: 'Clearview Opticians, how can I help?' },
  },
  {
    key: 'nursery',
    name: 'Little Acorns Day Nursery',
    trade: "children's day nursery",
    file: 'little-acorns-nursery.docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    agent: { name: 'Little Acorns office', greeting: 'Little Acorns Day Nursery, how can I help?' },
  },
  // A fourth pair (tune-blind4.ts / heldout-blind4.ts), written blind on 2026-12-05 by a fourth
  // evaluator who did not read the engine; every third question as written held out.
  {
    key: 'removals',
    name: 'Hilltop Removals',
    trade: 'removals and storage firm',
    file: 'hilltop-removals.pdf',
    contentType: 'application/pdf',
    agent: { name: 'Hilltop office', greeting: 'Hilltop Removals, how can I help?' },
  },
  {
    key: 'florist',
    name: 'Bramble & Bloom',
    trade: 'florist',
    file: 'bramble-and-bloom.html',
    contentType: 'text/html',
    agent: { name: 'Bramble & Bloom shop', greeting: 'Bramble and Bloom, how can I help?' },
  },
  // A fifth pair (tune-blind5.ts / heldout-blind5.ts), written blind on 2026-12-05 by a fifth
  // evaluator who did not read the engine; every third question as written held out.
  {
    key: 'pest',
    name: 'Kestrel Pest Control',
    trade: 'pest control firm',
    file: 'kestrel-pest-control.docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    agent: { name: 'Kestrel office', greeting: 'Kestrel Pest Control, how can I help?' },
  },
  {
    key: 'repairs',
    name: 'Patch & Pixel Repairs',
    trade: 'phone and computer repair shop',
    file: 'patch-and-pixel-repairs.md',
    contentType: 'text/markdown',
    agent: { name: 'Patch & Pixel counter', greeting: 'Patch and Pixel Repairs, how can I help?' },
  },
  // A sixth pair (tune-blind6.ts / heldout-blind6.ts), written blind on 2026-12-05 by a sixth
  // evaluator who did not read the engine; every third question as written held out.
  {
    key: 'cleaners',
    name: 'Fairbank Cleaners',
    trade: 'dry cleaner and clothing alterations',
    file: 'fairbank-cleaners.html',
    contentType: 'text/html',
    agent: { name: 'Fairbank Cleaners counter', greeting: 'Fairbank Cleaners, how can I help?' },
  },
  {
    key: 'storage',
    name: 'Ridgeway Self Storage',
    trade: 'self-storage company',
    file: 'ridgeway-self-storage.txt',
    contentType: 'text/plain',
    agent: { name: 'Ridgeway office', greeting: 'Ridgeway Self Storage, how can I help?' },
  },
  // A seventh pair (tune-blind7.ts / heldout-blind7.ts), written blind on 2026-12-05 by a seventh
  // evaluator who did not read the engine; every third question as written held out.
  {
    key: 'swim',
    name: 'Otterbrook Swim School',
    trade: "children's and adults' swimming school",
    file: 'otterbrook-swim-school.pdf',
    contentType: 'application/pdf',
    agent: { name: 'Otterbrook office', greeting: 'Otterbrook Swim School, how can I help?' },
  },
  {
    key: 'valet',
    name: 'Tidewell Mobile Valeting',
    trade: 'mobile car valeting',
    file: 'tidewell-valeting.docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    agent: { name: 'Tidewell bookings', greeting: 'Tidewell Mobile Valeting, how can I help?' },
  },
];

export const suiteBusiness = (key: BusinessKey): SuiteBusiness => {
  const b = suiteBusinesses.find((x) => x.key === key);
  if (!b) throw new Error(`no business ${key}`);
  return b;
};

export const documentBytes = (b: SuiteBusiness): Buffer => readFileSync(path.join(documentsDir, b.file));
