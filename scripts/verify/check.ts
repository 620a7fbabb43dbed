/**
 * The outside view of a running appliance (container or VM), used by scripts/verify/image.sh
 * and iso.sh; it talks to it only over its forwarded HTTP and SIP ports, as a PBX and an operator
 * would.
 *   tsx scripts/verify/check.ts call  --http URL --sip HOST:PORT --state FILE --scenario XML [--cwd DIR]
 *     registers a business, subscribes it, turns recording on, creates an agent on number 7100,
 *     places one SIPp call to it (the scenario plays recorded speech), and checks that the call
 *     was answered and its recording decrypts; writes what it made to FILE (JSON). A call the box
 *     turns away with 503 (its load admission: an emulated VM's event loop is busy for a while
 *     after each API request) is placed again after its Retry-After, as a PBX would, at most
 *     --attempts times (default 5); the figures say how many it took.
 *   tsx scripts/verify/check.ts again --http URL --state FILE
 *     signs in with the saved credentials on a new instance over the same data and checks that the
 *     agent and the recording are still there and the recording decrypts to the same bytes.
 * Prints one JSON line of figures on stdout; exits 1 with the reason on stderr otherwise.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

interface State {
  email: string;
  password: string;
  agentId: string;
  recordingId: string;
  recordingSha256: string;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    http: { type: 'string' },
    sip: { type: 'string' },
    state: { type: 'string' },
    scenario: { type: 'string' },
    /** where the scenario's relative pcap paths resolve (default: its own folder) */
    cwd: { type: 'string' },
    'sip-local-port': { type: 'string' },
    'media-port': { type: 'string' },
    attempts: { type: 'string' },
  },
});

const NUMBER = '7100';

function fail(message: string): never {
  process.stderr.write(`check: ${message}\n`);
  process.exit(1);
}

const base = values.http ?? fail('--http URL is required');
const stateFile = values.state ?? fail('--state FILE is required');

