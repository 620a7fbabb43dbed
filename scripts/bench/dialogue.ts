/**
 * Knowledge-suite benchmark (npm run bench:dialogue): how well an agent answers callers from
 * its business's uploaded documents only (issue 21). Seven businesses (HTML page, PDF, DOCX,
 * text FAQ), 300 questions (201 tune, 99 held out), asked through the chat API of a real
 * appliance on SQLite and on a throw-away PostgreSQL cluster, judged by the suite's scorer
 * (appliance/agent/test/knowledge-suite/). Prints overall, paraphrase, invented facts, honest
 * fallback, and breakdowns per part, business, question type and failure class.
 *
 *   npm run bench:dialogue [-- --dialect sqlite|postgres|both] [--failures] [--spoken]
 *
 * --failures prints every miss (question, reply, verdict); they are always written to
 * artifacts/dialogue-failures-<dialect>.txt, the raw results to artifacts/dialogue-<dialect>.json.
 * --spoken runs the spoken harness instead (scripts/bench/dialogue-spoken.ts).
 * Models: APPLIANCE_MODELS_DIR, else ../shared/models as the tests use.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAppliance } from '../../appliance/app.js';
import { loadConfig } from '../../appliance/config/index.js';
import { createLogger } from '../../appliance/log.js';
import { formatFailures, formatSummary } from '../../appliance/agent/test/knowledge-suite/report.js';
import { allQuestions, probeRun, runSuite } from '../../appliance/agent/test/knowledge-suite/runner.js';
import { postgresBinDir, startPostgres, type PgCluster } from '../../appliance/test/helpers/postgres.js';
import { repoRoot, sharedModelsDir } from '../../appliance/test/helpers/shared.js';

const args = process.argv.slice(2);
if (args.includes('--spoken')) {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repoRoot, 'scripts', 'bench', 'dialogue-spoken.ts'),
      ...args.filter((a) => a !== '--spoken'),
    ],
    { stdio: 'inherit' },
  );
  process.exit(r.status ?? 1);
}
const dialectArg = args[args.indexOf('--dialect') + 1] ?? 'both';
const dialectChoice = args.includes('--dialect') ? dialectArg : 'both';
const showFailures = args.includes('--failures');
const artifacts = path.join(repoRoot, 'artifacts');
mkdirSync(artifacts, { recursive: true });

async function runDialect(dialect: 'sqlite' | 'postgres'): Promise<void> {
  let cluster: PgCluster | undefined;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-dialogue-'));
  try {
    let databaseUrl = '';
    if (dialect === 'postgres') {
      cluster = await startPostgres();
      databaseUrl = await cluster.createDatabase('bench_dialogue');
    }
    const config = loadConfig(
      {},
      {
        tls: { mode: 'off' }, // plain HTTP on loopback
        dataDir,
        databaseUrl,
        logLevel: 'silent',
        modelsDir: process.env.APPLIANCE_MODELS_DIR ?? sharedModelsDir(),
        models: {
          warmOnStart: false,
          cacheDir: process.env.APPLIANCE_MODEL_CACHE_DIR ?? path.join(os.tmpdir(), 'appliance-model-cache'),
          prefer: {},
          llm: {},
        },
        sip: {
          enabled: false,
          port: 0,
          bindAddress: '127.0.0.1',
          publicAddress: '127.0.0.1',
          allowFrom: [],
          maxConcurrentCalls: 1,
        },
        http: {
          port: 0,
          bindAddress: '127.0.0.1',
          shutdownGraceMs: 1000,
          unsubscribedRatePerS: 10_000,
          publicRatePerS: 10_000,
        },
      },
    );
    const app = await startAppliance(config, { log: createLogger('silent') });
    try {
      const started = performance.now();
      const results = await runSuite(`http://127.0.0.1:${app.httpPort}`, [...allQuestions, ...probeRun]);
      const s = ((performance.now() - started) / 1000).toFixed(1);
      const ms = results.map((r) => r.ms).sort((a, b) => a - b);
      console.log(`\n${formatSummary(dialect, results)}`);
      console.log(
        `  (${s} s incl. set-up; chat round trip p50 ${ms[Math.floor(ms.length / 2)]?.toFixed(0)} ms, max ${ms.at(-1)?.toFixed(0)} ms)`,
      );
      const failures = formatFailures(results);
      writeFileSync(path.join(artifacts, `dialogue-failures-${dialect}.txt`), failures + '\n');
      writeFileSync(
        path.join(artifacts, `dialogue-${dialect}.json`),
        JSON.stringify(
          results.map((r) => ({
            id: r.question.id,
            part: r.part,
            question: r.question.text,
            reply: r.reply,
            intent: r.intent,
            actions: r.actions,
            verdict: r.judgement.verdict,
            ok: r.judgement.ok,
            reason: r.judgement.reason,
          })),
          null,
          1,
        ),
      );
      if (showFailures) console.log(`\nmisses [${dialect}]:\n${failures}`);
      else console.log(`  misses: artifacts/dialogue-failures-${dialect}.txt (or --failures)`);
    } finally {
      await app.stop();
    }
  } finally {
    await cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`bench:dialogue  models: ${process.env.APPLIANCE_MODELS_DIR ?? sharedModelsDir()}, no LLM`);
const dialects: ('sqlite' | 'postgres')[] =
  dialectChoice === 'both' ? ['sqlite', 'postgres'] : [dialectChoice as 'sqlite' | 'postgres'];
for (const d of dialects) {
  if (d === 'postgres' && !postgresBinDir()) {
    console.log('\n[postgres] skipped: no PostgreSQL server binaries installed');
    continue;
  }
  await runDialect(d);
}
process.exit(0);
