/**
 * Calls benchmark (loopback only, bounded): voice-to-voice latency = caller end of speech (the
 * question's last sound: its last 20 ms frame above -45 dBFS, the level the agent's first sound is
 * heard by; the quiet festival ends the clip with, 60 ms by that test, is sent before the
 * 'played' event and does not count as the caller still speaking) -> first audible agent packet
 * received, for 1, 2, 4, .. 10
 * concurrent calls (`--stagger MS`: callers speak at spread moments, else all at once), then on
 * past 10 (12, 16, 20, 24, 32, 40, 48) until a count has p95 >= 1.5 s, an
 * unanswered turn or late media sends (`--max N` caps the sweep, default 48), plus the appliance's
 * own per-stage histograms and memory: idle RSS (appliance started, no call) and RSS per call (the
 * peak during a round minus idle, over the calls; the caller peer runs in this process too, so it
 * is included), for this process and for its helper processes (pocketsphinx, TTS CLIs). "Processing after end of speech" is the appliance's
 * stored per-turn processingMs: the end-of-utterance decision (after the endpointer's 500 ms silence
 * window) -> the first answer audio queued to RTP; ~0 when the answer prepared at the caller's
 * pause was played (speculation hit, speculation.ts). Endpointing: the caller's last voiced frame
 * -> that decision (the content window for a complete question). The caller peer runs on the same 2 cores.
 * Engines: Silero VAD (when in the models dir), pocketsphinx STT, espeak-ng TTS (`--tts flite|festival`);
 * caller voice festival.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAppliance } from '../../appliance/app.js';
import { loadConfig } from '../../appliance/config/index.js';
import { rmsDbfs } from '../../models/index.js';
import { createLogger } from '../../appliance/log.js';
import { createBenchAgent } from './bench-tenant.js';
import {
  festivalSpeech,
  sleep,
  TestPeer,
  waitFor,
  type PeerCall,
} from '../../appliance/calls/test/helpers/caller.js';

const sharedDir =
  process.env.APPLIANCE_SHARED_DIR ?? path.resolve(import.meta.dirname, '..', '..', '..', 'shared');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-calls-'));
// `--end-of-turn content|silence` (default content): the agents' behaviour.endOfTurn.
const eotArg = process.argv.indexOf('--end-of-turn');
const endOfTurn = eotArg >= 0 ? process.argv[eotArg + 1] : 'content';
if (endOfTurn !== 'content' && endOfTurn !== 'silence') {
  console.error('--end-of-turn takes content or silence');
  process.exit(2);
}
// `--denoise on|off` (default on, the product default): the agents' behaviour.denoise (RNNoise
// ahead of VAD and STT), to see what the caller-audio chain costs at each count.
const dnArg = process.argv.indexOf('--denoise');
const denoiseArg = dnArg >= 0 ? process.argv[dnArg + 1] : 'on';
if (denoiseArg !== 'on' && denoiseArg !== 'off') {
  console.error('--denoise takes on or off');
  process.exit(2);
}
const denoise = denoiseArg === 'on';
// `--tts NAME` (default espeak-ng): the agent's voice (flite is the embedded defaults' voice).
const ttsArg = process.argv.indexOf('--tts');
const tts = ttsArg >= 0 ? process.argv[ttsArg + 1] : 'espeak-ng';
if (tts !== 'espeak-ng' && tts !== 'flite' && tts !== 'festival') {
  console.error('--tts takes espeak-ng, flite or festival');
  process.exit(2);
}
const maxArg = process.argv.indexOf('--max');
const maxCalls = maxArg >= 0 ? Number(process.argv[maxArg + 1]) : 48;
if (!Number.isInteger(maxCalls) || maxCalls < 1 || maxCalls > 200) {
  console.error('--max takes a whole number of calls from 1 to 200');
  process.exit(2);
}
// `--stagger MS` (default 0: every caller speaks at the same moment, the worst case): call k of n
// starts its question MS * k / n after its greeting ended, as callers in real calls speak at
// their own moments (a turn cycle of question and answer is about 6 s).
const staggerArg = process.argv.indexOf('--stagger');
const staggerMs = staggerArg >= 0 ? Number(process.argv[staggerArg + 1]) : 0;
if (!Number.isFinite(staggerMs) || staggerMs < 0 || staggerMs > 60_000) {
  console.error('--stagger takes milliseconds from 0 to 60000');
  process.exit(2);
}
// `--from N` (default 1): the sweep starts at the first count >= N (to rerun the high counts alone).
const fromArg = process.argv.indexOf('--from');
const fromCalls = fromArg >= 0 ? Number(process.argv[fromArg + 1]) : 1;
if (!Number.isInteger(fromCalls) || fromCalls < 1 || fromCalls > maxCalls) {
  console.error('--from takes a whole number of calls from 1 to --max');
  process.exit(2);
}
const COUNTS = [1, 2, 4, 6, 8, 10, 12, 16, 20, 24, 32, 40, 48, 64, 96, 128, 200].filter(
  (n) => n <= maxCalls && n >= fromCalls,
);
// Bounded: about 40 s per count plus start-up (a failing count ends the sweep).
const hardStop = setTimeout(
  () => {
    console.error('benchmark timed out');
    process.exit(2);
  },
  120_000 + COUNTS.length * 60_000,
);

/** Resident memory of this process and (separately) of its descendant processes, MB, from /proc. */
function rssMb(): { self: number; helpers: number } {
  const kb = (pid: number): number => {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) : 0;
    } catch {
      return 0;
    }
  };
  const children = (pid: number): number[] => {
    const out: number[] = [];
    try {
      for (const tid of readdirSync(`/proc/${pid}/task`))
        out.push(
          ...readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8')
            .split(/\s+/)
            .filter(Boolean)
            .map(Number),
        );
    } catch {
      /* gone */
    }
    return out;
  };
  let helpers = 0;
  const todo = children(process.pid);
  for (let pid = todo.pop(); pid !== undefined; pid = todo.pop()) {
    helpers += kb(pid);
    todo.push(...children(pid));
  }
  return { self: kb(process.pid) / 1024, helpers: helpers / 1024 };
}

