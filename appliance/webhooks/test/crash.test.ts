import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t, { type Test } from 'tap';
import { freePort } from '../../test/helpers/postgres.js';
import { verifySignature } from '../index.js';
import { startReceiver, until } from './receiver.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

/** The real process on a fixed data dir and port; resolves once /healthz answers. */
async function boot(t: Test, dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'appliance', 'main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      APPLIANCE_DATA_DIR: dataDir,
      APPLIANCE_HTTP_PORT: String(port),
      APPLIANCE_TLS: 'off', // plain HTTP on loopback: this is not about the listener
      APPLIANCE_BIND_ADDRESS: '127.0.0.1',
      APPLIANCE_SIP_PORT: '0',
      APPLIANCE_LOG_LEVEL: 'warn',
      APPLIANCE_OUTBOX_POLL_MS: '50',
      APPLIANCE_OUTBOX_TIMEOUT_MS: '500',
      APPLIANCE_OUTBOX_BACKOFF_BASE_MS: '20',
      APPLIANCE_OUTBOX_BACKOFF_MAX_MS: '100',
      APPLIANCE_OUTBOX_MAX_ATTEMPTS: '1000',
      // The receiver is on loopback: the box operator's allow-list lets the webhook reach it.
      APPLIANCE_OUTBOUND_ALLOW: '127.0.0.1',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  await until(
    'the appliance to be healthy',
    async () => {
      if (child.exitCode !== null) throw new Error(`appliance exited: ${err}`);
      return fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      );
    },
    60_000,
  );
  return child;
}

t.test('events queued before a SIGKILL are delivered after a restart', async (t) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'appliance-outbox-crash-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/api/v1`;
  // While the first process runs the receiver fails (503), then hangs: the kill catches rows
  // both waiting for a retry and leased mid-send.
  const rx = await startReceiver(t, (_r, n) => (n <= 2 ? 503 : 'hang'));
  let child = await boot(t, dataDir, port);

  const reg = await fetch(`${base}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      businessName: 'Crash',
      email: 'crash@crash.test',
      password: 'long enough password',
    }),
  });
  const { accessToken } = (await reg.json()) as { accessToken: string };
  const auth = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
  const hook = (await (
    await fetch(`${base}/webhooks`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ url: `${rx.url}/in`, events: ['call.ended'] }),
    })
  ).json()) as { id: string; secret: string };
  const eventIds: string[] = [];
  for (let i = 0; i < 6; i++) {
    const r = await fetch(`${base}/webhooks/${hook.id}/test`, { method: 'POST', headers: auth });
    t.equal(r.status, 202);
    eventIds.push(((await r.json()) as { eventId: string }).eventId);
  }
  await until('failed and hanging attempts', () => rx.received.length >= 3);
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  t.equal(child.signalCode, 'SIGKILL', 'killed hard');

  rx.setBehaviour(() => 200);
  const before = rx.received.length;
  child = await boot(t, dataDir, port);
  await until(
    'every event delivered after the restart',
    () =>
      eventIds.every((id) =>
        rx.received.some((r) => r.answered === 200 && (JSON.parse(r.body) as { id: string }).id === id),
      ),
    30_000,
  );
  t.ok(rx.received.length > before, 'the restarted process delivered');
  for (const r of rx.received.filter((x) => x.answered === 200))
    t.ok(
      verifySignature({
        secret: hook.secret,
        header: String(r.headers['x-appliance-signature']),
        body: r.body,
      }).ok,
      'signature verifies after the restart (key file reloaded)',
    );
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
});
