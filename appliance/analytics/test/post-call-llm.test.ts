import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import t from 'tap';
import { createLogger } from '../../log.js';
import { startTestApi } from '../../test/helpers/app.js';
import { grounded, PostCallExtractor, postCallPromptTitle, type PostCallLlm } from '../post-call-llm.js';

// Friday 4 December 2026, UTC.
const friday = new Date('2026-12-04T15:00:00Z');

t.test('grounding: a value is kept only when the caller said it', async (t) => {
  const said = ['Hi, our puppy Biscuit has a sore paw', 'we are four, order ab one two three four five'];
  const text = { name: 'pet', kind: 'text_after_cue' as const, cues: [], pattern: '' };
  t.equal(grounded(text, 'Biscuit', said, friday), 'Biscuit');
  t.equal(grounded(text, 'biscuit.', said, friday), 'biscuit', 'case and punctuation aside');
  t.equal(grounded(text, 'Max', said, friday), null, 'an invented name is refused');
  t.equal(grounded(text, 'Bis', said, friday), null, 'whole words only');
  const num = { name: 'n', kind: 'number' as const, cues: [], pattern: '' };
  t.equal(grounded(num, 4, said, friday), 4);
  t.equal(grounded(num, '4', said, friday), 4);
  t.equal(grounded(num, 5, said, friday), null);
  const order = { name: 'o', kind: 'order_number' as const, cues: [], pattern: 'AA99999' };
  t.equal(grounded(order, 'AB12345', said, friday), 'AB12345', 'spoken digits count');
  t.equal(grounded(order, 'AB12399', said, friday), null);
  t.equal(grounded({ ...order, pattern: 'AAA99999' }, 'AB12345', said, friday), null, 'the pattern holds');
  const date = { name: 'd', kind: 'date' as const, cues: [], pattern: '' };
  const dates = ['can we come next Tuesday or the 24th of December'];
  t.equal(grounded(date, '2026-12-08', dates, friday), '2026-12-08');
  t.equal(grounded(date, '2026-12-24', dates, friday), '2026-12-24', 'the second date of a turn too');
  t.equal(grounded(date, 'next Tuesday', dates, friday), '2026-12-08', 'words become ISO');
  t.equal(grounded(date, '2026-12-09', dates, friday), null, 'a date the caller did not name');
});

t.test('a completion past its budget is abandoned: no values, one warning', async (t) => {
  const lines: string[] = [];
  const log = createLogger('warn', {
    destination: new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    }),
  });
  let aborted = false;
  const hanging: PostCallLlm = {
    chat: (req) => ({
      [Symbol.asyncIterator]: () => ({
        next: () =>
          new Promise((_resolve, reject) =>
            req.signal?.addEventListener('abort', () => {
              aborted = true;
              reject(new Error('aborted'));
            }),
          ),
      }),
    }),
  };
  const x = new PostCallExtractor({ llm: () => hanging, log, budgetMs: 100 });
  const q = {
    businessId: 'b1',
    conversationId: 'c1',
    fields: [{ name: 'pet', kind: 'text_after_cue' as const, cues: [], pattern: '' }],
    callerTexts: ['our puppy Biscuit'],
    callDay: friday,
  };
  t.same(await x.fill(q), {});
  t.ok(aborted, 'the request was aborted');
  t.match(lines.join(''), /"reason":"timeout"/);
  t.notMatch(lines.join(''), /Biscuit/);
  t.same(await x.fill(q), {}, 'the same conversation again (a call ends twice): not asked again');
  t.equal(lines.length, 1);
});

interface Seen {
  messages: { role: string; content: string }[];
  temperature?: number;
  max_tokens?: number;
  tools?: unknown[];
}

/** What the scripted server answers to the post-call request. */
type Mode = { kind: 'json'; answer: string } | { kind: 'error' };

function sse(res: ServerResponse, obj: unknown): void {
  res.write(`data: ${JSON.stringify(obj)}\n\n`);
}

