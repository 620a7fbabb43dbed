/**
 * The three SDKs against a running appliance over real HTTP on 127.0.0.1. One real call first
 * (TestPeer: SIP + RTP from this process dials an agent's number, hears the greeting, hangs up) so
 * a recording exists; then each SDK runs the same scenario as a new business: register, create an
 * agent, upload a knowledge document (multipart, text/plain), wait for ingestion, train, chat a
 * question answered from the document, list conversations, hit a typed ApiError, and with the
 * calling business's token list recordings and download the audio (must start with RIFF).
 * TypeScript is imported here; Python and Java run as child processes (their scenario files
 * under sdk/python/tests and sdk/java/test), the Java one only where javac is installed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import t, { type Test } from 'tap';
import { startCallsApi } from '../../appliance/calls/test/helpers/calls-api.js';
import { TestPeer, waitFor } from '../../appliance/calls/test/helpers/caller.js';
import type { TestApi } from '../../appliance/test/helpers/app.js';
import { ApiError, VoiceApplianceClient } from '../typescript/index.js';
import { repoRoot } from '../../scripts/sdk/generate.js';

/** The knowledge document every scenario uploads, and what the answer must quote from it. */
const DOCUMENT = [
  'Keystone Locksmiths',
  '',
  'Find us',
  'The shop is at 31 Forge Street, Millbrook.',
  '',
  'Prices',
  'Cutting a standard key costs $6. A lock change starts at $85 including the new lock.',
].join('\n');
const QUESTION = 'Where is your shop?';
const ANSWER = /31 Forge Street/;

let api: TestApi;
let peer: TestPeer;
/** Token of the business that took the call (its recording is what each SDK downloads). */
let recordingToken = '';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `read` every 200 ms until `done` holds (or `timeoutMs`); returns the last value. */
async function poll<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  let v = await read();
  while (!done(v) && Date.now() < end) {
    await sleep(200);
    v = await read();
  }
  return v;
}

t.before(async () => {
  peer = await TestPeer.start();
  // RTP 50000-50999: a range no other test file uses (tests run in parallel).
  const started = await startCallsApi(t, { rtpPortMin: 50000, inactivityTimeoutMs: 5000 });
  api = started.api;
  const biz = await api.register('Recorded Line');
  const sub = await api.call('POST', '/business/subscribe', {
    token: biz.token,
    body: { planId: 'enterprise' },
  });
  if (sub.status !== 201) throw new Error(`subscribe: ${sub.status}`);
  const agent = await api.call('POST', '/agents', {
    token: biz.token,
    body: { name: 'Front desk', greeting: 'Hello, thank you for calling.', numbers: ['8100'] },
  });
  if (agent.status !== 201) throw new Error(`agent: ${agent.status} ${JSON.stringify(agent.body)}`);
  const pc = await peer.dial('8100', started.sipPort);
  // The greeting heard, then hang up: the call is recorded from the answer on.
  await waitFor(() => pc.heard.loudAt.length > 10, 20_000);
  await pc.call.hangup();
  const listed = await poll(
    () => api.call<{ items: unknown[] }>('GET', '/voice/recordings', { token: biz.token }),
    (r) => (r.body.items?.length ?? 0) > 0,
    30_000,
  );
  if ((listed.body.items?.length ?? 0) === 0) throw new Error('the call left no recording');
  recordingToken = biz.token;
});

t.teardown(async () => {
  await peer?.stop();
});

