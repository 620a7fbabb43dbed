import { spawn, spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import net from 'node:net';

export function haveSipp(): boolean {
  return spawnSync('sipp', ['-v'], { timeout: 5000 }).error === undefined;
}

/** A port that is free for both UDP and TCP on 127.0.0.1 right now (small race accepted). */
export async function freePort(): Promise<number> {
  for (;;) {
    const s = dgram.createSocket('udp4');
    const port = await new Promise<number>((r) => s.bind(0, '127.0.0.1', () => r(s.address().port)));
    const ok = await new Promise<boolean>((r) => {
      const srv = net.createServer();
      srv.once('error', () => r(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => r(true)));
    });
    s.close();
    if (ok) return port;
  }
}

export interface SippRun {
  readonly code: number | null;
  readonly output: string;
}

/** Run SIPp bound to 127.0.0.1 (signalling and media), one call, bounded in time. */
export function runSipp(
  args: string[],
  opts: { cwd?: string; timeoutMs?: number } = {},
): Promise<SippRun> & { kill(): void } {
  const child = spawn('sipp', ['-i', '127.0.0.1', '-mi', '127.0.0.1', '-nostdin', '-m', '1', ...args], {
    cwd: opts.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
  const p = new Promise<SippRun>((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  }) as Promise<SippRun> & { kill(): void };
  p.kill = () => child.kill('SIGKILL');
  return p;
}

/**
 * Run SIPp on fresh local ports (`build` gets the signalling and media ports): freePort() lets
 * each port go before SIPp binds it, so a test running beside it may take one first; SIPp then
 * exits before any call ("Unable to bind ... Address already in use"). That start is retried on
 * other ports, at most 3 times; any other outcome is the run's.
 */
export async function runSippOnFreePorts(
  build: (port: number, mediaPort: number) => string[],
  opts: { cwd?: string; timeoutMs?: number } = {},
): Promise<SippRun> {
  for (let attempt = 1; ; attempt++) {
    const run = await runSipp(build(await freePort(), await freePort()), opts);
    if (attempt >= 3 || !/Unable to bind/i.test(run.output)) return run;
  }
}
