/**
 * Runs the knowledge suite against a running appliance through its public REST API, the path a
 * new business takes: register, upload its one document as knowledge (multipart, nothing typed
 * into the agent's facts form), wait until the document is ready, create and train the agent,
 * then ask every question in a fresh chat conversation (`POST /agents/{id}/chat`, the engine
 * phone calls use) and judge the reply with scorer.ts. Used by the suite's test and by
 * `npm run bench:dialogue`.
 */
import { extract } from '../../../knowledge/extract.js';
import type { DocumentKind } from '../../../knowledge/index.js';
import { documentBytes, suiteBusinesses } from './businesses.js';
import { heldoutQuestions } from './heldout.js';
import { probeQuestions } from './probes.js';
import { heldoutBlindQuestions } from './heldout-blind.js';
import { heldoutBlind2Questions } from './heldout-blind2.js';
import { heldoutBlind3Questions } from './heldout-blind3.js';
import { heldoutBlind4Questions } from './heldout-blind4.js';
import { heldoutBlind5Questions } from './heldout-blind5.js';
import { heldoutBlind6Questions } from './heldout-blind6.js';
import { heldoutBlind7Questions } from './heldout-blind7.js';
import { heldoutFreshQuestions } from './heldout-fresh.js';
import { heldoutMoreQuestions } from './heldout-more.js';
import { dataNumbers, judge, type Judgement } from './scorer.js';
import type { BusinessKey, SuiteBusiness, SuiteQuestion } from './spec.js';
import { tuneQuestions } from './tune.js';
import { tuneBlindQuestions } from './tune-blind.js';
import { tuneBlind3Questions } from './tune-blind3.js';
import { tuneBlind4Questions } from './tune-blind4.js';
import { tuneBlind5Questions } from './tune-blind5.js';
import { tuneBlind6Questions } from './tune-blind6.js';
import { tuneBlind7Questions } from './tune-blind7.js';
import { tuneFreshQuestions } from './tune-fresh.js';
import { tuneMoreQuestions } from './tune-more.js';

/** 'probe': the lexicon probes (probes.ts), reported apart and never in the suite's figures. */
export type Part = 'tune' | 'heldout' | 'probe';

export interface SuiteAgent {
  business: SuiteBusiness;
  token: string;
  agentId: string;
  /** Numbers of the business's document (and 12/24 h twins): anything else in a reply is invented. */
  dataNumbers: Set<number>;
}

export interface QuestionResult {
  question: SuiteQuestion;
  part: Part;
  reply: string;
  intent: string;
  actions: string[];
  judgement: Judgement;
  /** The chat request's round trip, ms. */
  ms: number;
}

export const allQuestions: readonly { question: SuiteQuestion; part: Part }[] = [
  ...tuneQuestions.map((question) => ({ question, part: 'tune' as const })),
  ...heldoutQuestions.map((question) => ({ question, part: 'heldout' as const })),
  ...tuneMoreQuestions.map((question) => ({ question, part: 'tune' as const })),
  ...heldoutMoreQuestions.map((question) => ({ question, part: 'heldout' as const })),
  ...tuneFreshQuestions.map((question) => ({ question, part: 'tune' as const })),
  ...heldoutFreshQuestions.map((question) => ({ question, part: 'heldout' as const })),
  ...tuneBlindQuestions.map((question) => ({ question, part: 'tune' as const })),
  ...heldoutBlindQuestions.map((question) => ({ question, part: 'heldout' as const })),
  ...heldoutBlind2Questions.map((question) => ({ question, part: 'heldout' as const })),
  ...tuneBlind3Questions.map((question) => ({ question, part: 'tune' as const })),
  ...heldoutBlind3Questions.map((question) => ({ question, part: 'heldout' as const })),
  ...tuneBlind4Questions.map((question) => ({ question, part: 'tune' as const })),
  ...heldoutBlind4Questions.map((question) => ({ question, part: 'heldout' as const })),
  ...tuneBlind5Questions.map((question) => ({ question, part: 'tune' as const })),
  ...heldoutBlind5Questions.map((question) => ({ question, part: 'heldout' as const })),
  ...tuneBlind6Questions.map((question) => ({ question, part: 'tune' as const })),
  ...heldoutBlind6Questions.map((question) => ({ question, part: 'heldout' as const })),
  ...tuneBlind7Questions.map((question) => ({ question, part: 'tune' as const })),
  ...heldoutBlind7Questions.map((question) => ({ question, part: 'heldout' as const })),
];

/** The lexicon probes as a run list: append to allQuestions to check them too. */
export const probeRun: readonly { question: SuiteQuestion; part: Part }[] = probeQuestions.map(
  (question) => ({
    question,
    part: 'probe' as const,
  }),
);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const kinds: Record<string, DocumentKind> = { pdf: 'pdf', docx: 'docx', html: 'html', txt: 'txt' };

