import t from 'tap';
import { createAgentBody, type AgentView } from '../../agents/schema.js';
import { checkAnswer } from '../answer-check.js';
import { itemCore, itemHeads } from '../item-kind.js';
import { compileAgent, type CompiledAgent } from '../compile.js';
import { sharedWordnet } from '../lexicon/wordnet.js';
import { checkedReply } from './checked-reply.js';

/**
 * The final answer check (answer-check.ts) on a bicycle workshop's page, a trade none of the
 * suites use: each reply is planned by the real policy and checked as conversation.ts does.
 */
const chunks = [
  {
    documentId: 'd1',
    title: 'Spokes Cycle Workshop',
    text: 'Spokes Cycle Workshop\nA winter service costs $60, including a wheel check and new brake blocks. This site uses cookies to remember your preferences. Spokes Cycle Workshop repairs every kind of bicycle. Find us at 41 Canal Street, Eastbury.',
  },
  {
    documentId: 'd1',
    title: 'Spokes Cycle Workshop',
    text: 'Repairs\nService: Brake pad replacement; Price: $30\nService: Gear cable replacement; Price: $18\nService: Puncture repair; Price: $15\nService: Full service, including brake adjustment; Price: $90\nService: Wheel truing; Price: $25\nService: Chain and cassette replacement; Price: $70\nService: Chain clean only; Price: $12',
  },
  {
    documentId: 'd1',
    title: 'Spokes Cycle Workshop',
    text: 'Workshop price list\nService Price Time Basic tune-up $45 30 min Full overhaul $150 3 hr Brake bleed $35 40 min Gear indexing $20 15 min',
  },
  {
    documentId: 'd1',
    title: 'Spokes Cycle Workshop',
    text: 'While you wait\nOur waiting area has free Wi-Fi, a coffee machine and a bike stand for your own repairs.',
  },
  {
    documentId: 'd1',
    title: 'Spokes Cycle Workshop',
    text: 'Collection and theft\nOur courier partner Swift Riders collects bikes within 5 miles. Their depot is at 5 Mill Street; ask them to bring the bike to us. If your bike is stolen, report it to the Eastbury Police Station, 20 Dock Road.',
  },
];

const wn = sharedWordnet('/usr/share/wordnet');
let agent: CompiledAgent;

t.before(async () => {
  const config = createAgentBody.parse({ name: 'Spokes', facts: {} });
  const view: AgentView = { ...config, id: 'a1', status: 'ready', createdAt: '', updatedAt: '', version: 1 };
  agent = await compileAgent(
    view,
    { id: 'b1', name: 'Spokes Cycle Workshop', timeZone: 'UTC' },
    { temperature: 0.1, chunks, lexicon: wn },
  );
});

/** One caller turn as a conversation says it: the policy's plan, then the check. */
const said = (text: string): Promise<string> => checkedReply(agent, text);

const honest = /don't have .*(message|colleague)/;

t.test('item names: what a row prices, without what it includes', async (t) => {
  t.equal(itemCore('Full service, including brake adjustment'), 'Full service');
  t.equal(itemCore('Night guard for teeth grinding'), 'Night guard');
  t.same(itemHeads('Chain and cassette replacement'), ['replacement']);
  t.same(itemHeads('Brake pads and rotors, per axle'), ['pad', 'rotor']);
  t.same(itemHeads("Women's cut and blow-dry"), ['cut', 'dry']);
});

t.test('attribute agreement: a price is no answer to how long', async (t) => {
  const reply = await said('How long does a wheel truing take?');
  t.notMatch(reply, /\$25/, reply);
  t.match(reply, honest);
  const fromRow = checkAnswer(agent, 'How long does a puncture repair take?', [
    'Service: Puncture repair; Price: $15',
  ]);
  t.equal(fromRow.ok, false);
  // The right kind passes.
  t.equal(
    checkAnswer(agent, 'Who should I ring about a repair?', ['Call the workshop on 555 0199.']).ok,
    true,
  );
  t.equal(
    checkAnswer(agent, 'When do I pay for the repair?', [
      'Payment of the $15 is due when you collect the bike.',
    ]).ok,
    true,
    'a time relative to an event answers when',
  );
  t.match(await said('How much is a puncture repair?'), /\$15/);
});

t.test('entity agreement: a thing only included in an item gets the honest fallback', async (t) => {
  const r = checkAnswer(agent, 'How much is a brake adjustment on its own?', [
    'Service: Full service, including brake adjustment; Price: $90',
  ]);
  t.same(r.ok ? 'said' : r.reason, 'entity');
  const reply = await said('How much is a brake adjustment on its own?');
  t.notMatch(reply, /\$90/, reply);
  const prose = checkAnswer(agent, 'How much is a wheel check?', [
    'A winter service costs $60, including a wheel check and new brake blocks.',
  ]);
  t.equal(prose.ok, false, 'the same in a sentence of prose');
  const wheel = await said('How much is a wheel check?');
  t.notMatch(wheel, /\$60/, wheel);
  // A row whose head the caller names is said, paraphrased or with words dropped.
  t.match(await said('What do you charge for a full service?'), /\$90/);
});

