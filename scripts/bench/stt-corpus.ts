/**
 * Texts for `npm run bench:stt`: the agents' own material, written for this bench.
 *
 * - `coverAgent`: a business whose page covers the TOPICS and words of the recorded human speech
 *   in ../shared/speech (a jeweller's and guest-house page, a civic society's notice) but, by
 *   construction, none of its sentences: the bench checks that no 4-word sequence of any
 *   reference transcript occurs in it and prints the longest shared sequence and the word coverage.
 *   This stands for "the caller's words are in the uploaded document, the caller's sentence is not".
 * - `vetAgent`: an unrelated business (a vet clinic page, FAQ and intents): on the human speech
 *   it measures what a per-agent model costs when the caller talks off-topic; with `vetQuestions`
 *   (spoken by flite voices the appliance does not use, through G.711) what it gains on-topic.
 *   The questions were written as callers would ask them, not copied from the page.
 */

export const coverAgent: readonly string[] = [
  `Welcome to Harbour Gold, the jewellery shop and guest house by the sandy beach.
  We sell gold and silver rings, pink shell necklaces and old coins from the harbour.
  A ring in gold is the gift most people choose for a girl or a boy they love.
  Our shells are found along the beach after a storm, and each one is cleaned by hand.
  The shop opens every day at nine. When the door is closed, ring the bell and we will come to the door.
  Children are welcome in the shop and in the garden. Small children must stay with an adult near the water.
  The guest house has six rooms. The long drive from the city takes about an hour.
  Our cat lives in the house next door and often visits the garden; the neighbors do not mind.
  In the morning the grass and the bushes in the garden are often wet.
  The old barn behind the house was repaired after a severe winter storm last year.
  The blind owner of the coin collection counted every piece himself for many years.
  Call the shop by name when you phone, and ask for the owner if you need help with an order.`,
  `The Civic Society of the town meets every month in the old hall.
  Fellow members are asked to bring their ideas for the country fair.
  What the society can do for the town depends on what members can do for the society.
  Our experience proves that small groups can do a great deal.
  Members who walk to the meeting should take care on the way home in the dark.
  The power in the hall is sufficient for the lights and the sound system.
  Say your name when you speak at the meeting so that everyone can hear you.`,
];

export const vetAgent: readonly string[] = [
  `Riverside Veterinary Clinic. We care for dogs, cats, rabbits and small pets.
  Opening hours: Monday to Friday from eight in the morning to six in the evening, Saturday from nine to twelve. Closed on Sunday.
  Our address is 14 Mill Lane, next to the pharmacy. Free parking behind the clinic.
  A standard consultation costs 45 dollars. Vaccinations for dogs cost 60 dollars and for cats 55 dollars.
  Dental cleaning under anaesthetic costs 350 dollars. Microchipping costs 25 dollars.
  Doctor Sarah Patel treats rabbits and exotic pets. Doctor James Miller is our surgeon.
  We offer payment plans for treatments over 200 dollars.
  In an emergency outside opening hours call the animal emergency line on 555 0199.
  We accept cash, debit cards and credit cards.
  Please bring your pet's vaccination record to the first appointment.`,
  'How much is a consultation? A standard consultation costs 45 dollars.',
  'Do you see rabbits? Yes, Doctor Sarah Patel treats rabbits and exotic pets.',
  'Can I pay in instalments? We offer payment plans for treatments over 200 dollars.',
  'book an appointment',
  'I would like to make an appointment for my dog',
  'cancel my appointment',
  'leave a message',
  'speak to a vet',
];

/** Spoken to the vet agent: none is a sentence of `vetAgent`. */
export const vetQuestions: readonly string[] = [
  'how much does a consultation cost',
  'what time do you open on saturday',
  'are you open on sunday',
  'do you treat rabbits',
  'how much is dental cleaning for a cat',
  'where is the clinic',
  'is there parking',
  'can i pay by credit card',
  'do you have payment plans',
  'what does microchipping cost',
  'who is the surgeon',
  'my dog needs his vaccinations',
  'can i book an appointment for my cat',
  'what is the emergency number',
];
