/**
 * Cluster front-door benchmark (`npm run bench:cluster`), in a network namespace it makes itself
 * (`unshare -rn`: loopback only, nothing leaves the machine): Kamailio 5.6 with the generated
 * configuration in front of 1 and then 3 appliance processes (127.0.0.2/.3/.4, own SQLite each),
 * SIPp as the PBX. Prints, per node count and offered rate, the call setups/s achieved and the
 * failures; the dispatcher's overhead (mean INVITE -> 200, straight to a node vs through
 * Kamailio); and the failover time after kill -9 of a node under load. Engines: Kamailio
 * (dispatcher round-robin, OPTIONS every 2 s), appliance nodes with pocketsphinx STT and flite TTS
 * (the greeting is synthesised per call). Then concurrent talking calls for 1 and 3 nodes: N
 * SIPp calls at once, each asking one 2.7 s question (LibriSpeech, G.711) straight to its node,
 * voice-to-voice from the nodes' histograms, N rising until p95 reaches 1.5 s. Every process
 * shares this machine's cores, so 3 nodes measure the dispatcher and the spread, not 3 boxes'
 * capacity.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  answered,
  frontEvent,
  killAll,
  killNode,
  metrics,
  routedCallScenario,
  talkingCallScenario,
  sipp,
  sleep,
  startFront,
  startNode,
  stopFront,
  type Front,
  type LabNode,
} from '../../appliance/cluster/test/helpers/cluster-lab.js';
import { sharedDir } from '../../appliance/test/helpers/shared.js';

const INSIDE = 'APPLIANCE_CLUSTER_BENCH_NETNS';
/** The nodes' data and logs (made only in the namespaced run, removed at its end). */
const root = process.env[INSIDE] === '1' ? mkdtempSync(path.join(os.tmpdir(), 'bench-cluster-')) : '';
const HOLD_MS = 200;
const RATES = [25, 50, 100];
const SECONDS_PER_RATE = 4;
/** Talking calls: one 2.7 s question (LibriSpeech "why should one halt on the way", G.711 u-law RTP), then room for the answer. */
const UTTERANCE_PCAP = path.join(sharedDir(), 'speech', 'pcap', 'librispeech_4507-16021-0012_pcmu.pcap');
const TALK_HOLD_MS = 3200 + 7000;
const TALK_COUNTS = [1, 2, 4, 6, 8, 12, 16, 20, 24, 32];
/** The talking-calls pass criterion (as bench:calls): voice-to-voice p95 under this, s. */
const P95_LIMIT_S = 1.5;

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
      // The nodes' data (SQLite, logs) goes once the killed processes have let go of it.
      setTimeout(() => {
        rmSync(root, { recursive: true, force: true, maxRetries: 5 });
        process.exit();
      }, 500);
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

  // Concurrent talking calls, 1 node then 3 nodes, both through Kamailio.
  await stopFront(front);
  front = await startFront(root, [n1]);
  await sleep(2500);
  await talkingSweep(root, '1 node', [n1]);
  await stopFront(front);
  front = await startFront(root, nodes);
  await sleep(2500);
  await talkingSweep(root, '3 nodes', nodes);

  await failover(root, front, nodes);
}

/** Cumulative bucket counts of a histogram series (le -> count) and the late-send count, summed over nodes. */
async function scrape(
  nodes: readonly LabNode[],
): Promise<{ v2v: Map<number, number>; turns: number; lateSends: number }> {
  const v2v = new Map<number, number>();
  let turns = 0;
  let lateSends = 0;
  for (const n of nodes) {
    const text = await metrics(n);
    for (const m of text.matchAll(
      /^calls_turn_latency_seconds_bucket\{(?=[^}]*stage="voice_to_voice")[^}]*le="([^"]+)"[^}]*\} (\S+)$/gm,
    )) {
      const le = m[1] === '+Inf' ? Infinity : Number(m[1]);
      v2v.set(le, (v2v.get(le) ?? 0) + Number(m[2]));
    }
    const count = /^calls_turn_latency_seconds_count\{stage="voice_to_voice"\} (\S+)$/m.exec(text);
    turns += Number(count?.[1] ?? 0);
    // Pacing: per-session max lateness reports over 20 ms (an underrun risk), as bench:calls counts.
    const all = /^media_send_lateness_max_ms_count(?:\{\})? (\S+)$/m.exec(text);
    const le20 = /^media_send_lateness_max_ms_bucket\{le="20"\} (\S+)$/m.exec(text);
    lateSends += Number(all?.[1] ?? 0) - Number(le20?.[1] ?? 0);
  }
  return { v2v, turns, lateSends };
}

/** The smallest bucket bound under which `q` of the new observations fall (an upper bound, s). */
function quantileBound(before: Map<number, number>, after: Map<number, number>, q: number): number {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const total = (after.get(Infinity) ?? 0) - (before.get(Infinity) ?? 0);
  if (total <= 0) return NaN;
  for (const b of bounds) if ((after.get(b) ?? 0) - (before.get(b) ?? 0) >= q * total) return b;
  return Infinity;
}

/**
 * N talking calls at once through Kamailio (SIPp plays one utterance straight to the node's RTP
 * address; the node answers it), N rising until the voice-to-voice p95 bound reaches 1.5 s, a call
 * fails or a send runs late. Voice-to-voice is the nodes' own histogram (bucket bounds: 0.5, 0.8,
 * 1, 1.5, 2, 3, 5 s), summed over the nodes.
 */
async function talkingSweep(root: string, label: string, nodes: readonly LabNode[]): Promise<void> {
  let largest = 0;
  for (const n of TALK_COUNTS) {
    const before = await scrape(nodes);
    const r = await sipp(root, {
      scenario: talkingCallScenario(UTTERANCE_PCAP, TALK_HOLD_MS),
      calls: n,
      rate: n,
      limit: n,
    });
    await sleep(1000); // the last turns' timings reach the histogram after the reply is queued
    const after = await scrape(nodes);
    const p50 = quantileBound(before.v2v, after.v2v, 0.5);
    const p95 = quantileBound(before.v2v, after.v2v, 0.95);
    const late = after.lateSends - before.lateSends;
    const ok = r.failed === 0 && p95 < P95_LIMIT_S && late === 0;
    console.log(
      `talking, ${label.padEnd(8)} ${String(n).padStart(3)} calls at once: ${r.successful} ok ${r.failed} failed, ` +
        `${after.turns - before.turns} turns answered, voice-to-voice p50 <= ${p50} s, p95 <= ${p95} s, ` +
        `late sends ${late}${ok ? '' : '  (over)'}`,
    );
    if (!ok) break;
    largest = n;
  }
  console.log(
    `talking, ${label}: largest number of calls at once with p95 < ${P95_LIMIT_S} s, no failed call, no late send: ${largest}`,
  );
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
