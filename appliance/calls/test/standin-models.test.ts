/**
 * The path a customer takes with real weights, on stand-in models (random weights, the real
 * models' I/O; scripts/make-standin-models.ts): the bundle is packed as a tar, imported with the
 * real CLI (`appliance models import`), the appliance starts on that models dir and switches to
 * Whisper STT, Piper TTS, MiniLM embeddings and Silero VAD, knowledge is indexed with 384-d
 * vectors, and a real SIP/RTP call (G.711) hears the greeting and an answer synthesized by Piper
 * at 22.05 kHz and resampled to the call, while the caller's speech goes through Whisper.
 * Plumbing, not quality: the audio is noise and the transcript garbage words.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { PiperTts, splitSentences } from '../../../models/index.js';
import { packBundle, standinSources, writeStandinBundle } from '../../../models/test/standin/bundle.js';
import { WHISPER_STANDIN_WORDS } from '../../../models/test/standin/models.js';
import { decodeVector } from '../../knowledge/store.js';
import type { KnowledgeModule } from '../../knowledge/index.js';
import { startTestApi } from '../../test/helpers/app.js';
import { repoRoot, sharedModelsDir } from '../../test/helpers/shared.js';
import { startCallsApi } from './helpers/calls-api.js';
import { festivalSpeech, haveFestival, TestPeer, waitFor, type PeerCall } from './helpers/caller.js';

const sources = standinSources(sharedModelsDir());
const haveEspeak = spawnSync('sh', ['-c', 'command -v espeak-ng'], { stdio: 'ignore' }).status === 0;
if (!sources || !haveFestival() || !haveEspeak) {
  t.plan(0, 'needs ../shared/models (Piper voice config, MiniLM vocab), festival and espeak-ng');
  process.exit(0);
}

// Two appliance starts, three CLI runs and a call: generous on a loaded 2-core box.
t.setTimeout(600_000);

const work = mkdtempSync(path.join(os.tmpdir(), 'standin-e2e-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));
const modelsDir = path.join(work, 'models');

/** `appliance models …` exactly as an operator runs it (the CLI entry point, not a library call). */
function applianceCli(...args: string[]): { status: number | null; out: string; err: string } {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'appliance', 'cli.ts'), ...args],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        APPLIANCE_MODELS_DIR: modelsDir,
        APPLIANCE_DATA_DIR: path.join(work, 'cli-data'),
      },
    },
  );
  // stdout: results; stderr: progress bars and errors.
  return { status: r.status, out: r.stdout, err: r.stderr };
}

/** Seconds of received audio louder than -45 dBFS (the peer hears 16 kHz). */
function loudSeconds(pcm: readonly Int16Array[]): number {
  let n = 0;
  for (const f of pcm) {
    let acc = 0;
    for (const s of f) acc += s * s;
    if (10 * Math.log10(acc / Math.max(1, f.length) / 32768 / 32768 + 1e-12) > -45) n += f.length;
  }
  return n / 16000;
}

async function waitAgentDone(
  pc: PeerCall,
  fromIdx: number,
  quietMs: number,
  timeoutMs: number,
): Promise<boolean> {
  return waitFor(() => {
    const last = pc.heard.loudAt.at(-1);
    return pc.heard.loudAt.length > fromIdx && last !== undefined && performance.now() - last > quietMs;
  }, timeoutMs);
}

