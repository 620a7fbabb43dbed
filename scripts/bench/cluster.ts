/**
 * Cluster front-door benchmark (`npm run bench:cluster`), in a network namespace it makes itself
 * (`unshare -rn`: loopback only, nothing leaves the machine): Kamailio 5.6 with the generated
 * configuration in front of 1 and then 3 appliance processes (127.0.0.2/.3/.4, own SQLite each),
 * SIPp as the PBX. Prints, per node count and offered rate, the call setups/s achieved and the
 * failures; the dispatcher's overhead (mean INVITE -> 200, straight to a node vs through
 * Kamailio); and the failover time after kill -9 of a node under load. Engines: Kamailio
 * (dispatcher round-robin, OPTIONS every 2 s), appliance nodes with pocketsphinx STT and flite TTS
 * (the greeting is synthesised per call). Every process shares this machine's cores, so 3 nodes
 * measure the dispatcher and the spread, not 3 boxes' capacity.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  answered,
  frontEvent,
  killAll,
  killNode,
  routedCallScenario,
  sipp,
  sleep,
  startFront,
  startNode,
  stopFront,
  type Front,
  type LabNode,
} from '../../appliance/cluster/test/helpers/cluster-lab.js';

const INSIDE = 'APPLIANCE_CLUSTER_BENCH_NETNS';
const HOLD_MS = 200;
const RATES = [25, 50, 100];
const SECONDS_PER_RATE = 4;

if (process.env[INSIDE] !== '1') {
  // Re-run this script inside a fresh user + network namespace (all of 127/8, nothing outside).
  const child = spawn(
    'unshare',
    [
      '-rn',
      'sh',
      '-c',
      `ip link set lo up && exec "${process.execPath}" --import tsx "${import.meta.filename}"`,
    ],
    { stdio: 'inherit', env: { ...process.env, [INSIDE]: '1' } },
  );
  child.on('exit', (code) => process.exit(code ?? 1));
  child.on('error', (err) => {
    console.error(`unshare failed (${err.message}): the bench needs unprivileged user namespaces`);
    process.exit(2);
  });
} else {
  const hardStop = setTimeout(() => {
    console.error('benchmark timed out');
    killAll();
    process.exit(2);
  }, 600_000);
  main()
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    })
    .finally(() => {
      clearTimeout(hardStop);
      killAll();
      setTimeout(() => process.exit(), 200);
    });
}

async function rateSweep(root: string, label: string, target?: string): Promise<void> {
  for (const rate of RATES) {
    const calls = rate * SECONDS_PER_RATE;
    const r = await sipp(root, {
      scenario: routedCallScenario(HOLD_MS),
      calls,
      rate,
      limit: 200,
      ...(target ? { target } : {}),
    });
    console.log(
      `${label.padEnd(24)} offered ${String(rate).padStart(3)}/s  ${String(r.successful).padStart(4)} ok ${String(r.failed).padStart(3)} failed  ` +
        `achieved ${(r.successful / ((r.ms - HOLD_MS) / 1000)).toFixed(1).padStart(5)} setups/s  ` +
        `median INVITE->200 ${r.responseMs === null ? '-' : r.responseMs.toFixed(1)} ms`,
    );
    if (r.failed > calls / 10) break; // past what this machine takes
  }
}

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'bench-cluster-'));
  console.log(
    `bench:cluster: Kamailio 5.6 dispatcher (round-robin, OPTIONS every 2 s) -> appliance nodes (pocketsphinx STT, flite TTS),\n` +
      `SIPp calls of ${HOLD_MS} ms with ACK/BYE along Record-Route. All processes share this machine's ${os.cpus().length} cores.`,
  );
  const t0 = Date.now();
  const nodes = await Promise.all([1, 2, 3].map((i) => startNode(root, i)));
  console.log(`3 nodes started in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const [n1] = nodes;
  if (!n1) throw new Error('no node');
  // Warm-up, straight to each node: the first calls compile the agent and synthesise its greeting.
  for (const n of nodes)
    await sipp(root, {
      scenario: routedCallScenario(HOLD_MS),
      calls: 5,
      rate: 5,
      target: `${n.address}:5060`,
    });

  // 1 node: straight, then through Kamailio (the dispatcher's overhead).
  await rateSweep(root, '1 node, straight', `${n1.address}:5060`);
  let front = await startFront(root, [n1]);
  await sleep(2500);
  await rateSweep(root, '1 node via Kamailio');
  await stopFront(front);

  // 3 nodes through Kamailio.
  front = await startFront(root, nodes);
  await sleep(2500);
  const before = await Promise.all(nodes.map((n) => answered(n)));
  await rateSweep(root, '3 nodes via Kamailio');
  const after = await Promise.all(nodes.map((n) => answered(n)));
  console.log(`calls answered per node: ${after.map((a, i) => a - (before[i] ?? 0)).join(' / ')}`);

  await failover(root, front, nodes);
}

async function failover(root: string, front: Front, nodes: readonly LabNode[]): Promise<void> {
  const victim = nodes[2];
  if (!victim) return;
  const load = sipp(root, { scenario: routedCallScenario(1000), calls: 60, rate: 5 });
  await sleep(3000);
  const killAt = Date.now();
  killNode(victim);
  const r = await load;
  const down = frontEvent(
    front,
    new RegExp(`(node down|marked down) sip:${victim.address.replace(/\./g, '\\.')}`),
    killAt,
  );
  const toDead = front.lines.filter((l) => l.at >= killAt && l.line.includes(`to sip:${victim.address}`));
  console.log(
    `failover: kill -9 of ${victim.address} under 5 calls/s: out of the set after ${down === undefined ? '(never)' : `${down - killAt} ms`}, ` +
      `last INVITE tried on it ${toDead.length ? `${(toDead.at(-1)?.at ?? killAt) - killAt} ms` : '-'} after the kill; ` +
      `${r.successful} ok, ${r.failed} failed (calls live on the killed node)`,
  );
}