/** Quiet after the clip's last 20 ms frame above -45 dBFS (the peer's loudness test), ms. */
function trailingQuietMs(pcm: Int16Array, rateHz: number): number {
  const frame = Math.round(rateHz / 50);
  for (let end = pcm.length; end > 0; end -= frame) {
    if (rmsDbfs(pcm.subarray(Math.max(0, end - frame), end)) > -45)
      return ((pcm.length - end) / rateHz) * 1000;
  }
  return 0;
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function main(): Promise<void> {
  const config = loadConfig(
    {},
    {
      tls: { mode: 'off' }, // plain HTTP on loopback
      dataDir,
      logLevel: 'silent',
      modelsDir: path.join(sharedDir, 'models'),
      models: { warmOnStart: false, prefer: { stt: 'pocketsphinx', tts }, llm: {} },
      sip: {
        enabled: true,
        port: 0,
        bindAddress: '127.0.0.1',
        publicAddress: '127.0.0.1',
        allowFrom: [],
        maxConcurrentCalls: Math.max(50, maxCalls),
      },
      http: { port: 0, bindAddress: '127.0.0.1', unsubscribedRatePerS: 1000 },
      rtp: { portMin: 32000, portMax: 32999, inactivityTimeoutMs: 30_000 },
    },
  );
  const app = await startAppliance(config, { log: createLogger('silent') });
  await sleep(2000); // start-up work settles
  const idle = rssMb();
  const peer = await TestPeer.start();
  try {
    const calls = app.modules.calls;
    if (!calls.sipPort) throw new Error('calls module did not start');
    await createBenchAgent(app.httpPort, {
      numbers: ['7000'],
      facts: { hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '09:00', close: '17:00' }] },
      behaviour: { silenceTimeoutMs: 60_000, endOfTurn, denoise },
    });
    // Training the new agent keeps the main event loop busy for a while, and the load gate
    // (load-gate.ts) answers calls 503 meanwhile: measured calls start once the loop is quiet.
    const settleStart = performance.now();
    // Two quiet 1 s windows: the gate judges by its last complete window.
    for (let i = 0, quiet = 0; i < 60 && quiet < 2; i++) {
      const elu = performance.eventLoopUtilization();
      await sleep(1000);
      quiet = performance.eventLoopUtilization(elu).utilization < 0.5 ? quiet + 1 : 0;
    }
    console.log(
      `agent created; main event loop quiet again after ${(performance.now() - settleStart).toFixed(0)} ms`,
    );
    const question = festivalSpeech('What are your opening hours?');
    const tailMs = trailingQuietMs(question, 16000);
    console.log('engines:', JSON.stringify((calls.status?.() as { engines: unknown }).engines));
    console.log(`caller audio: denoise ${denoiseArg} (RNNoise ahead of VAD and STT)`);
    console.log(
      `voice-to-voice from the question's last sound: its clip's last ${tailMs.toFixed(0)} ms are quiet and not counted`,
    );
    console.log(
      staggerMs > 0
        ? `questions staggered: call k of n speaks ${staggerMs} * k / n ms after its greeting`
        : 'questions in lockstep: every caller speaks at the same moment (worst case; --stagger MS spreads them)',
    );
    console.log(
      `idle RSS (appliance started, no call yet): ${idle.self.toFixed(0)} MB in the process, ` +
        `${idle.helpers.toFixed(0)} MB in helper processes; load average ${os
          .loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')}`,
    );

    const oneCall = async (delayMs = 0): Promise<number | undefined> => {
      const pc: PeerCall = await peer.dial('7000', calls.sipPort);
      try {
        await waitFor(
          () => pc.heard.loudAt.length > 0 && performance.now() - (pc.heard.loudAt.at(-1) ?? 0) > 800,
          20_000,
        );
        if (delayMs > 0) await sleep(delayMs);
        const played = new Promise<number>((r) => pc.media.once('played', () => r(performance.now())));
        pc.media.play(question.slice(), 16000);
        const endOfSpeech = (await played) - tailMs;
        const n = pc.heard.loudAt.length;
        const ok = await waitFor(
          () => pc.heard.loudAt.length > n && (pc.heard.loudAt.at(-1) ?? 0) > endOfSpeech,
          15_000,
          5,
        );
        const first = pc.heard.loudAt.find((x) => x > endOfSpeech);
        return ok && first !== undefined ? first - endOfSpeech : undefined;
      } finally {
        await pc.call.hangup();
      }
    };

    // Late media sends: observations of the pacing lateness histogram above 20 ms (an underrun risk).
    const lateSends = async (): Promise<number> => {
      const m = (await app.ctx.registry.getMetricsAsJSON()).find(
        (x) => x.name === 'media_send_lateness_max_ms',
      ) as
        | { values: Array<{ labels: Record<string, string | number>; value: number; metricName?: string }> }
        | undefined;
      const bucket = (le: string): number =>
        m?.values.find(
          (v) => v.metricName === 'media_send_lateness_max_ms_bucket' && String(v.labels.le) === le,
        )?.value ?? 0;
      return bucket('+Inf') - bucket('20');
    };
    // Per turn as the appliance stored it: processing = end-of-utterance decision -> first answer
    // audio queued to RTP; endpointing = caller's last voiced frame -> that decision; whether the
    // answer prepared at the pause was played (speculation.ts).
    const seenTurns = new Set<string>();
    const turnsSince = async (): Promise<{
      processing: number[];
      endpointing: number[];
      hits: number;
      misses: number;
    }> => {
      const rows = await app.ctx.db.kysely
        .selectFrom('conversation_turns')
        .select(['id', 'latency'])
        .where('speaker', '=', 'agent')
        .where('latency', 'is not', null)
        .execute();
      const out = { processing: [] as number[], endpointing: [] as number[], hits: 0, misses: 0 };
      for (const r of rows) {
        if (seenTurns.has(r.id)) continue;
        seenTurns.add(r.id);
        const l = JSON.parse(r.latency ?? '{}') as {
          processingMs?: number;
          endpointingMs?: number;
          speculation?: string;
        };
        if (typeof l.processingMs === 'number') out.processing.push(l.processingMs);
        if (typeof l.endpointingMs === 'number') out.endpointing.push(l.endpointingMs);
        if (l.speculation === 'hit') out.hits++;
        if (l.speculation === 'miss') out.misses++;
      }
      return out;
    };
    // A sweep that starts past 1 first makes one unmeasured call: the agent's language model and
    // the engines' first-use work would otherwise land on the first measured count.
    if (fromCalls > 1) await oneCall();
    await turnsSince();
    let sustained = 0;
    let failedAt: number | undefined;
    for (const n of COUNTS) {
      const results: number[] = [];
      let refused = 0;
      let failedCalls = 0;
      const rounds = n === 1 ? 5 : 1;
      const late0 = await lateSends();
      const base = rssMb();
      let peak = base;
      // Main event loop utilization over the count (turn-taking, agent, the test peer: one thread).
      const elu0 = performance.eventLoopUtilization();
      const sampler = setInterval(() => {
        const m = rssMb();
        if (m.self + m.helpers > peak.self + peak.helpers) peak = m;
      }, 250);
      for (let r = 0; r < rounds; r++) {
        const out = await Promise.all(
          Array.from({ length: n }, (_, k) =>
            oneCall((staggerMs * k) / n).catch((err: unknown) => {
              // A call the appliance refused (503 from the load gate) is no turn: counted apart.
              if ((err as { status?: number }).status === 503) refused++;
              else failedCalls++;
              return undefined;
            }),
          ),
        );
        for (const x of out) if (x !== undefined) results.push(x);
        await sleep(500);
      }
      clearInterval(sampler);
      const elu = performance.eventLoopUtilization(elu0).utilization;
      const late = (await lateSends()) - late0;
      await sleep(300); // the turn's latency is merged into its row after the reply is queued
      const turns = await turnsSince();
      const proc = turns.processing;
      const p95 = pct(results, 95);
      const ok = results.length === n * rounds && p95 < 1500 && late === 0;
      if (ok && n > sustained) sustained = n;
      if (!ok && n >= 10) failedAt ??= n;
      const perCall = (peak.self + peak.helpers - idle.self - idle.helpers) / n;
      console.log(
        `${String(n).padStart(2)} concurrent: voice-to-voice p50 ${pct(results, 50).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms ` +
          `(${results.length}/${n * rounds} turns answered${refused ? `, ${refused} calls refused 503 by the load gate` : ''}${failedCalls ? `, ${failedCalls} calls failed` : ''}, ${late} media stats reports with send lateness > 20 ms); ` +
          `endpointing p50 ${pct(turns.endpointing, 50).toFixed(0)} ms, p95 ${pct(turns.endpointing, 95).toFixed(0)} ms; ` +
          `processing after end of speech p50 ${pct(proc, 50).toFixed(0)} ms, p95 ${pct(proc, 95).toFixed(0)} ms; ` +
          `speculation hit ${turns.hits}/${proc.length} turns${turns.misses ? ` (${turns.misses} missed)` : ''}; ` +
          `peak RSS ${peak.self.toFixed(0)} + ${peak.helpers.toFixed(0)} MB helpers, ${perCall.toFixed(1)} MB per call over idle; ` +
          `main event loop ${(elu * 100).toFixed(0)} % busy; ` +
          `load ${os.loadavg()[0]?.toFixed(1)}${ok ? '' : '  <- over budget'}`,
      );
      // Past 10 the sweep stops at the first count over budget (below 10 every count is printed).
      if (!ok && n >= 10) break;
    }
    console.log(
      `largest concurrent talking calls with p95 < 1.5 s, every turn answered and no late sends: ${sustained}` +
        (failedAt !== undefined
          ? ` (${failedAt} was over budget)`
          : sustained === COUNTS.at(-1)
            ? ` (the sweep's cap, --max ${maxCalls}: the box may take more)`
            : ''),
    );
    const metrics = await app.ctx.registry.getMetricsAsJSON();
    const hist = metrics.find((m) => m.name === 'calls_turn_latency_seconds') as
      { values: Array<{ labels: Record<string, string>; value: number; metricName?: string }> } | undefined;
    const stage = (s: string, k: string): number =>
      hist?.values.find((v) => v.labels.stage === s && v.metricName === `calls_turn_latency_seconds_${k}`)
        ?.value ?? 0;
    const ends = metrics.find((m) => m.name === 'calls_turn_ends_total') as
      { values: Array<{ labels: Record<string, string>; value: number }> } | undefined;
    console.log(
      `turn ends (end of turn from content, turn-end.ts): ` +
        ['content', 'silence', 'resumed']
          .map((by) => `${by} ${ends?.values.find((v) => v.labels.by === by)?.value ?? 0}`)
          .join(', '),
    );
    const spec = metrics.find((m) => m.name === 'calls_speculations_total') as
      { values: Array<{ labels: Record<string, string>; value: number }> } | undefined;
    const specN = (o: string): number => spec?.values.find((v) => v.labels.outcome === o)?.value ?? 0;
    const prepared = specN('hit') + specN('miss');
    console.log(
      `speculative answers (speculation.ts): ${prepared} prepared, hit ${specN('hit')}, miss ${specN('miss')}` +
        (prepared ? ` (hit rate ${((100 * specN('hit')) / prepared).toFixed(1)} %)` : ''),
    );
    for (const s of ['endpointing', 'stt', 'agent', 'tts_first_audio', 'processing', 'voice_to_voice']) {
      const c = stage(s, 'count');
      console.log(
        `appliance stage ${s.padEnd(16)} mean ${c ? ((stage(s, 'sum') / c) * 1000).toFixed(0) : '-'} ms over ${c} turns`,
      );
    }
  } finally {
    await peer.stop();
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
    clearTimeout(hardStop);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
