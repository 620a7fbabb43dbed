/**
 * Runs INSIDE `unshare -rn` (front.test.ts): Kamailio + 3 appliance nodes, then
 *   1. spread: SIPp calls through Kamailio, in-dialog ACK/BYE along Record-Route;
 *   2. drain: `appliance node drain` on node 2 with a live call on it; new calls avoid it;
 *   3. kill -9 of node 3 under load; new calls land on the others.
 * Prints one line `RESULT <json>` for the test to check, whatever happens.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  answered,
  frontEvent,
  killAll,
  killNode,
  nodeCli,
  optionsToFront,
  routedCallScenario,
  SPEECH_PCAP,
  talkingCallScenario,
  sipp,
  sleep,
  startFront,
  startNode,
  stopFront,
  waitFor,
  type LabNode,
} from './cluster-lab.js';
import pg from 'pg';
import { LIVE_CALL_STATES } from '../../../calls/index.js';
import { baresipThroughFront, haveBaresip } from './front-baresip.js';
import { readNodeState } from '../../node-control.js';

const PROBE_S = 2;
const HEARTBEAT_MS = 1000;
const NODE_TIMEOUT_S = 3;
const result: Record<string, unknown> = {};
const root = mkdtempSync(path.join(os.tmpdir(), 'cluster-front-'));
result.root = root;
const hardStop = setTimeout(() => finish('runner timed out'), 230_000);

function finish(error?: string): void {
  clearTimeout(hardStop);
  if (error) result.error = error;
  killAll();
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  // The nodes' data and logs are kept (path in the result) only when the scenario failed.
  setTimeout(() => {
    if (!error) rmSync(root, { recursive: true, force: true });
    process.exit(0);
  }, 200);
}

/**
 * On the shared database: the killed node's calls. Its live calls must have been ended by the
 * others (`node_lost`, as of its last heartbeat) once `NODE_TIMEOUT_S` passed.
 */
async function deadNodeCalls(
  databaseUrl: string,
  address: string,
): Promise<{ nodeId: string | null; live: number; nodeLost: number }> {
  return withDatabase(databaseUrl, async (client) => {
    const node = await client.query<{ id: string }>('select id from nodes where address like $1', [
      `%sip ${address} %`,
    ]);
    const nodeId = node.rows[0]?.id ?? null;
    const rows = await client.query<{ state: string; end_reason: string | null }>(
      'select state, end_reason from calls where node_id = $1',
      [nodeId],
    );
    const live: readonly string[] = LIVE_CALL_STATES;
    return {
      nodeId,
      live: rows.rows.filter((r) => live.includes(r.state)).length,
      nodeLost: rows.rows.filter((r) => r.end_reason === 'node_lost').length,
    };
  });
}

/** What the agents heard callers say since `since` (ISO), from the shared database. */
async function callerTurns(databaseUrl: string, since: string): Promise<string[]> {
  return withDatabase(databaseUrl, async (client) => {
    const r = await client.query<{ text: string }>(
      "select text from conversation_turns where speaker = 'caller' and started_at >= $1 order by started_at",
      [since],
    );
    return r.rows.map((x) => x.text);
  });
}

/** One short-lived connection to the shared database for `fn`, closed whatever happens. */
async function withDatabase<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const counts = (nodes: readonly LabNode[]): Promise<number[]> => Promise.all(nodes.map((n) => answered(n)));

