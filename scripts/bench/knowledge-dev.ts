/**
 * The engine's development figures for answering from uploaded documents (tsx
 * scripts/bench/knowledge-dev.ts): the dev set of appliance/agent/test/knowledge-dev.ts through
 * the text channel of a real appliance (SQLite, or PostgreSQL with APPLIANCE_DATABASE_URL), no
 * LLM. Prints answered-correctly per business and per kind, wrong numbers and honest fallbacks.
 * Loopback only; bounded to 3 minutes. BENCH_VERBOSE=1 prints every miss.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { devBusinesses, devQuestions, type DevQuestion } from '../../appliance/agent/test/knowledge-dev.js';
import { startAppliance } from '../../appliance/app.js';
import { loadConfig } from '../../appliance/config/index.js';
import type { KnowledgeModule } from '../../appliance/knowledge/index.js';
import { createLogger } from '../../appliance/log.js';

const DEADLINE_MS = 180_000;
const watchdog = setTimeout(() => {
  console.log(`\nstopped: the ${DEADLINE_MS / 1000} s bound was reached`);
  process.exit(2);
}, DEADLINE_MS);
watchdog.unref();

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-kdev-'));
const config = loadConfig(
  {},
  {
    tls: { mode: 'off' }, // plain HTTP on loopback
    dataDir,
    databaseUrl: process.env.APPLIANCE_DATABASE_URL ?? '',
    logLevel: 'silent',
    http: { port: 0, bindAddress: '127.0.0.1', unsubscribedRatePerS: 100_000, publicRatePerS: 1000 },
  },
);
const app = await startAppliance(config, { log: createLogger('silent') });
const base = `http://127.0.0.1:${app.httpPort}/api/v1`;
const call = async <T>(method: string, p: string, token: string | undefined, body?: unknown): Promise<T> => {
  const res = await fetch(base + p, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

/** Numbers as written, thousands separators dropped: "$2,200" -> "2200", "7:30" -> "7:30". */
const numbers = (s: string): string[] =>
  [...s.matchAll(/\d[\d,]*(?::\d\d)?(?:\.\d+)?/g)].map((m) => m[0].replace(/,/g, '').replace(/,$/, ''));
const honest = /\b(don't have|do not have|not in my information|no information)\b/i;

interface Verdict {
  ok: boolean;
  wrongNumber: boolean;
}
function judge(q: DevQuestion, reply: string, intent: string, actions: string[]): Verdict {
  const r = reply.toLowerCase();
  const asked = new Set(numbers(q.text));
  if (q.unanswerable) {
    const stated = numbers(reply).filter((n) => !asked.has(n));
    return { ok: honest.test(reply) && stated.length === 0, wrongNumber: stated.length > 0 };
  }
  const want = new Set((q.contains ?? []).flatMap(numbers));
  const stated = numbers(reply).filter((n) => !asked.has(n));
  // A price or figure question answered with figures none of which is the one asked.
  const wrongNumber = want.size > 0 && stated.length > 0 && !stated.some((n) => want.has(n));
  const ok =
    (q.contains ?? []).every((c) => r.includes(c.toLowerCase())) &&
    (!q.action || actions.includes(q.action)) &&
    (!q.intent || intent === q.intent);
  return { ok, wrongNumber };
}

try {
  const setups = new Map<string, { token: string; agentId: string }>();
  for (const b of devBusinesses) {
    const reg = await call<{ accessToken: string }>('POST', '/auth/register', undefined, {
      businessName: b.name,
      email: `dev@${b.key}.test`,
      password: 'correct horse battery staple',
    });
    const agent = await call<{ id: string }>('POST', '/agents', reg.accessToken, b.agent);
    for (const d of b.documents) await call('POST', '/knowledge/upload', reg.accessToken, d);
    setups.set(b.key, { token: reg.accessToken, agentId: agent.id });
  }
  await (app.modules.knowledge as KnowledgeModule).idle();
  for (const s of setups.values()) await call('POST', `/agents/${s.agentId}/train`, s.token);
  await app.trainer.idle();

  const tally = new Map<string, { n: number; ok: number }>();
  const add = (k: string, ok: boolean): void => {
    const v = tally.get(k) ?? { n: 0, ok: 0 };
    v.n++;
    if (ok) v.ok++;
    tally.set(k, v);
  };
  let wrong = 0;
  const misses: string[] = [];
  for (const q of devQuestions) {
    const s = setups.get(q.biz)!;
    const r = await call<{ reply: string; intent: string; actions: { action: string }[] }>(
      'POST',
      `/agents/${s.agentId}/chat`,
      s.token,
      { message: q.text },
    );
    const v = judge(
      q,
      r.reply,
      r.intent,
      r.actions.map((a) => a.action),
    );
    add('all', v.ok);
    add(`business ${q.biz}`, v.ok);
    add(`kind ${q.kind}`, v.ok);
    if (v.wrongNumber) wrong++;
    if (!v.ok) misses.push(`[${q.biz}/${q.kind}] "${q.text}" -> (${r.intent}) ${r.reply}`);
  }
  const pct = (v: { n: number; ok: number }): string =>
    `${((100 * v.ok) / v.n).toFixed(1)}% (${v.ok}/${v.n})`;
  console.log(`dev set, ${config.databaseUrl ? 'PostgreSQL' : 'SQLite'}, no LLM`);
  for (const [k, v] of [...tally].sort()) console.log(`  ${k.padEnd(24)} ${pct(v)}`);
  console.log(`  answers with a number other than the one asked: ${wrong}`);
  if (process.env.BENCH_VERBOSE) for (const m of misses) console.log(`miss: ${m}`);
} finally {
  await app.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
