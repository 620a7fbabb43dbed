import http from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { llamaCppStatus } from '../llm/llama-cpp.js';
import { OpenAiChatEngine } from '../llm/openai.js';
import { parseSse } from '../llm/sse.js';
import type { ChatEvent } from '../llm/types.js';

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;

async function server(t: { teardown: (fn: () => Promise<void>) => void }, handler: Handler): Promise<string> {
  const srv = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  t.teardown(
    () =>
      new Promise<void>((r) => {
        srv.closeAllConnections();
        srv.close(() => r());
      }),
  );
  return `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
}

const sse = (obj: unknown): string => `data: ${JSON.stringify(obj)}\n\n`;

async function collect(it: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield new TextEncoder().encode(p);
}

t.test('SSE parser: split chunks, CRLF, comments, multi-line data', async (t) => {
  const evs = [];
  for await (const e of parseSse(
    chunks('data: a', 'bc\r', '\n\r\n: comment\n', 'event: x\ndata: 1\ndata: 2\n\n', 'data: tail'),
  ))
    evs.push(e);
  t.same(evs, [
    { event: 'message', data: 'abc' },
    { event: 'x', data: '1\n2' },
    { event: 'message', data: 'tail' },
  ]);
  await t.rejects(async () => {
    for await (const _ of parseSse(chunks('data: ' + 'x'.repeat(2000)), 1000)) void _;
  }, /too long/);
});

t.test('streams text deltas and assembles tool calls', async (t) => {
  let seen: Record<string, unknown> = {};
  const base = await server(t, (req, body, res) => {
    seen = JSON.parse(body) as Record<string, unknown>;
    t.equal(req.url, '/v1/chat/completions');
    t.equal(req.headers['authorization'], 'Bearer k');
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const parts = [
      sse({ choices: [{ delta: { role: 'assistant', content: 'Hel' } }] }),
      sse({ choices: [{ delta: { content: 'lo' } }] }),
      sse({
        choices: [
          {
            delta: {
              tool_calls: [{ index: 0, id: 'c1', function: { name: 'book_', arguments: '{"day":' } }],
            },
          },
        ],
      }),
      sse({
        choices: [{ delta: { tool_calls: [{ index: 0, function: { name: 'slot', arguments: '"tue"}' } }] } }],
      }),
      sse({
        choices: [
          { delta: { tool_calls: [{ index: 1, id: 'c2', function: { name: 'hangup', arguments: '' } }] } },
        ],
      }),
      sse({ choices: [{ delta: {}, finish_reason: 'tool_calls' }] }),
      'data: [DONE]\n\n',
    ];
    // Byte-split writes: events straddle TCP chunks.
    const all = parts.join('');
    let i = 0;
    const tick = (): void => {
      if (i >= all.length) return void res.end();
      res.write(all.slice(i, i + 17));
      i += 17;
      setImmediate(tick);
    };
    tick();
  });
  const llm = new OpenAiChatEngine({ baseUrl: base, model: 'm', apiKey: 'k' });
  const events = await collect(
    llm.chat({
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'book tuesday' },
      ],
      tools: [{ name: 'book_slot', description: 'book', parameters: { type: 'object' } }],
      maxTokens: 50,
      temperature: 0.2,
    }),
  );
  t.same(events, [
    { kind: 'text', delta: 'Hel' },
    { kind: 'text', delta: 'lo' },
    { kind: 'tool-call', id: 'c1', name: 'book_slot', argumentsJson: '{"day":"tue"}' },
    { kind: 'tool-call', id: 'c2', name: 'hangup', argumentsJson: '{}' },
    { kind: 'done', finishReason: 'tool_calls' },
  ]);
  t.equal(seen['stream'], true);
  t.equal(seen['max_tokens'], 50);
  t.same((seen['tools'] as Array<{ function: { name: string } }>)[0]?.function.name, 'book_slot');
});

t.test('errors: HTTP status, malformed SSE JSON, error chunk', async (t) => {
  const base = await server(t, (req, body, res) => {
    const mode = (JSON.parse(body) as { model: string }).model;
    if (mode === 'http') {
      res.writeHead(503);
      return void res.end('overloaded');
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    if (mode === 'bad') res.end('data: {not json\n\n');
    else res.end(sse({ error: { message: 'context too long' } }));
  });
  await t.rejects(
    collect(new OpenAiChatEngine({ baseUrl: base, model: 'http' }).chat({ messages: [] })),
    /HTTP 503: overloaded/,
  );
  await t.rejects(
    collect(new OpenAiChatEngine({ baseUrl: base, model: 'bad' }).chat({ messages: [] })),
    /malformed JSON/,
  );
  await t.rejects(
    collect(new OpenAiChatEngine({ baseUrl: base, model: 'err' }).chat({ messages: [] })),
    /context too long/,
  );
  t.throws(() => new OpenAiChatEngine({ baseUrl: 'ftp://x', model: 'm' }), /http/);
});

t.test('timeouts and abort', async (t) => {
  const base = await server(t, (req, body, res) => {
    const mode = (JSON.parse(body) as { model: string }).model;
    if (mode === 'no-headers') return; // never answers
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(sse({ choices: [{ delta: { content: 'a' } }] })); // then stalls
  });
  const t0 = Date.now();
  await t.rejects(
    collect(
      new OpenAiChatEngine({ baseUrl: base, model: 'no-headers', timeoutMs: 200 }).chat({ messages: [] }),
    ),
    { code: 'timeout' },
  );
  t.ok(Date.now() - t0 < 5000, 'header timeout honoured');
  const got: ChatEvent[] = [];
  await t.rejects(
    (async () => {
      for await (const e of new OpenAiChatEngine({ baseUrl: base, model: 'stall', idleTimeoutMs: 200 }).chat({
        messages: [],
      }))
        got.push(e);
    })(),
    { code: 'timeout' },
  );
  t.same(got, [{ kind: 'text', delta: 'a' }], 'deltas before the stall were delivered');
  const ac = new AbortController();
  const p = collect(
    new OpenAiChatEngine({ baseUrl: base, model: 'stall' }).chat({ messages: [], signal: ac.signal }),
  );
  setTimeout(() => ac.abort(), 100);
  await t.rejects(p, { code: 'aborted' });
});

t.test('llama.cpp: unavailable without a configured model', async (t) => {
  t.equal((await llamaCppStatus(undefined)).state, 'unavailable');
  t.equal((await llamaCppStatus({ modelPath: '/nonexistent/model.gguf' })).state, 'missing-weights');
});
