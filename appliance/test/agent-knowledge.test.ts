import t from 'tap';
import type { KnowledgeModule } from '../knowledge/index.js';
import { dialects } from './helpers/dialects.js';
import { startTestApi } from './helpers/app.js';

interface ChatReply {
  conversationId: string;
  reply: string;
  intent: string;
  sources: string[];
  actions: { action: string; target?: string }[];
}

/** A locksmith's web page, uploaded as the only knowledge: nothing typed into the facts form. */
const page = [
  'Keystone Locksmiths',
  '',
  'Opening hours',
  'Our shop is open Monday to Friday from 8:30 am to 5:30 pm and Saturday from 9 am to 1 pm.',
  '',
  'Prices',
  'Cutting a standard key costs $6. A lock change starts at $85 including the new lock. Opening a car door costs $70.',
  '',
  'Our team',
  'Our master locksmith is Dana Whitfield, who has fitted locks for twenty years.',
  '',
  'Find us',
  'The shop is at 31 Forge Street, Millbrook.',
  '',
  'Lockouts',
  'If you are locked out of your home, stay safe and call our lockout line; a locksmith usually arrives within 45 minutes.',
].join('\n');

for (const dialect of dialects) {
  t.test(`answers from an uploaded document through the chat route [${dialect}]`, async (t) => {
    const api = await startTestApi(t, dialect);
    const owner = await api.register('Keystone Locksmiths');
    const tok = { token: owner.token };
    const agent = await api.call<{ id: string }>('POST', '/agents', {
      ...tok,
      body: { name: 'Keystone desk', facts: { transferExtension: '210' } },
    });
    t.equal(agent.status, 201);
    const up = await api.call('POST', '/knowledge/upload', {
      ...tok,
      body: { title: 'Website', text: page },
    });
    t.equal(up.status, 201);
    await (api.app.modules.knowledge as KnowledgeModule).idle();
    t.equal((await api.call('POST', `/agents/${agent.body.id}/train`, tok)).status, 202);
    await api.app.trainer.idle();

    const chat = async (message: string): Promise<ChatReply> => {
      const r = await api.call<ChatReply>('POST', `/agents/${agent.body.id}/chat`, {
        ...tok,
        body: { message },
      });
      t.equal(r.status, 200, message);
      return r.body;
    };
    const hours = await chat('What are your opening hours?');
    t.match(hours.reply, /Monday to Friday/, 'built-in hours answered from the document');
    t.notMatch(hours.reply, /to hand/);
    t.match((await chat('Where is your shop?')).reply, /31 Forge Street/, 'location from the document');
    t.match((await chat('How much is a lock change?')).reply, /\$85/, 'the price of the asked item');
    const car = await chat('What do you charge to open a car door?');
    t.match(car.reply, /\$70/);
    t.notMatch(car.reply, /\$85|\$6\b/, "and no other item's price");
    const safe = await chat('How much is a new safe?');
    t.match(safe.reply, /don't have the price of/, 'an item not in the data: honest fallback');
    t.notMatch(safe.reply, /\d/, 'with no number');
    t.match((await chat('Who is your master locksmith?')).reply, /Dana Whitfield/);
    const there = await chat('is there a charge for cutting a key');
    t.not(there.intent, 'greeting', '"is there" is no greeting');
    t.match(there.reply, /\$6/);
    const leave = await chat('If I leave my keys with you, when can I pick up the copies?');
    t.not(leave.intent, 'take_message', '"leave" in a question is no message request');
    const urgent = await chat('I am locked out and my baby is inside, please help');
    t.equal(urgent.intent, 'urgent');
    t.match(urgent.reply, /lockout line/, "the document's instructions");
    t.same(
      urgent.actions.map((a) => [a.action, a.target]),
      [['transfer', '210']],
      'and a transfer, before any message taking',
    );

    // The knowledge graph, read-only, scoped to the business.
    const g = await api.call<{
      sentences: number;
      entities: { id: string; kind: string; name: string }[];
      relations: { from: string; relation: string; to: string; sentence: string }[];
    }>('GET', `/agents/${agent.body.id}/knowledge-graph`, tok);
    t.equal(g.status, 200);
    t.ok(g.body.sentences >= 7, 'the document was read sentence by sentence');
    t.ok(
      g.body.relations.some((r) => r.relation === 'costs' && /lock change/.test(r.from) && /\$85/.test(r.to)),
      'lock change costs $85',
    );
    t.ok(g.body.entities.some((e) => e.kind === 'person' && e.name === 'Dana Whitfield'));
    const other = await api.register('Other Business');
    t.equal(
      (await api.call('GET', `/agents/${agent.body.id}/knowledge-graph`, { token: other.token })).status,
      404,
      'another business cannot read it',
    );
    t.equal((await api.call('GET', `/agents/${agent.body.id}/knowledge-graph`, {})).status, 401);
    const doc = await api.call<{ paths: Record<string, unknown> }>('GET', '/openapi.json', {});
    t.ok(
      doc.body.paths['/api/v1/agents/{id}/knowledge-graph'] ?? doc.body.paths['/agents/{id}/knowledge-graph'],
      'in OpenAPI',
    );
  });
}
