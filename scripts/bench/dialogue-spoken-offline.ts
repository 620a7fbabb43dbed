/**
 * Offline proxy of the spoken suite (npm run bench:spoken -- --offline): no calls, minutes
 * instead of half an hour. Each question is synthesized by the caller voices, put through G.711
 * u-law at 8 kHz, heard by the call path's VAD, utterance parts, STT port (the agent's
 * interpolated model, same engine options) and heard-term mapper, and the transcript asked
 * through the chat API (method: appliance/agent/test/knowledge-suite/spoken-offline.ts). Prints
 * per voice and part: WER of the question transcript, % answered correctly from the transcript,
 * and % answered correctly from the exact text (the ceiling), so STT loss and answer loss are
 * apart. Held-out questions are reported as aggregates only; tune misses go to
 * artifacts/dialogue-spoken-offline-failures.txt.
 *
 *   npm run bench:spoken -- --offline [--voices flite-awb,...] [--businesses vet,...]
 *     [--part tune|heldout|both] [--subset]   (--subset: only the 32 questions the call bench asks)
 *
 * SQLite; models from APPLIANCE_MODELS_DIR, else ../shared/models (Silero VAD, pocketsphinx).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAppliance } from '../../appliance/app.js';
import { loadConfig } from '../../appliance/config/index.js';
import { createLogger } from '../../appliance/log.js';
import { suiteBusinesses } from '../../appliance/agent/test/knowledge-suite/businesses.js';
import { allQuestions, setUpBusiness } from '../../appliance/agent/test/knowledge-suite/runner.js';
import { describeFact } from '../../appliance/agent/test/knowledge-suite/scorer.js';
import { callerVoices, spokenIds } from '../../appliance/agent/test/knowledge-suite/spoken.js';
import {
  askAs,
  callEar,
  offlineVoice,
  withApiKey,
  type OfflineResult,
} from '../../appliance/agent/test/knowledge-suite/spoken-offline.js';
import { repoRoot, sharedModelsDir } from '../../appliance/test/helpers/shared.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const voices = callerVoices.filter((v) => (opt('voices')?.split(',') ?? [v.name]).includes(v.name));
const businesses = suiteBusinesses.filter((b) => (opt('businesses')?.split(',') ?? [b.key]).includes(b.key));
const partArg = opt('part') ?? 'both';
const subset = args.includes('--subset');
const questions = allQuestions.filter(
  (x) =>
    (partArg === 'both' || x.part === partArg) &&
    businesses.some((b) => b.key === x.question.business) &&
    (!subset || spokenIds.includes(x.question.id)),
);
const partOf = new Map(questions.map((x) => [x.question.id, x.part]));

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-spoken-offline-'));
const config = loadConfig(
  {},
  {
    tls: { mode: 'off' },
    dataDir,
    logLevel: 'silent',
    modelsDir: process.env.APPLIANCE_MODELS_DIR ?? sharedModelsDir(),
    models: {
      warmOnStart: false,
      cacheDir: process.env.APPLIANCE_MODEL_CACHE_DIR ?? path.join(os.tmpdir(), 'appliance-model-cache'),
      prefer: {},
      llm: {},
      ...(process.env.APPLIANCE_PS_HELPER ? { pocketsphinxHelper: process.env.APPLIANCE_PS_HELPER } : {}),
    },
    sip: { enabled: false, port: 0, bindAddress: '127.0.0.1', publicAddress: '127.0.0.1', allowFrom: [] },
    http: { port: 0, bindAddress: '127.0.0.1', unsubscribedRatePerS: 10_000, publicRatePerS: 10_000 },
  },
);
console.log(
  `bench:spoken --offline  voices: ${voices.map((v) => v.name).join(', ')}; businesses: ${businesses
    .map((b) => b.key)
    .join(', ')}; ${questions.length} questions (${partArg}${subset ? ', call subset' : ''}); ` +
    `G.711 u-law 8 kHz -> call VAD + pocketsphinx (agent LM) + heard-term mapper -> chat API`,
);
const app = await startAppliance(config, { log: createLogger('silent') });
const results: OfflineResult[] = [];
const ceiling = new Map<string, boolean>();
const started = performance.now();
try {
  const baseUrl = `http://127.0.0.1:${app.httpPort}`;
  const rt = await app.ctx.models.runtime();
  const st = rt.status().interfaces;
  console.log(`  engines: vad ${st.vad.active ?? 'none'}, stt ${st.stt.active ?? 'none'}`);
  await Promise.all(
    businesses.map(async (b) => {
      const agent = await withApiKey(baseUrl, await setUpBusiness(baseUrl, b));
      const qs = questions.filter((x) => x.question.business === b.key).map((x) => x.question);
      for (const q of qs) ceiling.set(q.id, (await askAs(baseUrl, agent, q, q.text)).judgement.ok);
      const ear = await callEar(app, agent);
      for (const v of voices) {
        const rs = await offlineVoice(baseUrl, agent, ear, v, qs);
        results.push(...rs);
        const ok = rs.filter((r) => r.judgement.ok).length;
        console.log(
          `  ${b.key.padEnd(8)} ${v.name.padEnd(16)} ${ok}/${rs.length} spoken (${((performance.now() - started) / 1000).toFixed(0)} s)`,
        );
      }
    }),
  );
} finally {
  await app.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

const pct = (n: number, d: number): string => (d ? ((n / d) * 100).toFixed(1).padStart(5) : '  n/a');
const line = (name: string, rs: OfflineResult[]): string => {
  let errors = 0;
  let words = 0;
  for (const r of rs) {
    errors += r.wer.errors;
    words += r.wer.words;
  }
  const ok = rs.filter((r) => r.judgement.ok).length;
  const top = rs.filter((r) => ceiling.get(r.question.id)).length;
  const inv = rs.filter((r) => r.judgement.verdict === 'invented-fact').length;
  const failed = rs.reduce((n, r) => n + r.heard.failed, 0);
  return (
    `  ${name.padEnd(18)} WER ${pct(errors, words)} %   spoken ${pct(ok, rs.length)} % (${ok}/${rs.length})` +
    `   exact text ${pct(top, rs.length)} %   invented ${inv}${failed ? `   STT errors ${failed}` : ''}`
  );
};
const parts = (['tune', 'heldout'] as const).filter((p) => partArg === 'both' || partArg === p);
for (const p of parts) {
  const rs = results.filter((r) => partOf.get(r.question.id) === p);
  console.log(`\n${p === 'tune' ? 'tune' : 'held-out (aggregate only)'}: ${rs.length} spoken questions`);
  for (const v of voices)
    console.log(
      line(
        v.name,
        rs.filter((r) => r.voice === v.name),
      ),
    );
  console.log(line('all voices', rs));
}
console.log(`  (${((performance.now() - started) / 1000).toFixed(0)} s incl. set-up)`);

// Misses of the tune part only: the held-out questions are not to be read.
const misses = results
  .filter((r) => partOf.get(r.question.id) === 'tune' && !r.judgement.ok)
  .map(
    (r) =>
      `${r.question.id} [${r.voice}] ${r.judgement.verdict}${ceiling.get(r.question.id) ? '' : ' (text also wrong)'}: ${r.judgement.reason}\n` +
      `  Q: ${r.question.text}\n  want: ${r.question.answerable ? r.question.require.map(describeFact).join(' + ') : 'honest fallback'}\n` +
      `  heard: ${r.heard.raw}${r.heard.text !== r.heard.raw ? `\n  mapped: ${r.heard.text}` : ''}${r.heard.utterances > 1 ? `  (${r.heard.utterances} utterances)` : ''}\n` +
      `  reply: ${r.reply}`,
  );
const artifacts = path.join(repoRoot, 'artifacts');
mkdirSync(artifacts, { recursive: true });
writeFileSync(path.join(artifacts, 'dialogue-spoken-offline-failures.txt'), misses.join('\n') + '\n');
writeFileSync(
  path.join(artifacts, 'dialogue-spoken-offline-tune.json'),
  JSON.stringify(
    results
      .filter((r) => partOf.get(r.question.id) === 'tune')
      .map((r) => ({
        id: r.question.id,
        voice: r.voice,
        q: r.question.text,
        raw: r.heard.raw,
        text: r.heard.text,
        wer: r.wer.words ? r.wer.errors / r.wer.words : 0,
        ok: r.judgement.ok,
        textOk: ceiling.get(r.question.id),
      })),
    null,
    1,
  ),
);
console.log('  tune misses: artifacts/dialogue-spoken-offline-failures.txt');
process.exit(0);
