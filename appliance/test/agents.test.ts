import t from 'tap';
import { dialects } from './helpers/dialects.js';
import { startTestApi } from './helpers/app.js';

for (const dialect of dialects) {
  t.test(`agents CRUD, numbers and training status [${dialect}]`, async (t) => {
    const api = await startTestApi(t, dialect);
    const a = await api.register('Agents Inc');
    const tok = { token: a.token };
    const created = await api.call<{
      id: string;
      status: string;
      numbers: string[];
      behaviour: { transferDigit: string };
    }>('POST', '/agents', {
      ...tok,
      body: {
        name: 'Reception',
        numbers: ['+15550100', '2000', '2000'],
        facts: {
          hours: [{ days: ['mon', 'tue'], open: '09:00', close: '17:00' }],
          address: '1 Main St',
          transferExtension: '200',
        },
        faqs: [{ question: 'Do you deliver?', answer: 'Yes, within 10 km.' }],
        intents: [
          {
            name: 'book_table',
            examples: ['I want to book a table'],
            response: 'Sure, for how many people?',
          },
        ],
      },
    });
    t.equal(created.status, 201);
    t.equal(created.body.status, 'untrained');
    t.same(created.body.numbers, ['15550100', '2000'], 'numbers de-duplicated, in canonical form (no +)');
    t.equal(created.body.behaviour.transferDigit, '0', 'defaults filled');

    const list = await api.call<{ items: { id: string }[]; total: number }>('GET', '/agents?limit=10', tok);
    t.equal(list.body.total, 1);

    const upd = await api.call<{ greeting: string; name: string; version: number; numbers: string[] }>(
      'PUT',
      `/agents/${created.body.id}`,
      { ...tok, body: { greeting: 'Welcome to Agents Inc!', numbers: ['2001'] } },
    );
    t.equal(upd.status, 200);
    t.equal(upd.body.greeting, 'Welcome to Agents Inc!');
    t.equal(upd.body.name, 'Reception', 'fields not sent are kept');
    t.equal(upd.body.version, 2);
    t.same(upd.body.numbers, ['2001']);

    const other = await api.call('POST', '/agents', { ...tok, body: { name: 'Second', numbers: ['2001'] } });
    t.equal(other.status, 409, 'a number belongs to one agent');
    const freed = await api.call('POST', '/agents', { ...tok, body: { name: 'Third', numbers: ['2000'] } });
    t.equal(freed.status, 201, 'a released number can be reused');

    // Concurrent updates: none is lost, each increments the version once, the response is the row.
    const puts = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        api.call<{ version: number; greeting: string; numbers: string[] }>(
          'PUT',
          `/agents/${created.body.id}`,
          { ...tok, body: { greeting: `Concurrent ${i}.` } },
        ),
      ),
    );
    t.ok(
      puts.every((r) => r.status === 200),
      'all concurrent updates succeed',
    );
    t.same(
      puts.map((r) => r.body.version).sort((x, y) => x - y),
      Array.from({ length: 12 }, (_, i) => 3 + i),
      'versions 3..14, each once',
    );
    t.ok(
      puts.every((r) => r.body.greeting.startsWith('Concurrent') && r.body.numbers[0] === '2001'),
      'each response is the updated agent',
    );
    const after = await api.call<{ version: number }>('GET', `/agents/${created.body.id}`, tok);
    t.equal(after.body.version, 14, 'the stored version counts every update');

    const train = await api.call<{ status: string }>('POST', `/agents/${created.body.id}/train`, tok);
    t.equal(train.status, 202);
    await api.app.trainer.idle();
    const st = await api.call<{ status: string; needsTraining: boolean; trainedVersion: number }>(
      'GET',
      `/agents/${created.body.id}/status`,
      tok,
    );
    t.equal(st.body.status, 'ready');
    t.equal(st.body.needsTraining, false);
    t.equal(st.body.trainedVersion, 14);
    await api.call('PUT', `/agents/${created.body.id}`, { ...tok, body: { greeting: 'Changed' } });
    const stale = await api.call<{ needsTraining: boolean }>('GET', `/agents/${created.body.id}/status`, tok);
    t.equal(stale.body.needsTraining, true, 'a change makes training stale');

    const broken = await api.call<{ id: string }>('POST', '/agents', {
      ...tok,
      body: { name: 'Broken', intents: [{ name: 'x', examples: ['transfer me'], action: 'transfer' }] },
    });
    await api.call('POST', `/agents/${broken.body.id}/train`, tok);
    await api.app.trainer.idle();
    const failed = await api.call<{ status: string; error: string }>(
      'GET',
      `/agents/${broken.body.id}/status`,
      tok,
    );
    t.equal(failed.body.status, 'failed');
    t.match(failed.body.error, /transferExtension/, 'failure says why');

    t.equal((await api.call('DELETE', `/agents/${created.body.id}`, tok)).status, 204);
    t.equal((await api.call('GET', `/agents/${created.body.id}`, tok)).status, 404);
    const reuse = await api.call('POST', '/agents', { ...tok, body: { name: 'Fourth', numbers: ['2001'] } });
    t.equal(reuse.status, 201, 'deleting an agent frees its numbers');
  });
}
