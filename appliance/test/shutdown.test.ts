import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { freePort } from './helpers/postgres.js';

const root = path.resolve(import.meta.dirname, '..', '..');

t.test('the real process starts, answers /healthz, and finishes in-flight requests on SIGTERM', async (t) => {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'appliance-shutdown-'));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'appliance', 'main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      APPLIANCE_DATA_DIR: dataDir,
      APPLIANCE_HTTP_PORT: String(port),
      APPLIANCE_TLS: 'off', // plain HTTP on loopback: this is not about the listener
      APPLIANCE_BIND_ADDRESS: '127.0.0.1',
      APPLIANCE_LOG_LEVEL: 'info',
      APPLIANCE_SIP_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  let healthy = false;
  while (Date.now() < deadline && !healthy) {
    healthy = await fetch(`${base}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (!healthy) await new Promise((r) => setTimeout(r, 200));
  }
  t.ok(healthy, 'healthy');
  // Registration hashes a password (tens of ms): several in flight when SIGTERM arrives.
  const inflight = Array.from({ length: 4 }, (_, i) =>
    fetch(`${base}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        businessName: `S${i}`,
        email: `s${i}@shutdown.test`,
        password: 'long enough password',
      }),
    }).then((r) => r.status),
  );
  await new Promise((r) => setTimeout(r, 30));
  child.kill('SIGTERM');
  const statuses = await Promise.all(inflight);
  t.same(statuses, [201, 201, 201, 201], 'in-flight requests completed');
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  t.equal(code, 0, 'clean exit');
  t.match(out, /appliance stopped/);
  t.notMatch(out, /long enough password/, 'no secrets in logs');
});

t.test('an invalid configuration stops start-up with the key named', async (t) => {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'appliance', 'main.ts')], {
    cwd: root,
    env: { ...process.env, APPLIANCE_HTTP_PORT: 'http' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  t.equal(code, 2);
  t.match(err, /APPLIANCE_HTTP_PORT/);
});