async function api<T>(
  method: string,
  route: string,
  o: { token?: string; body?: unknown; expect?: number } = {},
): Promise<T> {
  const res = await fetch(`${base}/api/v1${route}`, {
    method,
    headers: {
      ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
      ...(o.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
  });
  const text = await res.text();
  if (res.status !== (o.expect ?? 200)) fail(`${method} ${route}: ${res.status} ${text.slice(0, 400)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function recordingSha(token: string, id: string): Promise<{ sha256: string; bytes: number }> {
  const res = await fetch(`${base}/api/v1/voice/recordings/${id}/audio`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const buf = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) fail(`recording ${id}: ${res.status} ${buf.toString().slice(0, 200)}`);
  if (buf.subarray(0, 4).toString() !== 'RIFF' || buf.subarray(8, 12).toString() !== 'WAVE')
    fail(`recording ${id} did not decrypt to a WAV file`);
  return { sha256: createHash('sha256').update(buf).digest('hex'), bytes: buf.length };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One SIPp UAC call (-m 1) from 127.0.0.1; resolves with its exit code and output. */
function sippCall(scenario: string, target: string): Promise<{ code: number | null; out: string }> {
  const args = ['-sf', scenario, '-i', '127.0.0.1', '-mi', '127.0.0.1', '-s', NUMBER, '-m', '1'];
  if (values['sip-local-port']) args.push('-p', values['sip-local-port']);
  if (values['media-port']) args.push('-mp', values['media-port']);
  args.push('-timeout', '90s', '-nostdin', target);
  const sipp = spawn('sipp', args, {
    cwd: values.cwd ?? path.dirname(scenario),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  sipp.stdout.on('data', (d: Buffer) => (out += d.toString()));
  sipp.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => {
    sipp.once('error', (err) => resolve({ code: -1, out: String(err) }));
    sipp.once('exit', (code) => resolve({ code, out }));
  });
}

async function call(): Promise<void> {
  const sip = values.sip ?? fail('--sip HOST:PORT is required');
  const scenario = values.scenario ?? fail('--scenario XML is required');
  const email = `verify-${randomBytes(4).toString('hex')}@example.com`;
  // Random letters and digits: passes the password rules (no runs, not a common password).
  const password = `Vx${randomBytes(12).toString('base64url')}9q`;
  const reg = await api<{ accessToken: string }>('POST', '/auth/register', {
    body: { businessName: 'Image Check Clinic', email, password },
    expect: 201,
  });
  const token = reg.accessToken;
  await api('POST', '/business/subscribe', { token, body: { planId: 'enterprise' }, expect: 201 });
  await api('PUT', '/voice/settings', { token, body: { recordingEnabled: true, retentionDays: 30 } });
  const agent = await api<{ id: string }>('POST', '/agents', {
    token,
    body: { name: 'Front desk', numbers: [NUMBER] },
    expect: 201,
  });

  const maxAttempts = Math.max(1, Number(values.attempts ?? 5) || 1);
  let attempts = 0;
  let r: { code: number | null; out: string };
  let t0: number;
  for (;;) {
    attempts++;
    t0 = Date.now();
    r = await sippCall(scenario, sip);
    // SIPp names the answer it did not expect: "received 'SIP/2.0 503 Overloaded ... Retry-After: 5".
    const busy = r.out.search(/received 'SIP\/2\.0 503/);
    if (r.code === 0 || busy < 0 || attempts >= maxAttempts) break;
    const retryAfter = /Retry-After:\s*(\d+)/i.exec(r.out.slice(busy))?.[1];
    const waitS = Math.min(Number(retryAfter ?? 5) || 5, 60);
    process.stderr.write(`check: call ${attempts} got 503 (box busy); again in ${waitS} s\n`);
    await sleep(waitS * 1000);
  }
  const callMs = Date.now() - t0;
  if (r.code !== 0) {
    const why = /received '[^\n']*/.exec(r.out)?.[0] ?? '';
    fail(`SIPp call failed (exit ${r.code}, attempt ${attempts}) ${why}:\n${r.out.slice(-1500)}`);
  }

  // The recording is written when the call ends; give it a moment on a slow VM.
  let recording: { id: string; durationMs: number } | undefined;
  for (let i = 0; i < 60 && !recording; i++) {
    const list = await api<{ items: Array<{ id: string; durationMs: number }> }>('GET', '/voice/recordings', {
      token,
    });
    recording = list.items[0];
    if (!recording) await sleep(500);
  }
  if (!recording) fail('the call left no recording');
  const { sha256, bytes } = await recordingSha(token, recording.id);
  const state: State = {
    email,
    password,
    agentId: agent.id,
    recordingId: recording.id,
    recordingSha256: sha256,
  };
  writeFileSync(stateFile, JSON.stringify(state, null, 2), { mode: 0o600 });
  process.stdout.write(
    `${JSON.stringify({ call: 'answered', attempts, sippExit: 0, callMs, recordingMs: recording.durationMs, recordingBytes: bytes })}\n`,
  );
}

async function again(): Promise<void> {
  const s = JSON.parse(readFileSync(stateFile, 'utf8')) as State;
  const login = await api<{ accessToken: string }>('POST', '/auth/login', {
    body: { email: s.email, password: s.password },
  });
  const token = login.accessToken;
  const agent = await api<{ id: string; numbers: string[] }>('GET', `/agents/${s.agentId}`, { token });
  if (!agent.numbers.includes(NUMBER)) fail(`agent ${s.agentId} lost its number: ${JSON.stringify(agent)}`);
  const { sha256 } = await recordingSha(token, s.recordingId);
  if (sha256 !== s.recordingSha256) fail('the recording decrypts to different bytes than before');
  process.stdout.write(
    `${JSON.stringify({ kept: ['login', 'agent', 'recording'], recordingSha256: sha256 })}\n`,
  );
}

const cmd = positionals[0];
if (cmd === 'call') await call();
else if (cmd === 'again') await again();
else fail('usage: check.ts call|again --http URL ...');