t.test('post-call fields by the configured LLM, end to end (sqlite)', async (t) => {
  let mode: Mode = { kind: 'error' };
  const extraction: Seen[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      let raw = '';
      for await (const c of req) raw += String(c);
      const body = JSON.parse(raw) as Seen;
      const isPostCall = body.messages[0]?.content.startsWith(postCallPromptTitle) ?? false;
      if (isPostCall) extraction.push(body);
      if (isPostCall && mode.kind === 'error') {
        res.writeHead(500).end('boom');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      // The agent's own requests (replies, tools) get a plain "not sure".
      const text = isPostCall && mode.kind === 'json' ? mode.answer : 'I am not sure.';
      // In two chunks, as a streaming server sends it.
      const cut = Math.floor(text.length / 2);
      if (!res.destroyed) sse(res, { choices: [{ delta: { content: text.slice(0, cut) } }] });
      if (!res.destroyed) sse(res, { choices: [{ delta: { content: text.slice(cut) } }] });
      if (!res.destroyed) sse(res, { choices: [{ delta: {}, finish_reason: 'stop' }] });
      res.end('data: [DONE]\n\n');
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.teardown(() => new Promise<void>((r) => server.close(() => r())));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const logged: string[] = [];
  const log = createLogger('warn', {
    destination: new Writable({
      write(chunk: Buffer, _enc, cb) {
        logged.push(String(chunk));
        cb();
      },
    }),
  });
  const api = await startTestApi(
    t,
    'sqlite',
    {
      models: {
        warmOnStart: false,
        cacheDir: path.join(os.tmpdir(), 'appliance-model-cache'),
        prefer: {},
        llm: { baseUrl, model: 'scripted' },
      },
    },
    undefined,
    log,
  );
  // The LLM is the models runtime's (as in production, once loaded).
  const rt = await api.app.ctx.models.runtime();
  t.ok(rt.llm, 'the runtime has the configured LLM');

  const owner = await api.register('Paws Vet');
  const tok = { token: owner.token };
  const agent = await api.call<{ id: string }>('POST', '/agents', {
    ...tok,
    body: {
      name: 'Vet desk',
      extraction: [
        { name: 'pet_name', kind: 'text_after_cue', cues: ["pet's name is"] },
        { name: 'visit', kind: 'date' },
        { name: 'order', kind: 'order_number', pattern: 'AA-99999' },
      ],
    },
  });
  t.equal(agent.status, 201);
  const id = agent.body.id;
  const chat = (message: string, conversationId?: string) =>
    api.call<{ conversationId: string; ended: boolean }>('POST', `/agents/${id}/chat`, {
      ...tok,
      body: { message, ...(conversationId ? { conversationId } : {}) },
    });
  const callerTurn = 'Hi, our puppy Biscuit has a sore paw, could we come tomorrow?';
  type Stored = { fields: Record<string, unknown>; fieldSources?: Record<string, string> };
  // The LLM's fields follow the ending reply in the background: read the record once the
  // LLM step is over (`settled` on the record read so far, or on what the server and log saw).
  const conversation = async (settled: (rec: Stored) => boolean): Promise<Stored> => {
    const c = await chat(callerTurn);
    const bye = await chat('Thanks, that is great. Goodbye', c.body.conversationId);
    t.ok(bye.body.ended, 'the conversation ended');
    const read = async (): Promise<Stored> => {
      const conv = await api.call<{ postCall: Stored }>(
        'GET',
        `/conversations/${c.body.conversationId}`,
        tok,
      );
      t.equal(conv.status, 200);
      return conv.body.postCall;
    };
    const deadline = Date.now() + 12_000;
    let rec = await read();
    while (!settled(rec) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      rec = await read();
    }
    // A refused value changes nothing: give the background step a moment to (not) store one.
    await new Promise((r) => setTimeout(r, 200));
    return read();
  };
  const started = new Date();
  const tomorrow = new Date(
    Date.UTC(started.getUTCFullYear(), started.getUTCMonth(), started.getUTCDate() + 1),
  )
    .toISOString()
    .slice(0, 10);

  // The rules find the date but not the pet (no "pet's name is"): the LLM fills it, grounded; its
  // invented order number is refused.
  mode = {
    kind: 'json',
    answer: '```json\n{"pet_name": "Biscuit", "order": "ZZ-99999"}\n```',
  };
  const good = await conversation((r) => r.fieldSources?.pet_name === 'llm');
  t.same(good.fields, { pet_name: 'Biscuit', visit: tomorrow, order: null }, 'the LLM filled the pet name');
  t.same(good.fieldSources, { pet_name: 'llm', visit: 'rule' }, 'each value with its source');
  t.equal(extraction.length, 1, 'one completion for the conversation');
  const req = extraction[0];
  t.equal(req?.temperature, 0);
  t.equal(req?.max_tokens, 200);
  t.notOk(req?.tools, 'no tools: a JSON answer');
  t.match(req?.messages[0]?.content, /- pet_name \(text[^\n]*"pet's name is"/, 'the fields are listed');
  t.match(req?.messages[0]?.content, /- order \(order number\)[^\n]*AA-99999/);
  t.notMatch(req?.messages[0]?.content, /- visit/, 'a field the rules filled is not asked');
  t.match(req?.messages[1]?.content, /our puppy Biscuit has a sore paw/, "the caller's turns");
  t.notMatch(req?.messages[1]?.content, /I am not sure/, "the agent's turns are not sent");

  // A name the caller never said is refused.
  mode = { kind: 'json', answer: '{"pet_name": "Max", "order": null}' };
  const invented = await conversation(() => extraction.length === 2);
  t.same(invented.fields, { pet_name: null, visit: tomorrow, order: null }, 'an invented value is refused');
  t.same(invented.fieldSources, { visit: 'rule' });

  // A server error, and an answer that is no JSON: the rules' values stand, a warning is logged
  // with no transcript text.
  for (const m of [{ kind: 'error' }, { kind: 'json', answer: 'Biscuit, I think.' }] as Mode[]) {
    mode = m;
    const before = logged.length;
    const warnedNow = (): boolean =>
      logged.slice(before).some((l) => l.includes('post-call LLM extraction failed'));
    const failed = await conversation(warnedNow);
    t.same(failed.fields, { pet_name: null, visit: tomorrow, order: null }, `${m.kind}: the rule values`);
    t.same(failed.fieldSources, { visit: 'rule' });
    const warned = logged.slice(before).filter((l) => l.includes('post-call LLM extraction failed'));
    t.equal(warned.length, 1, `${m.kind}: one warning`);
    t.notMatch(warned.join(''), /Biscuit|puppy|sore paw/, 'no transcript text in the log line');
    t.match(warned.join(''), m.kind === 'error' ? /"errName"/ : /"reason":"bad-json"/);
  }
  t.equal(extraction.length, 4, 'one completion per conversation');
});
