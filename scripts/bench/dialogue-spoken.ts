/**
 * Spoken knowledge-suite benchmark (npm run bench:spoken, or npm run bench:dialogue -- --spoken):
 * 32 of the suite's questions (tune and held-out, 8 per business) spoken by four voices the
 * appliance does not use, at 8 kHz through real baresip calls over G.711 u-law to an appliance
 * whose agent was trained from the business's uploaded document (SQLite; pocketsphinx STT with
 * the per-agent bias, flite TTS). What baresip heard after each question is transcribed by
 * pocketsphinx against the call's agent sentences and judged by the suite's scorer (method:
 * appliance/agent/test/knowledge-suite/spoken.ts). Prints % answered correctly per voice, per
 * business and tune vs held-out; misses go to artifacts/dialogue-spoken-failures.txt.
 *
 *   npm run bench:spoken [-- --voices flite-awb,flite-rms] [--businesses vet,bistro] [--per-business 4]
 *   npm run bench:spoken -- --offline ...   (no calls: scripts/bench/dialogue-spoken-offline.ts)
 *
 * One call per business and voice, ~2 minutes each (16 calls: ~35 minutes on 2 cores).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { baresipSkipReason, haveBaresipModule } from '../../appliance/calls/test/helpers/baresip-call.js';
import { businessKeys, type BusinessKey } from '../../appliance/agent/test/knowledge-suite/spec.js';
import { describeFact } from '../../appliance/agent/test/knowledge-suite/scorer.js';
import {
  callerVoices,
  isHeldout,
  spokenCall,
  spokenQuestions,
  type SpokenResult,
} from '../../appliance/agent/test/knowledge-suite/spoken.js';
import { repoRoot } from '../../appliance/test/helpers/shared.js';

const args = process.argv.slice(2);
if (args.includes('--offline')) {
  // The offline proxy (no calls): scripts/bench/dialogue-spoken-offline.ts.
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repoRoot, 'scripts', 'bench', 'dialogue-spoken-offline.ts'),
      ...args.filter((a) => a !== '--offline'),
    ],
    { stdio: 'inherit' },
  );
  process.exit(r.status ?? 1);
}
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const voices = callerVoices.filter((v) => (opt('voices')?.split(',') ?? [v.name]).includes(v.name));
const businesses = businessKeys.filter((b) => (opt('businesses')?.split(',') ?? [b]).includes(b));
const perBusiness = Number(opt('per-business') ?? 8);

const skip =
  baresipSkipReason() || (!haveBaresipModule('sndfile.so') && "baresip's sndfile module is missing");
if (skip) {
  console.log(`bench:spoken skipped: ${skip}`);
  process.exit(0);
}

console.log(
  `bench:spoken  voices: ${voices.map((v) => v.name).join(', ')}; businesses: ${businesses.join(', ')}; ` +
    `${perBusiness} questions each; G.711 u-law, 8 kHz; appliance: pocketsphinx + flite (slt)`,
);
const all: SpokenResult[] = [];
const failures: string[] = [];
for (const voice of voices) {
  for (const b of businesses) {
    const qs = spokenQuestions()
      .filter((q) => q.business === b)
      .slice(0, perBusiness);
    // The businesses added later (tune-more.ts) have no spoken subset yet: no empty calls.
    if (qs.length === 0) continue;
    const started = Date.now();
    try {
      const { results } = await spokenCall(b as BusinessKey, voice, qs);
      all.push(...results);
      const ok = results.filter((r) => r.judgement.ok).length;
      console.log(
        `  ${voice.name.padEnd(16)} ${b.padEnd(8)} ${ok}/${results.length}  (${((Date.now() - started) / 1000).toFixed(0)} s)`,
      );
      for (const r of results.filter((x) => !x.judgement.ok))
        failures.push(
          `${r.question.id} [${voice.name}] ${r.judgement.verdict}: ${r.judgement.reason}\n` +
            `  Q: ${r.question.text}\n  want: ${r.question.answerable ? r.question.require.map(describeFact).join(' + ') : 'honest fallback'}\n` +
            `  appliance heard: ${r.recognised}\n  stored reply: ${r.stored}\n  caller heard: ${r.heard}`,
        );
    } catch (err) {
      console.log(
        `  ${voice.name.padEnd(16)} ${b.padEnd(8)} call failed: ${(err as Error).message.slice(0, 300)}`,
      );
      for (const q of qs) failures.push(`${q.id} [${voice.name}] call failed`);
      all.push(
        ...qs.map((q) => ({
          question: q,
          voice: voice.name,
          recognised: '',
          stored: '',
          heard: '',
          judgement: {
            verdict: 'wrong' as const,
            ok: false,
            missing: [],
            forbidden: [],
            invented: [],
            notKnowing: false,
            offer: false,
            messageTaking: false,
            reason: 'call failed',
          },
        })),
      );
    }
  }
}

const line = (name: string, rs: SpokenResult[]): string => {
  const ok = rs.filter((r) => r.judgement.ok).length;
  const inv = rs.filter((r) => r.judgement.verdict === 'invented-fact').length;
  return `  ${name.padEnd(22)} ${rs.length ? ((ok / rs.length) * 100).toFixed(1).padStart(5) : '  n/a'} % (${ok}/${rs.length})  invented ${inv}`;
};
console.log('\nspoken knowledge suite: answered correctly');
console.log('  -- per voice');
for (const v of voices)
  console.log(
    line(
      v.name,
      all.filter((r) => r.voice === v.name),
    ),
  );
console.log('  -- per business');
for (const b of businesses)
  console.log(
    line(
      b,
      all.filter((r) => r.question.business === b),
    ),
  );
console.log('  -- part');
console.log(
  line(
    'tune',
    all.filter((r) => !isHeldout(r.question)),
  ),
);
console.log(
  line(
    'held-out',
    all.filter((r) => isHeldout(r.question)),
  ),
);
console.log(line('overall', all));
const artifacts = path.join(repoRoot, 'artifacts');
mkdirSync(artifacts, { recursive: true });
writeFileSync(path.join(artifacts, 'dialogue-spoken-failures.txt'), failures.join('\n') + '\n');
console.log('  misses: artifacts/dialogue-spoken-failures.txt');
process.exit(0);
