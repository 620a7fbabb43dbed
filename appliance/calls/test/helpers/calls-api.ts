/**
 * The appliance with telephony on, as the call tests need it: SIP on 127.0.0.1 (port 0), the
 * test's own RTP port range (tests run in parallel), pocketsphinx STT and flite TTS; resolves once
 * SIP is listening (telephony starts after the speech engines load). Plus a SIPp UAC runner.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { Test } from 'tap';
import type { Dialect } from '../../../db/index.js';
import { startTestApi, type TestApi } from '../../../test/helpers/app.js';
import { freePort } from '../../../test/helpers/postgres.js';
import type { CallsModule } from '../../index.js';
import { waitFor } from './caller.js';

export interface CallsApiOptions {
  /** First port of a 1000-port RTP range no other test file uses. */
  rtpPortMin: number;
  /** PBX addresses allowed to call in (default: all). */
  allowFrom?: string[];
  /** RTP inactivity timeout, ms (default 30 000). */
  inactivityTimeoutMs?: number;
  /** Further config (merged at the top level). */
  config?: Record<string, unknown>;
  /** Database dialect (default SQLite). */
  dialect?: Dialect;
}

export async function startCallsApi(
  t: Test,
  o: CallsApiOptions,
): Promise<{ api: TestApi; calls: CallsModule; sipPort: number }> {
  const api = await startTestApi(t, o.dialect ?? 'sqlite', {
    sip: {
      enabled: true,
      port: 0,
      bindAddress: '127.0.0.1',
      publicAddress: '127.0.0.1',
      allowFrom: o.allowFrom ?? [],
      maxConcurrentCalls: 4,
    },
    rtp: {
      portMin: o.rtpPortMin,
      portMax: o.rtpPortMin + 999,
      inactivityTimeoutMs: o.inactivityTimeoutMs ?? 30_000,
    },
    models: {
      warmOnStart: false,
      cacheDir: path.join(os.tmpdir(), 'appliance-model-cache'),
      prefer: { stt: 'pocketsphinx', tts: 'flite' },
      llm: {},
    },
    ...o.config,
    // Admission by load off: tests block this process's event loop themselves (festival speech is
    // made with spawnSync) right before they dial. load-admission.test.ts turns it on.
    calls: {
      maxEventLoopUtilization: 1,
      maxEventLoopDelayMs: 0,
      ...(o.config?.calls as Record<string, unknown> | undefined),
    },
  });
  const calls = api.app.modules.calls;
  // Telephony retries with backoff if an engine was slow to load on a busy box.
  await waitFor(() => calls.sipPort > 0, 60_000, 100);
  if (!calls.sipPort) throw new Error(`SIP did not start: ${JSON.stringify(calls.status?.())}`);
  return { api, calls, sipPort: calls.sipPort };
}

export interface SippRun {
  /** SIPp's exit code once it has ended. */
  readonly exited: Promise<number | null>;
  /** True while SIPp is still running. */
  running(): boolean;
  /** Everything SIPp printed so far. */
  output(): string;
}

/**
 * One SIPp UAC call (`-m 1`, 60 s timeout) from 127.0.0.1 to the appliance, dialing `service`;
 * `cwd` is where the scenario's relative pcap paths resolve. Killed at the test's teardown.
 */
export async function runSippUac(
  t: Test,
  o: { scenario: string; cwd: string; service: string; sipPort: number },
): Promise<SippRun> {
  const sipp = spawn(
    'sipp',
    [
      '-sf',
      o.scenario,
      '-i',
      '127.0.0.1',
      '-mi',
      '127.0.0.1',
      '-p',
      String(await freePort()),
      '-mp',
      String(40000 + 2 * Math.floor(Math.random() * 9000)),
      '-s',
      o.service,
      '-m',
      '1',
      '-timeout',
      '60s',
      '-nostdin',
      `127.0.0.1:${o.sipPort}`,
    ],
    { cwd: o.cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  sipp.stdout.on('data', (d: Buffer) => (out += d.toString()));
  sipp.stderr.on('data', (d: Buffer) => (out += d.toString()));
  t.teardown(() => {
    if (sipp.exitCode === null) sipp.kill('SIGKILL');
  });
  return {
    exited: new Promise((resolve) => sipp.once('exit', resolve)),
    running: () => sipp.exitCode === null,
    output: () => out,
  };
}