t.test('stand-in bundle: import, switch, index, call', async (t) => {
  const bundleDir = path.join(work, 'bundle');
  const tar = path.join(work, 'bundle.tar');
  writeStandinBundle(bundleDir, sources);
  packBundle(bundleDir, tar);

  const before = applianceCli('models', 'list');
  t.equal(before.status, 0, 'models list runs');
  t.notMatch(before.out, /^\s+stt\s+whisper/m, 'before: no Whisper');
  t.notMatch(before.out, /^\s+tts\s+piper/m, 'before: no Piper');

  // Before the import: the appliance runs on what Debian provides; a business uploads knowledge,
  // indexed with wink word vectors (100 dims).
  const dataDir = path.join(work, 'data');
  const appConfig = {
    dataDir,
    databaseUrl: '',
    modelsDir,
    models: {
      warmOnStart: false,
      cacheDir: path.join(os.tmpdir(), 'appliance-model-cache'),
      prefer: {},
      llm: {},
    },
  };
  const api1 = await startTestApi(t, 'sqlite', appConfig);
  const owner = await api1.register('Riverside Vets');
  t.equal(
    (await api1.call('POST', '/business/subscribe', { token: owner.token, body: { planId: 'enterprise' } }))
      .status,
    201,
  );
  const agent = await api1.call<{ id: string }>('POST', '/agents', {
    token: owner.token,
    body: {
      name: 'Riverside agent',
      greeting: 'Hello, thank you for calling Riverside Vets. How can I help you today?',
      numbers: ['2100'],
      facts: { address: '4 River Road' },
      behaviour: { silenceTimeoutMs: 20_000, maxCallDurationS: 120 },
    },
  });
  t.equal(agent.status, 201);
  const up = await api1.call('POST', '/knowledge/upload', {
    token: owner.token,
    body: {
      title: 'Prices',
      text:
        'A standard consultation costs 45 dollars. Dental cleaning for cats and dogs costs 120 dollars. ' +
        'We offer payment plans for surgery. Dr. Patel treats rabbits and guinea pigs.',
    },
  });
  t.equal(up.status, 201, 'document uploaded');
  await (api1.app.modules.knowledge as KnowledgeModule).idle();
  const chunkRows = (a: typeof api1) =>
    a.app.ctx.db.kysely
      .selectFrom('knowledge_chunks')
      .select(['vector', 'embed_model'])
      .where('business_id', '=', owner.businessId)
      .execute();
  const winkChunks = await chunkRows(api1);
  t.ok(winkChunks.length > 0, 'chunks stored');
  t.ok(
    winkChunks.every(
      (c) => c.embed_model === 'wink-sg-100d-sif' && decodeVector(c.vector ?? '').length === 100,
    ),
    'before: indexed with wink, 100 dims',
  );
  await api1.app.stop();

  // The operator imports the bundle with the CLI and restarts the appliance on the same data.
  const imp = applianceCli('models', 'import', tar);
  t.equal(imp.status, 0, 'models import exits 0', { out: imp.out, err: imp.err.slice(-2000) });
  t.match(
    imp.out,
    /installed whisper-tiny\.en\/tiny\.en-encoder\.int8\.onnx \(unverified: no known sha256; matches the bundle's SHA256SUMS\)/,
  );
  t.equal(
    imp.out.match(/matches the bundle's SHA256SUMS/g)?.length,
    sources.sileroVad ? 8 : 7,
    'every file checked',
  );
  t.match(
    imp.out,
    /installed piper-en_US-libritts_r-medium\/en_US-libritts_r-medium\.onnx\.json \(sha256 verified; matches the bundle's SHA256SUMS\)/,
  );
  t.match(imp.out, /installed all-MiniLM-L6-v2\/vocab\.txt \(sha256 verified/);
  t.match(imp.out, /installed all-MiniLM-L6-v2\/onnx\/model_quantized\.onnx/);

  const after = applianceCli('models', 'list');
  t.match(after.out, /^\s+stt\s+whisper-tiny\.en/m, 'after: Whisper is the STT engine');
  t.match(after.out, /^\s+tts\s+piper-en_US-libritts_r-medium/m, 'after: Piper is the TTS engine');
  t.match(after.out, /^\s+embeddings\s+all-MiniLM-L6-v2/m, 'after: MiniLM embeds');

  const { api, sipPort } = await startCallsApi(t, { rtpPortMin: 37000, config: appConfig });
  const peer = await TestPeer.start();
  t.teardown(() => peer.stop());

  const status = await api.call<{
    loaded: boolean;
    interfaces: Record<string, { active: string | null }>;
    installed: Array<{ name: string; state: string }>;
  }>('GET', '/models/status', { token: owner.token });
  t.equal(status.body.loaded, true, 'runtime loaded (telephony needs it)');
  t.same(
    Object.fromEntries(Object.entries(status.body.interfaces).map(([k, v]) => [k, v.active])),
    {
      vad: sources.sileroVad ? 'silero-vad' : 'energy',
      stt: 'whisper-tiny.en',
      tts: 'piper-en_US-libritts_r-medium',
      embeddings: 'all-MiniLM-L6-v2',
      llm: null,
    },
    'GET /models/status: the imported engines run',
  );
  t.ok(
    ['whisper-tiny.en', 'piper-en_US-libritts_r-medium', 'all-MiniLM-L6-v2'].every(
      (n) => status.body.installed.find((m) => m.name === n)?.state === 'installed',
    ),
    'installed models listed',
  );

  // Knowledge after the switch: the first query re-embeds the chunks with MiniLM (384 dims) and
  // stores them, so later loads (restarts, other nodes) do not re-embed again.
  const q = await api.call<{ items: unknown[] }>('POST', '/knowledge/query', {
    token: owner.token,
    body: { query: 'how much is a dental cleaning', k: 3 },
  });
  t.equal(q.status, 200);
  t.ok(q.body.items.length > 0, 'hybrid query answers');
  const miniChunks = await chunkRows(api);
  t.equal(miniChunks.length, winkChunks.length);
  t.ok(
    miniChunks.every(
      (c) => c.embed_model === 'all-MiniLM-L6-v2' && decodeVector(c.vector ?? '').length === 384,
    ),
    'after: every chunk re-embedded by MiniLM (384 dims) and saved',
  );
  const up2 = await api.call('POST', '/knowledge/upload', {
    token: owner.token,
    body: { title: 'Hours', text: 'We are open Monday to Friday from 8 am to 6 pm and Saturday mornings.' },
  });
  t.equal(up2.status, 201, 'second document uploaded');
  await (api.app.modules.knowledge as KnowledgeModule).idle();
  t.ok(
    (await chunkRows(api)).every(
      (c) => c.embed_model === 'all-MiniLM-L6-v2' && decodeVector(c.vector ?? '').length === 384,
    ),
    'new knowledge indexed with MiniLM, 384 dims',
  );
  t.equal((await api.call('POST', `/agents/${agent.body.id}/train`, { token: owner.token })).status, 202);
  await api.app.trainer.idle();

  // The call: greeting from Piper, a spoken question through Whisper, an answer from Piper.
  const pc = await peer.dial('2100', sipPort);
  t.teardown(() => (pc.call.state === 'ended' ? undefined : pc.call.hangup()));
  t.ok(await waitAgentDone(pc, 0, 800, 30_000), 'greeting heard');
  const greetingHeard = loudSeconds(pc.heard.pcm);
  const before2 = pc.heard.pcm.length;
  const loudBefore = pc.heard.loudAt.length;
  pc.media.play(festivalSpeech('What are your opening hours?'), 16000);
  t.ok(await waitAgentDone(pc, loudBefore + 5, 1500, 30_000), 'answer heard');
  const answerHeard = loudSeconds(pc.heard.pcm.slice(before2));
  await pc.call.hangup();
  await waitFor(
    () => (api.app.modules.calls as { manager?: { activeCount: number } }).manager?.activeCount === 0,
    5000,
  );

  const list = await api.call<{ items: Array<{ id: string }> }>('GET', '/conversations', {
    token: owner.token,
  });
  const detail = await api.call<{ turns: Array<{ speaker: string; text: string }> }>(
    'GET',
    `/conversations/${list.body.items[0]?.id}`,
    { token: owner.token },
  );
  const turns = detail.body.turns;
  const greeting = turns.find((x) => x.speaker === 'agent')?.text ?? '';
  const caller = turns.find((x) => x.speaker === 'caller')?.text ?? '';
  t.ok(
    turns.findIndex(
      (x) => x.speaker === 'agent' && turns.indexOf(x) > turns.findIndex((y) => y.speaker === 'caller'),
    ) > 0,
    'the agent answered the caller turn',
  );
  const vocab = new Set(WHISPER_STANDIN_WORDS.map((w) => w.toLowerCase()));
  const words = caller.toLowerCase().match(/[a-z]+/g) ?? [];
  t.ok(
    words.length > 0 && words.every((w) => vocab.has(w)),
    `caller turn transcribed by the stand-in Whisper (its vocabulary only): "${caller}"`,
  );

  // Piper at 22.05 kHz, resampled to the 8 kHz call: the heard greeting lasts as long as Piper's
  // samples at 22 050 Hz say (a wrong rate would stretch it by 1.38x or more).
  const tts = await PiperTts.load({ modelsDir });
  t.teardown(() => tts.close());
  let samples = 0;
  for (const s of splitSentences(greeting)) samples += (await tts.synthesize(s)).pcm.length;
  const expected = samples / tts.sampleRateHz;
  t.ok(
    Math.abs(greetingHeard - expected) / expected < 0.15,
    `greeting heard for ${greetingHeard.toFixed(2)} s, Piper made ${expected.toFixed(2)} s`,
  );
  t.ok(answerHeard > 0.5, `answer audio heard (${answerHeard.toFixed(2)} s)`);

  const metrics = await (await fetch(`${api.baseUrl}/metrics`)).text();
  const count = (kind: string, engine: string): number =>
    Number(
      metrics.match(
        new RegExp(`models_request_latency_seconds_count\\{kind="${kind}",engine="${engine}"\\} (\\d+)`),
      )?.[1] ?? 0,
    );
  t.ok(count('stt', 'whisper-tiny.en') >= 1, 'Whisper decoded the caller (models_request_latency_seconds)');
  t.ok(count('tts', 'piper-en_US-libritts_r-medium') >= 2, 'Piper synthesized greeting and answer');
  t.notMatch(
    metrics,
    /models_request_errors_total\{kind="(stt|tts)",engine="(whisper|piper)[^"]*"\} [1-9]/,
    'no engine errors',
  );
});
