import t from 'tap';
import { startTestApi } from '../../test/helpers/app.js';
import { bellaFiles, northwindFiles, query, uploadFixtures, waitAllFinal } from './helpers.js';

/**
 * Retrieval quality on the fixtures: questions a caller would ask, each with the fact that must
 * appear in one of the top 3 passages. Worded like speech, not like the documents.
 */
const questions: { business: 'bella' | 'north'; q: string; expect: RegExp }[] = [
  { business: 'bella', q: 'What time do you open?', expect: /11:30/ },
  { business: 'bella', q: 'Are you open on Monday?', expect: /Mondays the pizzeria is closed/ },
  { business: 'bella', q: 'Do you do home delivery?', expect: /deliver within 5 kilometres/ },
  { business: 'bella', q: 'How much does delivery cost?', expect: /Delivery costs 2.50/ },
  { business: 'bella', q: 'How long will my delivery take?', expect: /35 to 45 minutes/ },
  { business: 'bella', q: 'I am coeliac, can I get a pizza without gluten?', expect: /gluten-free base/ },
  { business: 'bella', q: 'I want to book for a party of twenty people', expect: /Groups of up to 24/ },
  { business: 'bella', q: 'Is there anything vegan on the menu?', expect: /made vegan/ },
  { business: 'bella', q: 'Where can I park my car?', expect: /free car park/ },
  { business: 'bella', q: 'Can I pay with American Express?', expect: /American Express/ },
  { business: 'bella', q: 'Are dogs allowed?', expect: /Dogs are welcome/ },
  { business: 'bella', q: 'Can I buy a gift voucher for a friend?', expect: /Gift vouchers/ },
  { business: 'bella', q: 'How much is a margherita?', expect: /Margherita.*9\.50/ },
  { business: 'bella', q: 'What is in the PZ-103?', expect: /Diavola/ },
  { business: 'bella', q: 'How much is the tiramisu?', expect: /Tiramisu.*6\.50/ },
  { business: 'bella', q: 'Do you serve beer?', expect: /Peroni/ },
  { business: 'bella', q: 'Who founded the restaurant?', expect: /Giuseppe Russo/ },
  { business: 'bella', q: 'How hot is your oven?', expect: /485 degrees/ },
  { business: 'bella', q: 'Can you cater my wedding?', expect: /cater weddings/ },
  { business: 'bella', q: 'When does the kitchen close on Saturday?', expect: /Saturday and Sunday/ },
  { business: 'bella', q: 'Does the tiramisu have egg in it?', expect: /raw egg/ },
  { business: 'bella', q: 'What is your phone number?', expect: /0123 456 789/ },
  { business: 'north', q: 'What happens if I cancel my appointment late?', expect: /late cancellation fee/ },
  { business: 'north', q: 'How much is a check-up and cleaning?', expect: /ND-110/ },
  { business: 'north', q: 'What does a root canal cost?', expect: /Root canal.*\$980/ },
  { business: 'north', q: 'Can I pay for my treatment in instalments?', expect: /instalments/ },
  {
    business: 'north',
    q: 'Is the first visit free for my four year old?',
    expect: /children under 5 is free/,
  },
  { business: 'north', q: 'I have a toothache on the weekend, who do I call?', expect: /555-0199/ },
  { business: 'north', q: 'What are your opening hours on Friday?', expect: /Friday 8:00 to 14:00/ },
  { business: 'north', q: 'Do you take Cigna insurance?', expect: /Cigna/ },
  { business: 'north', q: 'Do you offer Invisalign?', expect: /Invisalign/ },
  { business: 'north', q: 'Is there laughing gas for nervous patients?', expect: /nitrous oxide/ },
  { business: 'north', q: 'Is the clinic wheelchair accessible?', expect: /wheelchair/ },
  {
    business: 'north',
    q: 'How long do I keep the gauze in after my tooth was pulled?',
    expect: /45 minutes/,
  },
  {
    business: 'north',
    q: 'When can I eat after having a tooth out?',
    expect: /Wait two hours before eating/,
  },
  { business: 'north', q: 'Can I take aspirin for the pain?', expect: /Avoid aspirin/ },
  { business: 'north', q: 'When do the stitches come out?', expect: /stitches/i },
  { business: 'north', q: 'How much is teeth whitening?', expect: /whitening.*\$350/ },
  { business: 'north', q: 'What is the price of ND-900?', expect: /Emergency visit/ },
];

t.test('retrieval quality: recall@3 over the fixture question set', async (t) => {
  const api = await startTestApi(t, 'sqlite');
  const bella = await api.register('Bella Napoli');
  const north = await api.register('Northwind Dental');
  t.equal((await uploadFixtures(api, bella.token, bellaFiles)).status, 201);
  t.equal((await uploadFixtures(api, north.token, northwindFiles)).status, 201);
  t.ok((await waitAllFinal(api, bella.token)).every((d) => d.status === 'ready'));
  t.ok((await waitAllFinal(api, north.token)).every((d) => d.status === 'ready'));
  t.ok(questions.length >= 30, `${questions.length} questions`);
  let hits = 0;
  let reciprocal = 0;
  const misses: string[] = [];
  for (const { business, q, expect } of questions) {
    const token = business === 'bella' ? bella.token : north.token;
    const top = await query(api, token, q, 3);
    const rank = top.findIndex((p) => expect.test(p.text.replace(/\n/g, ' ')));
    if (rank >= 0) {
      hits++;
      reciprocal += 1 / (rank + 1);
    } else misses.push(q);
  }
  const recall = hits / questions.length;
  t.comment(
    `recall@3 = ${recall.toFixed(3)} (${hits}/${questions.length}), MRR@3 = ${(reciprocal / questions.length).toFixed(3)}`,
  );
  if (misses.length) t.comment(`misses: ${misses.join(' | ')}`);
  t.ok(recall >= 0.8, `recall@3 ${recall.toFixed(3)} >= 0.8`);
});
