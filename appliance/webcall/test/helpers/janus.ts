/**
 * Janus Gateway for tests: started from the configuration the appliance wrote (its own folder,
 * WebSocket API on a loopback port, ICE on `lo` only), stopped at the test's teardown.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import type { Test } from 'tap';

/** CPU time (user + system) a process has used so far, ms (Linux /proc; 0 when unreadable). */
export function processCpuMs(pid: number): number {
  try {
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(f[11]) + Number(f[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

export function haveJanus(): boolean {
  return spawnSync('sh', ['-c', 'command -v janus'], { stdio: 'ignore' }).status === 0;
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
const listening = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

/** Starts `janus -F configDir`; resolves once its WebSocket API listens on `wsPort`. */
export async function startJanus(
  t: Test,
  configDir: string,
  wsPort: number,
): Promise<{ log: () => string; cpuMs: () => number }> {
  let out = '';
  const child = spawn('janus', ['-F', configDir, '--disable-colors'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  t.teardown(async () => {
    if (child.exitCode !== null) return;
    const closed = new Promise((r) => child.once('close', r));
    child.kill('SIGINT');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await closed;
    clearTimeout(killer);
  });
  const deadline = Date.now() + 20_000;
  while (!(await listening(wsPort))) {
    if (child.exitCode !== null) throw new Error(`janus exited (${child.exitCode}): ${out.slice(-2000)}`);
    if (Date.now() > deadline) throw new Error(`janus did not start: ${out.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = child.pid ?? 0;
  return { log: () => out, cpuMs: () => processCpuMs(pid) };
}