async function main(): Promise<void> {
  let t0 = Date.now();
  // With CLUSTER_LAB_DATABASE_URL (front.test.ts): the nodes share one PostgreSQL, as a real
  // cluster does; the first node creates the schema and the tenant, then the others start.
  const dbUrl = process.env.CLUSTER_LAB_DATABASE_URL;
  const shared = dbUrl
    ? {
        databaseUrl: dbUrl,
        sharedDir: path.join(root, 'shared'),
        heartbeatMs: HEARTBEAT_MS,
        nodeTimeoutS: NODE_TIMEOUT_S,
      }
    : undefined;
  result.sharedDatabase = shared !== undefined;
  const node1 = await startNode(root, 1, shared);
  const nodes = [node1, ...(await Promise.all([2, 3].map((i) => startNode(root, i, shared))))];
  result.nodesStartMs = Date.now() - t0;
  let front = await startFront(root, nodes, PROBE_S);
  await sleep(PROBE_S * 1000 + 500); // one probe round: every node answered 200
  result.frontOptionsUp = await optionsToFront();

  // 1. Spread: round-robin over the three nodes; BYE along Record-Route reaches the answering node.
  const before = await counts(nodes);
  const spread = await sipp(root, { scenario: routedCallScenario(1000), calls: 18, rate: 6, limit: 12 });
  const after = await counts(nodes);
  result.spread = {
    sipp: { code: spread.code, successful: spread.successful, failed: spread.failed },
    perNode: after.map((a, i) => a - (before[i] ?? 0)),
    ...(spread.code === 0 ? {} : { output: spread.output }),
  };

  // 1b. A talking call through the front door: the node that takes it hears the caller (media
  // straight between the PBX and the node) and, on the shared database, stores what it heard.
  // Skipped (talking: null) where ../shared/speech is absent: a test never depends on a missing file.
  if (existsSync(SPEECH_PCAP)) {
    const bt = await counts(nodes);
    const talkFrom = new Date().toISOString();
    const talk = await sipp(root, {
      scenario: talkingCallScenario(SPEECH_PCAP, 11_000 + 6000),
      calls: 1,
      rate: 1,
    });
    const at = await counts(nodes);
    result.talking = {
      sipp: { code: talk.code, successful: talk.successful, failed: talk.failed },
      perNode: at.map((a, i) => a - (bt[i] ?? 0)),
      heard: dbUrl ? await callerTurns(dbUrl, talkFrom) : null,
      ...(talk.code === 0 ? {} : { output: talk.output }),
    };
  } else {
    result.talking = null;
  }

  // 1c. A softphone asks a question through the front door (front.test.ts transcribes what it heard).
  const mic = process.env.CLUSTER_LAB_MIC;
  const out = process.env.CLUSTER_LAB_OUT;
  if (mic && out && haveBaresip()) {
    const bb = await counts(nodes);
    const askedFrom = new Date().toISOString();
    const call = await baresipThroughFront(
      root,
      mic,
      Number(process.env.CLUSTER_LAB_MIC_S ?? 15) + 1,
      path.join(out, 'heard.wav'),
    );
    const ab = await counts(nodes);
    result.baresip = {
      heard: call.heard,
      perNode: ab.map((a, i) => a - (bb[i] ?? 0)),
      askedFrom,
      ...(call.heard ? {} : { log: call.log }),
    };
  }

  // 2. Drain node 2 while a call lives on it (dialled straight at the node, as a PBX would).
  const [, node2, node3] = nodes;
  if (!node2 || !node3) throw new Error('three nodes');
  // 20 s: long enough to outlast the drain CLI's own start-up on a loaded box (7.6 s seen in
  // CI), so the call is still live when the node drains and the CLI prints it.
  const live = sipp(root, {
    scenario: routedCallScenario(20_000),
    calls: 1,
    rate: 1,
    target: `${node2.address}:5060`,
  });
  await waitFor(() => (readNodeState(node2.dataDir)?.liveCalls ?? 0) >= 1, 10_000, 'the live call on node 2');
  const drainAt = Date.now();
  const drain = nodeCli(node2, ['drain', '--timeout', '30']);
  // When the node applied it (the CLI's own start-up is not the node's reaction time).
  await waitFor(() => readNodeState(node2.dataDir)?.draining === true, 15_000, 'node 2 draining');
  const drainConfirmedAt = Date.now();
  await waitFor(() => drain.lines.some((l) => /draining/.test(l.line)), 15_000, 'drain confirmed');
  // Kamailio takes the node out at its next probe (OPTIONS 503).
  await waitFor(
    () => frontEvent(front, /node down sip:127\.0\.0\.3/, drainAt) !== undefined,
    (PROBE_S + 4) * 1000,
    'Kamailio marking the draining node down',
  ).catch(() => undefined);
  const downAt = frontEvent(front, /node down sip:127\.0\.0\.3/, drainAt);
  const b2 = await counts(nodes);
  const during = await sipp(root, { scenario: routedCallScenario(500), calls: 9, rate: 6 });
  const a2 = await counts(nodes);
  const liveResult = await live;
  const drainCode = await drain.exited;
  const drainDoneAt = Date.now();
  result.drain = {
    appliedMs: drainConfirmedAt - drainAt,
    frontDownMs: downAt === undefined ? null : downAt - drainConfirmedAt,
    sipp: { code: during.code, successful: during.successful, failed: during.failed },
    perNode: a2.map((a, i) => a - (b2[i] ?? 0)),
    liveCall: { code: liveResult.code, successful: liveResult.successful },
    cli: { code: drainCode, output: drain.output(), waitedMs: drainDoneAt - drainAt },
  };
  const undrainAsked = Date.now();
  const undrain = nodeCli(node2, ['undrain']);
  // From when the node applied it (not the CLI's start-up), as far as polling its state file
  // tells; Kamailio's probe may mark it up before the poll notices (a loaded box): 0 ms then.
  await waitFor(() => readNodeState(node2.dataDir)?.draining === false, 15_000, 'node 2 undrained');
  const undrainAt = Date.now();
  result.undrain = { code: await undrain.exited, output: undrain.output() };
  await waitFor(
    () => frontEvent(front, /node up sip:127\.0\.0\.3/, undrainAsked) !== undefined,
    (PROBE_S + 4) * 1000,
    'node 2 back in the set',
  ).catch(() => undefined);
  const upAt = frontEvent(front, /node up sip:127\.0\.0\.3/, undrainAsked);
  (result.undrain as Record<string, unknown>).frontUpMs =
    upAt === undefined ? null : Math.max(0, upAt - undrainAt);

  // 2b. INVITE failover on 503: Kamailio restarted with a 60 s probe interval, so it still
  // believes in the draining node 1 and must move each INVITE it gets 503 for to the next node.
  await stopFront(front);
  front = await startFront(root, nodes, 60);
  await sleep(500);
  const drain1 = nodeCli(node1, ['drain']);
  await waitFor(() => readNodeState(node1.dataDir)?.draining === true, 15_000, 'node 1 draining');
  await drain1.exited;
  const failStart = Date.now();
  const b4 = await counts(nodes);
  const on503 = await sipp(root, { scenario: routedCallScenario(300), calls: 6, rate: 3 });
  const a4 = await counts(nodes);
  result.failoverOn503 = {
    sipp: { code: on503.code, successful: on503.successful, failed: on503.failed },
    perNode: a4.map((a, i) => a - (b4[i] ?? 0)),
    failovers: front.lines.filter((l) => l.at >= failStart && /failed over/.test(l.line)).length,
  };
  const undrain1 = nodeCli(node1, ['undrain']);
  await waitFor(() => readNodeState(node1.dataDir)?.draining === false, 15_000, 'node 1 undrained');
  await undrain1.exited;
  await stopFront(front);
  front = await startFront(root, nodes, PROBE_S);
  await sleep(PROBE_S * 1000 + 500);

  // 3. kill -9 of node 3 under load (5 calls/s, 1 s each), then a second batch from kill + 5 s.
  const b3 = await counts(nodes);
  t0 = Date.now();
  const load = sipp(root, { scenario: routedCallScenario(1000), calls: 30, rate: 5 });
  await sleep(2000);
  const killAt = Date.now();
  killNode(node3);
  await sleep(5000);
  const lateStart = Date.now();
  const late = await sipp(root, { scenario: routedCallScenario(500), calls: 12, rate: 6 });
  const loadResult = await load;
  const a3 = await counts(nodes);
  const toDead = front.lines.filter((l) => l.at >= killAt && /INVITE \S+ to sip:127\.0\.0\.4/.test(l.line));
  const lastToDead = toDead.at(-1)?.at;
  const deadDownAt = frontEvent(front, /(node down|marked down) sip:127\.0\.0\.4/, killAt);
  result.kill = {
    load: { code: loadResult.code, successful: loadResult.successful, failed: loadResult.failed },
    late: { code: late.code, successful: late.successful, failed: late.failed },
    perNode: a3.map((a, i) => a - (b3[i] ?? 0)),
    frontDownMs: deadDownAt === undefined ? null : deadDownAt - killAt,
    lastInviteToDeadMs: lastToDead === undefined ? null : lastToDead - killAt,
    invitesToDeadAfterLateStart: toDead.filter((l) => l.at >= lateStart).length,
    failovers: front.lines.filter((l) => l.at >= killAt && /failed over/.test(l.line)).length,
    ...(late.code === 0 ? {} : { output: late.output }),
  };
  result.totalMs = Date.now() - t0;
  if (dbUrl) result.deadNodeCalls = await deadNodeCalls(dbUrl, node3.address);

  // 4. Every node gone: the PBX's OPTIONS to the front door get 503 once Kamailio knows.
  killNode(node1);
  killNode(node2);
  const allDownAt = Date.now();
  await waitFor(
    () =>
      frontEvent(front, /(node down|marked down) sip:127\.0\.0\.2/, allDownAt) !== undefined &&
      frontEvent(front, /(node down|marked down) sip:127\.0\.0\.3/, allDownAt) !== undefined,
    (PROBE_S * 3 + 5) * 1000,
    'Kamailio marking every node down',
  ).catch(() => undefined);
  result.frontOptionsAllDown = await optionsToFront();
  writeFileSync(path.join(root, 'kamailio.log'), front.lines.map((l) => `${l.at} ${l.line}`).join('\n'));
}

main().then(
  () => finish(),
  (err: unknown) => finish(err instanceof Error ? (err.stack ?? err.message) : String(err)),
);
