/**
 * Synthetic but realistic knowledge text for the crash test and the benchmark: sentences built
 * from a small business vocabulary with product codes, prices and times, from a seeded PRNG so
 * runs are repeatable.
 */
import { prng } from '../../../lib/index.js';
const subjects = [
  'Our technicians',
  'The front desk',
  'Every customer',
  'The warranty',
  'The delivery team',
  'Our kitchen',
  'The service plan',
  'The clinic',
  'Each booking',
  'The support line',
  'The showroom',
  'The loyalty card',
];
const verbs = [
  'covers',
  'includes',
  'requires',
  'offers',
  'replaces',
  'schedules',
  'confirms',
  'ships',
  'repairs',
  'checks',
  'accepts',
  'refunds',
];
const objects = [
  'a free inspection',
  'spare parts',
  'the annual maintenance',
  'same-day appointments',
  'contactless payment',
  'a replacement unit',
  'the installation fee',
  'weekend opening',
  'express delivery',
  'the extended warranty',
  'a written quote',
  'gift cards',
  'online booking',
  'the cleaning kit',
  'a loan device',
  'free parking',
];
const tails = [
  'within two working days',
  'for registered customers',
  'unless the seal is broken',
  'on weekdays only',
  'after a phone consultation',
  'when the receipt is shown',
  'for orders over fifty euros',
  'in the city centre',
  'during the summer months',
  'at no extra cost',
  'for members of the loyalty club',
  'before noon',
];

/** The shared mulberry32 PRNG (lib/prng.ts): the same documents every run. */
export { prng };

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

export function sentence(r: () => number): string {
  const n = Math.floor(r() * 900) + 100;
  switch (Math.floor(r() * 4)) {
    case 0:
      return `${pick(r, subjects)} ${pick(r, verbs)} ${pick(r, objects)} ${pick(r, tails)}.`;
    case 1:
      return `Model XR-${n} ${pick(r, verbs)} ${pick(r, objects)} and costs ${(n / 7).toFixed(2)} euros.`;
    case 2:
      return `${pick(r, subjects)} ${pick(r, verbs)} ${pick(r, objects)} from ${8 + (n % 4)}:00 to ${17 + (n % 5)}:30 ${pick(r, tails)}.`;
    default:
      return `Item ${String.fromCharCode(65 + (n % 26))}${n} ${pick(r, verbs)} ${pick(r, objects)} ${pick(r, tails)}, ${pick(r, tails)}.`;
  }
}

/** About `words` words of prose, in paragraphs of 4-8 sentences. */
export function syntheticDocument(seed: number, words: number): string {
  const r = prng(seed);
  const paras: string[] = [];
  let count = 0;
  while (count < words) {
    const sents: string[] = [];
    const n = 4 + Math.floor(r() * 5);
    for (let i = 0; i < n; i++) {
      const s = sentence(r);
      sents.push(s);
      count += s.split(' ').length;
    }
    paras.push(sents.join(' '));
  }
  return paras.join('\n\n');
}