/** The document's text as the appliance's own extractor reads it (for the invented-number check). */
export async function documentText(b: SuiteBusiness): Promise<string> {
  const kind = kinds[b.file.split('.').pop() ?? ''] ?? 'txt';
  const ex = await extract(kind, documentBytes(b));
  return ex.blocks
    .map((bl) => (bl.kind === 'table' ? bl.rows.map((r) => r.join(' ')).join('\n') : bl.text))
    .join('\n');
}

async function request<T>(
  baseUrl: string,
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : {}) as T;
}

async function poll<T>(what: string, timeoutMs: number, done: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await done();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

let registered = 0;

/** Sets one business up as a new user would; resolves once its agent is trained. */
export async function setUpBusiness(
  baseUrl: string,
  b: SuiteBusiness,
  opts: { numbers?: string[] } = {},
): Promise<SuiteAgent> {
  const email = `owner-${b.key}-${process.pid}-${++registered}@suite.test`;
  const { accessToken: token } = await request<{ accessToken: string }>(
    baseUrl,
    'POST',
    '/auth/register',
    undefined,
    { businessName: b.name, email, password: 'correct horse battery staple' },
  );
  await request(baseUrl, 'POST', '/business/subscribe', token, { planId: 'enterprise' });

  const form = new FormData();
  form.append('file', new Blob([documentBytes(b)], { type: b.contentType }), b.file);
  const up = await fetch(`${baseUrl}/api/v1/knowledge/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  if (up.status !== 201) throw new Error(`upload ${b.file}: ${up.status} ${await up.text()}`);
  await poll(`${b.file} ingested`, 120_000, async () => {
    const s = await request<{ items: { status: string; error: string | null }[] }>(
      baseUrl,
      'GET',
      '/knowledge/status',
      token,
    );
    const failed = s.items.find((d) => d.status === 'failed');
    if (failed) throw new Error(`${b.file} failed to ingest: ${failed.error}`);
    return s.items.length > 0 && s.items.every((d) => d.status === 'ready') ? true : undefined;
  });

  const agent = await request<{ id: string }>(baseUrl, 'POST', '/agents', token, {
    ...b.agent,
    ...(opts.numbers ? { numbers: opts.numbers } : {}),
  });
  await request(baseUrl, 'POST', `/agents/${agent.id}/train`, token);
  await poll(`${b.name} agent trained`, 120_000, async () => {
    const s = await request<{ status: string; error: string | null }>(
      baseUrl,
      'GET',
      `/agents/${agent.id}/status`,
      token,
    );
    if (s.status === 'failed') throw new Error(`training ${b.name} failed: ${s.error}`);
    return s.status === 'ready' ? true : undefined;
  });
  return { business: b, token, agentId: agent.id, dataNumbers: dataNumbers(await documentText(b)) };
}

/** Asks one question in a new conversation and judges the reply. */
export async function ask(
  baseUrl: string,
  agent: SuiteAgent,
  question: SuiteQuestion,
  part: Part,
): Promise<QuestionResult> {
  const started = performance.now();
  const r = await request<{ reply: string; intent: string; actions: { action: string }[] }>(
    baseUrl,
    'POST',
    `/agents/${agent.agentId}/chat`,
    agent.token,
    { message: question.text },
  );
  const ms = performance.now() - started;
  const actions = r.actions.map((a) => a.action);
  return {
    question,
    part,
    reply: r.reply,
    intent: r.intent,
    actions,
    judgement: judge(question, { text: r.reply, actions }, { dataNumbers: agent.dataNumbers }),
    ms,
  };
}

/**
 * The whole suite against the appliance at baseUrl: the seven businesses set up side by side,
 * then every question (businesses in parallel, each business's questions in order).
 */
export async function runSuite(
  baseUrl: string,
  questions: readonly { question: SuiteQuestion; part: Part }[] = allQuestions,
): Promise<QuestionResult[]> {
  const agents = new Map<BusinessKey, SuiteAgent>();
  await Promise.all(suiteBusinesses.map(async (b) => agents.set(b.key, await setUpBusiness(baseUrl, b))));
  const perBusiness = await Promise.all(
    suiteBusinesses.map(async (b) => {
      const out: QuestionResult[] = [];
      const agent = agents.get(b.key)!;
      for (const x of questions.filter((y) => y.question.business === b.key))
        out.push(await ask(baseUrl, agent, x.question, x.part));
      return out;
    }),
  );
  const order = new Map(questions.map((x, i) => [x.question.id, i]));
  return perBusiness.flat().sort((a, b) => order.get(a.question.id)! - order.get(b.question.id)!);
}
