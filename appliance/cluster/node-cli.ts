/**
 * `appliance node drain [--timeout S] | undrain | status`: the operator's side of node-control.ts.
 * drain: new calls go to the other nodes (this node answers INVITE and OPTIONS with 503, so the
 * front door's dispatcher takes it out of its set), then waits until the live calls have ended,
 * printing their count, and exits 0 (1 on --timeout: the node stays draining).
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { DRAIN_SIGNAL, nodeControlPaths, readNodeState, runningPid, type NodeState } from './node-control.js';

export interface NodeCliIo {
  readonly dataDir: string;
  out(line: string): void;
  err(line: string): void;
  /** Poll period, ms (default 1000). */
  readonly pollMs?: number;
}

export const nodeUsage = 'node drain [--timeout SECONDS] | node undrain | node status';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Signals the service and waits (up to 10 s) until it has applied the request; undefined if it did not. */
async function signalAndWait(io: NodeCliIo, pid: number): Promise<NodeState | undefined> {
  const before = readNodeState(io.dataDir);
  const seq0 = before?.pid === pid ? before.seq : -1;
  try {
    process.kill(pid, DRAIN_SIGNAL);
  } catch (err) {
    io.err(`cannot signal the appliance (pid ${pid}): ${(err as Error).message}; run as its user or root`);
    return undefined;
  }
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    const s = readNodeState(io.dataDir);
    if (s && s.pid === pid && s.seq > seq0) return s;
    await sleep(100);
  }
  io.err(`the appliance (pid ${pid}) did not confirm within 10 s`);
  return undefined;
}

export async function runNodeCli(args: string[], io: NodeCliIo): Promise<number> {
  const [sub, ...rest] = args;
  const p = nodeControlPaths(io.dataDir);
  const pollMs = io.pollMs ?? 1000;
  switch (sub) {
    case 'drain': {
      let timeoutS = Infinity;
      const ti = rest.indexOf('--timeout');
      if (ti >= 0) {
        timeoutS = Number(rest[ti + 1]);
        if (!Number.isFinite(timeoutS) || timeoutS <= 0) {
          io.err('--timeout takes a number of seconds above 0');
          return 2;
        }
      }
      writeFileSync(p.drain, `${new Date().toISOString()}\n`);
      const pid = runningPid(io.dataDir);
      if (pid === undefined) {
        io.out('the appliance is not running here: it will start drained (until `appliance node undrain`)');
        return 0;
      }
      let state = await signalAndWait(io, pid);
      if (!state) return 1;
      io.out(`draining (pid ${pid}): new calls go to the other nodes`);
      const until = Date.now() + timeoutS * 1000;
      let last = -1;
      for (;;) {
        if (state.liveCalls !== last)
          io.out(`${state.liveCalls} live call${state.liveCalls === 1 ? '' : 's'}`);
        last = state.liveCalls;
        if (state.liveCalls === 0) {
          io.out('drained: no live calls');
          return 0;
        }
        if (Date.now() >= until) {
          io.err(`timed out with ${state.liveCalls} live calls; the node stays draining`);
          return 1;
        }
        if (runningPid(io.dataDir) !== pid) {
          io.err('the appliance stopped while draining');
          return 1;
        }
        await sleep(pollMs);
        state = readNodeState(io.dataDir) ?? state;
      }
    }
    case 'undrain': {
      rmSync(p.drain, { force: true });
      const pid = runningPid(io.dataDir);
      if (pid === undefined) {
        io.out('the appliance is not running here: it will start taking calls');
        return 0;
      }
      const state = await signalAndWait(io, pid);
      if (!state) return 1;
      io.out(`taking calls again (pid ${pid}, ${state.liveCalls} live)`);
      return 0;
    }
    case 'status': {
      const pid = runningPid(io.dataDir);
      const s = readNodeState(io.dataDir);
      if (pid === undefined || s?.pid !== pid) {
        io.out(`not running; ${existsSync(p.drain) ? 'will start drained' : 'will take calls at start'}`);
        return 0;
      }
      io.out(
        `pid ${pid}: ${s.draining ? 'draining' : 'taking calls'}, ${s.liveCalls} live calls (at ${s.at})`,
      );
      return 0;
    }
    default:
      io.err(`usage: appliance ${nodeUsage}`);
      return 2;
  }
}
