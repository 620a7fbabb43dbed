import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { syntheticDocument } from './synthetic.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

interface Running {
  child: ChildProcess;
  baseUrl: string;
}

/** Starts the real service (`node --import tsx appliance/main.ts`) on an ephemeral loopback port. */
function startChild(dataDir: string): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'appliance/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      APPLIANCE_DATA_DIR: dataDir,
      APPLIANCE_DATABASE_URL: '',
      APPLIANCE_HTTP_PORT: '0',
      APPLIANCE_TLS: 'off', // plain HTTP on loopback: this is not about the listener
      APPLIANCE_BIND_ADDRESS: '127.0.0.1',
      APPLIANCE_SIP_PORT: '0',
      APPLIANCE_LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`appliance did not start: ${out.slice(-2000)}`)), 60_000);
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = /"httpPort":(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve({ child, baseUrl: `http://127.0.0.1:${m[1]}` });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`appliance exited (${code}): ${out.slice(-2000)}`));
    });
  });
}

const kill = (child: ChildProcess, signal: NodeJS.Signals): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });

async function json<T>(
  baseUrl: string,
  method: string,
  p: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseUrl}/api/v1${p}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

interface Status {
  items: { id: string; status: string; chunksDone: number; chunksTotal: number; error: string | null }[];
}

t.test('ingestion survives SIGKILL mid-embedding and resumes after restart', async (t) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'knowledge-crash-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  let run = await startChild(dataDir);
  t.teardown(() => kill(run.child, 'SIGKILL'));

  const reg = await json<{ accessToken: string }>(run.baseUrl, 'POST', '/auth/register', undefined, {
    businessName: 'Crash Test Motors',
    email: `crash${process.pid}@motors.test`,
    password: 'correct horse battery staple',
  });
  t.equal(reg.status, 201);
  const token = reg.body.accessToken;
  const text = `${syntheticDocument(7, 450_000)}\n\nThe secret opening code for the QX-4242 workshop is banana split.`;
  const up = await json<{ items: { id: string }[] }>(run.baseUrl, 'POST', '/knowledge/upload', token, {
    title: 'Big manual',
    text,
  });
  t.equal(up.status, 201, 'upload stored before the answer');
  const id = up.body.items[0]!.id;

  // Kill the process while it is embedding (some vectors stored, not all).
  let seen: Status['items'][number] | undefined;
  const until = Date.now() + 120_000;
  for (;;) {
    const st = await json<Status>(run.baseUrl, 'GET', '/knowledge/status', token);
    // Extraction runs off the main thread now, so the API answers at once: a tight loop meets the
    // per-business rate limit (429). Poll gently and read only real answers.
    if (st.status !== 200) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    seen = st.body.items.find((d) => d.id === id);
    if (seen?.status === 'embedding' && seen.chunksDone > 0) break;
    if (seen?.status === 'ready' || Date.now() > until) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  t.equal(seen?.status, 'embedding', `caught it embedding (${seen?.chunksDone}/${seen?.chunksTotal})`);
  await kill(run.child, 'SIGKILL');
  t.comment(`killed at ${seen?.chunksDone}/${seen?.chunksTotal} chunks`);

  run = await startChild(dataDir);
  const done = Date.now() + 120_000;
  let final: Status['items'][number] | undefined;
  while (Date.now() < done) {
    const st = await json<Status>(run.baseUrl, 'GET', '/knowledge/status', token);
    final = st.status === 200 ? st.body.items.find((d) => d.id === id) : final;
    if (final?.status === 'ready' || final?.status === 'failed') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  t.equal(final?.status, 'ready', 'the document reaches ready after the restart');
  t.equal(final?.chunksDone, final?.chunksTotal, 'every chunk embedded');
  const one = await json<{ chunkCount: number; chunksTotal: number }>(
    run.baseUrl,
    'GET',
    `/knowledge/${id}`,
    token,
  );
  t.equal(one.body.chunkCount, one.body.chunksTotal, 'no duplicate chunks');
  t.ok(one.body.chunkCount > 1000, `${one.body.chunkCount} chunks`);
  const q = await json<{ items: { text: string }[] }>(run.baseUrl, 'POST', '/knowledge/query', token, {
    query: 'QX-4242 workshop code',
    k: 3,
  });
  t.ok(
    q.body.items.some((p) => p.text.includes('banana split')),
    'the last passage of the document is searchable',
  );
  await kill(run.child, 'SIGTERM');
});
