/**
 * Node drain control between `appliance node drain|undrain|status` (cli.ts) and the running
 * service (main.ts), through files in the data directory plus a signal:
 *
 *   <dataDir>/appliance.pid      the service's pid (written at start, removed at a clean stop)
 *   <dataDir>/drain              present: this node drains (refuses new calls, finishes live ones)
 *   <dataDir>/node-state.json    what the service last reported: { pid, draining, liveCalls, at }
 *
 * The CLI creates or removes the `drain` file and sends SIGUSR2; the service reads the file,
 * applies it and rewrites node-state.json (and again every second), which the CLI polls.
 *
 * Why a signal and files rather than a loopback control endpoint: no new listener, port or
 * credential to secure; exactly who may stop the service (its Unix user or root: whoever can
 * signal it and write its data directory) may drain it, as with `systemctl`; and it works when the
 * API is bound to a LAN address or restricted by `http.allowFrom`. The `drain` file also survives a
 * restart on purpose: during a rolling upgrade a node comes back drained until `node undrain`, so
 * it takes calls only once the operator has checked it.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface NodeState {
  readonly pid: number;
  readonly draining: boolean;
  /** Calls holding a slot (inbound from admission to end, plus test calls). */
  readonly liveCalls: number;
  /** When the service wrote this (ISO 8601). */
  readonly at: string;
  /** Bumped by each SIGUSR2 the service handled, so the CLI knows its request was applied. */
  readonly seq: number;
}

/** The signal that makes the service re-read the `drain` file. */
export const DRAIN_SIGNAL = 'SIGUSR2';

export function nodeControlPaths(dataDir: string): { pid: string; drain: string; state: string } {
  return {
    pid: path.join(dataDir, 'appliance.pid'),
    drain: path.join(dataDir, 'drain'),
    state: path.join(dataDir, 'node-state.json'),
  };
}

/** What the service needs of the calls module. */
export interface DrainTarget {
  drain(): void;
  undrain(): void;
  readonly draining: boolean;
  readonly liveCalls: number;
}

export interface NodeControl {
  /** Stops the state timer, forgets the signal handler, removes the pid file if it is still ours. */
  close(): void;
}

/**
 * Service side: writes the pid file, applies the `drain` file now and on every SIGUSR2, and keeps
 * node-state.json current (every `stateEveryMs`, default 1000 ms).
 */
export function startNodeControl(
  dataDir: string,
  target: DrainTarget,
  log: { info(o: object, m: string): void; error(o: object, m: string): void },
  stateEveryMs = 1000,
): NodeControl {
  const p = nodeControlPaths(dataDir);
  let seq = 0;
  const writeState = (): void => {
    const state: NodeState = {
      pid: process.pid,
      draining: target.draining,
      liveCalls: target.liveCalls,
      at: new Date().toISOString(),
      seq,
    };
    try {
      // Written aside then renamed: the CLI never reads half a file.
      const tmp = `${p.state}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(state));
      renameSync(tmp, p.state);
    } catch (err) {
      log.error({ err }, 'node state file could not be written');
    }
  };
  const apply = (why: string): void => {
    const want = existsSync(p.drain);
    if (want !== target.draining) log.info({ draining: want, why }, 'node drain state changed');
    if (want) target.drain();
    else target.undrain();
    writeState();
  };
  writeFileSync(p.pid, `${process.pid}\n`);
  apply('start');
  const onSignal = (): void => {
    seq++;
    apply(DRAIN_SIGNAL);
  };
  process.on(DRAIN_SIGNAL, onSignal);
  // The drain file is also re-read with every state write: the signal is only the fast path.
  const timer = setInterval(() => apply('drain file'), stateEveryMs);
  timer.unref();
  return {
    close() {
      clearInterval(timer);
      process.off(DRAIN_SIGNAL, onSignal);
      try {
        if (readFileSync(p.pid, 'utf8').trim() === String(process.pid)) rmSync(p.pid);
      } catch {
        // already gone
      }
    },
  };
}

/** node-state.json older than this means the service is gone (it rewrites it every second), ms. */
const STALE_STATE_MS = 15_000;

/**
 * The running service's pid, or undefined when there is none. Besides the pid file, the service
 * must have written node-state.json with that pid lately: a pid file left by a crash whose pid now
 * belongs to another process (which SIGUSR2 would kill) or a release without drain control
 * (no state file) is not signalled.
 */
export function runningPid(dataDir: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(nodeControlPaths(dataDir).pid, 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 1) return undefined;
  const state = readNodeState(dataDir);
  if (state?.pid !== pid || !(Date.now() - Date.parse(state.at) < STALE_STATE_MS)) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    // EPERM: it exists but belongs to another user (the CLI must run as the service's user).
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

export function readNodeState(dataDir: string): NodeState | undefined {
  try {
    const v = JSON.parse(readFileSync(nodeControlPaths(dataDir).state, 'utf8')) as Partial<NodeState>;
    if (typeof v.pid !== 'number' || typeof v.draining !== 'boolean' || typeof v.liveCalls !== 'number')
      return undefined;
    return { pid: v.pid, draining: v.draining, liveCalls: v.liveCalls, at: String(v.at), seq: v.seq ?? 0 };
  } catch {
    return undefined;
  }
}