t.test('entity agreement: another row of the table is not the asked item', async (t) => {
  // "Chain clean only" is the asked item; "chain and cassette replacement" is another row.
  const r = checkAnswer(agent, 'How much is a chain clean?', [
    'Service: Chain and cassette replacement; Price: $70',
  ]);
  t.equal(r.ok, false, 'the replacement price is refused for a clean');
  t.match(await said('How much is a chain clean?'), /\$12/);
});

t.test('entity agreement: two items of one kind need a word that tells them apart', async (t) => {
  // "pad" alone does not name the brake pad (WordNet's compound "brake pad"), and the gear
  // cable is a replacement too: either price could be meant.
  const vague = checkAnswer(agent, 'How much to replace a pad?', [
    'Service: Brake pad replacement; Price: $30',
  ]);
  t.equal(vague.ok, false, 'no figure for an ask that fits two items');
  const clear = checkAnswer(agent, 'How much to replace brake pads?', [
    'Service: Brake pad replacement; Price: $30',
  ]);
  t.equal(clear.ok, true, 'named: said');
  const reply = await said('How much to replace a pad?');
  t.notMatch(reply, /\$30|\$18/, reply);
  t.match(await said('How much is a brake pad replacement?'), /\$30/);
});

t.test('no dumps: a flattened price table is cut to the asked row or refused', async (t) => {
  const table =
    'Service Price Time Basic tune-up $45 30 min Full overhaul $150 3 hr Brake bleed $35 40 min Gear indexing $20 15 min';
  const row = checkAnswer(agent, 'How much is a brake bleed?', [table]);
  t.same(row, { ok: true, sentences: ['Brake bleed $35.'] }, 'only the asked row, without its time cell');
  const none = checkAnswer(agent, 'How much are new tyres?', [table]);
  t.equal(none.ok, false, 'no row is the asked item: no figure');
  const reply = await said('How much is a gear indexing?');
  t.notMatch(reply, /\$45|\$150|\$35/, reply);
});

t.test("the business's own address, not a partner's or the police's", async (t) => {
  const partner = checkAnswer(agent, "What's your address?", [
    'Their depot is at 5 Mill Street; ask them to bring the bike to us.',
  ]);
  t.same(partner.ok ? 'said' : partner.reason, 'foreign-party');
  const police = checkAnswer(agent, 'Where are you?', [
    'If your bike is stolen, report it to the Eastbury Police Station, 20 Dock Road.',
  ]);
  t.equal(police.ok, false, "the police station's address is not ours");
  const asked = checkAnswer(agent, 'Where is the police station?', [
    'If your bike is stolen, report it to the Eastbury Police Station, 20 Dock Road.',
  ]);
  t.equal(asked.ok, true, 'asked for that party: said');
  const own = checkAnswer(agent, "What's your address?", ['Find us at 41 Canal Street, Eastbury.']);
  t.equal(own.ok, true, 'our own address');
  for (const q of ["What's your address?", 'Where do I take my bike?']) {
    const reply = await said(q);
    t.notMatch(reply, /Mill Street|Dock Road/, `${q} -> ${reply}`);
  }
  t.match(await said('Where can I find you?'), /41 Canal Street/);
});

t.test('no boilerplate: a cookie banner is never an answer', async (t) => {
  const r = checkAnswer(agent, 'Do you remember my bike?', [
    'This site uses cookies to remember your preferences.',
  ]);
  t.same(r.ok ? 'said' : r.reason, 'boilerplate');
  t.notMatch(await said('Will you remember my preferences?'), /cookies/);
});

t.test('a what-question about a thing the page never names: the honest fallback, named', async (t) => {
  const r = await said("What's the Wi-Fi password?");
  t.match(r, honest, r);
  t.match(r, /the Wi-Fi password/, 'the fallback names what was asked');
  t.notMatch(r, /coffee/);
  // The same words asking about the Wi-Fi itself are answered.
  t.match(await said("What's the Wi-Fi like while I wait?"), /free Wi-Fi/);
  t.match(await said('Is there Wi-Fi?'), /free Wi-Fi/);
  // A word the page links to only loosely (a broader word), none of it in the reply: the service's
  // price is no turnaround.
  const turnaround = await said("What's the turnaround on a full service?");
  t.match(turnaround, /don't have information about the turnaround/, turnaround);
  t.notMatch(turnaround, /\$90/);
});