t.test('TypeScript SDK', async (t) => {
  const client = new VoiceApplianceClient({ baseUrl: api.baseUrl });
  const email = `ts-${process.pid}@sdk-scenario.test`;
  const reg = await client.postAuthRegister({
    businessName: 'TS Locksmiths',
    email,
    password: 'correct horse battery staple',
  });
  t.equal(reg.tokenType, 'Bearer', 'registered');
  client.setToken(reg.accessToken);

  const agent = await client.postAgents({ name: 'TS desk' });
  t.equal(agent.name, 'TS desk', 'agent created');

  const up = await client.postKnowledgeUpload([
    { filename: 'website.txt', data: DOCUMENT, contentType: 'text/plain' },
  ]);
  const docId = up.items[0]?.id ?? '';
  t.ok(docId, 'document uploaded');
  const doc = await poll(
    () => client.getKnowledgeId(docId),
    (d) => d.status === 'ready' || d.status === 'failed',
    120_000,
  );
  t.equal(doc.status, 'ready', 'document ingested');

  await client.postAgentsIdTrain(agent.id);
  const trained = await poll(
    () => client.getAgentsIdStatus(agent.id),
    (s) => s.status === 'ready' || s.status === 'failed',
    120_000,
  );
  t.equal(trained.status, 'ready', 'agent trained');

  const chat = await client.postAgentsIdChat(agent.id, { message: QUESTION });
  t.match(chat.reply, ANSWER, `answered from the document: ${chat.reply}`);

  const convs = await client.getConversations({ agentId: agent.id });
  t.ok(
    convs.items.some((c) => c.id === chat.conversationId),
    'the chat is listed among conversations',
  );

  const err = await client.getAgentsId('00000000-0000-4000-8000-000000000000').catch((e: unknown) => e);
  t.ok(err instanceof ApiError, 'a typed ApiError');
  if (err instanceof ApiError) {
    t.equal(err.status, 404);
    t.equal(err.code, 'not_found');
    t.ok(err.message.length > 0, 'with the appliance message');
  }

  const caller = new VoiceApplianceClient({ baseUrl: api.baseUrl, token: recordingToken });
  const recs = await caller.getVoiceRecordings();
  t.ok(recs.items.length > 0, 'recordings listed');
  const audio = await caller.getVoiceRecordingsIdAudio(recs.items[0]?.id ?? '');
  t.ok(audio instanceof Uint8Array, 'audio as bytes');
  t.equal(Buffer.from(audio.subarray(0, 4)).toString('latin1'), 'RIFF', 'a WAV file');
});

/** Runs a child process to its end; stdout+stderr and exit code. */
function run(
  cmd: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

const scenarioEnv = (label: string): Record<string, string> => ({
  VA_BASE_URL: api.baseUrl,
  VA_RECORDING_TOKEN: recordingToken,
  VA_EMAIL: `${label}-${process.pid}@sdk-scenario.test`,
  VA_DOCUMENT: DOCUMENT,
  VA_QUESTION: QUESTION,
  VA_ANSWER: ANSWER.source,
});

/** The steps every child scenario prints (`ok <step>`), in order. */
const STEPS = [
  'registered',
  'agent',
  'uploaded',
  'ingested',
  'trained',
  'chat',
  'conversations',
  'api-error',
  'recordings',
  'audio',
];

function checkSteps(t: Test, out: string): void {
  const seen = out
    .split('\n')
    .filter((l) => l.startsWith('ok '))
    .map((l) => l.slice(3).split(' ')[0]);
  t.same(seen, STEPS, 'every step passed in order');
}

/** Why a language's subtest cannot run here (its tool is missing), or false. */
const missing = (cmd: string, why: string): string | false =>
  spawnSync(cmd, ['--version']).error ? why : false;

t.test('Python SDK', { skip: missing('python3', 'python3 is not installed') }, async (t) => {
  const r = await run('python3', [path.join('sdk', 'python', 'tests', 'scenario.py')], scenarioEnv('py'));
  t.equal(r.code, 0, `scenario.py exit 0\n${r.out}`);
  checkSteps(t, r.out);
});

const noJava = missing(
  'javac',
  'javac (JDK 17) is not installed: `scripts/setup.sh test` installs openjdk-17-jdk-headless',
);

t.test('Java SDK', { skip: noJava }, async (t) => {
  const out = await mkdtemp(path.join(os.tmpdir(), 'sdk-java-'));
  t.teardown(() => rm(out, { recursive: true, force: true }));
  const src = path.join('sdk', 'java', 'src', 'voiceappliance');
  const sources = (await readdir(path.join(repoRoot, src)))
    .filter((f) => f.endsWith('.java'))
    .map((f) => path.join(src, f));
  const compiled = await run(
    'javac',
    ['-Xlint:all', '-Werror', '-d', out, ...sources, path.join('sdk', 'java', 'test', 'Scenario.java')],
    {},
  );
  t.equal(compiled.code, 0, `javac\n${compiled.out}`);
  if (compiled.code !== 0) return;
  const r = await run('java', ['-cp', out, 'Scenario'], scenarioEnv('java'));
  t.equal(r.code, 0, `java Scenario exit 0\n${r.out}`);
  checkSteps(t, r.out);
});
