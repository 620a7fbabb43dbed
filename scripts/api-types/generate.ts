/**
 * `npm run gen:api-types`: boots the appliance on a throw-away SQLite directory (HTTP on an
 * ephemeral loopback port, SIP and model warm-up off), reads its OpenAPI document and writes the
 * admin UI's API types (admin/src/api/generated.ts). `--check` only compares and exits 1 when
 * the committed file is stale.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAppliance } from '../../appliance/app.js';
import { loadConfig } from '../../appliance/config/index.js';
import { createLogger } from '../../appliance/log.js';
import { openApiToTs } from './to-typescript.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const generatedFile = path.join(repo, 'admin', 'src', 'api', 'generated.ts');

/** The OpenAPI document of this checkout's routes, from a real (temporary) appliance. */
export async function fetchOpenApi(): Promise<Record<string, unknown>> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'api-types-'));
  const config = loadConfig(
    {},
    {
      tls: { mode: 'off' }, // plain HTTP on loopback
      dataDir,
      logLevel: 'silent',
      models: { warmOnStart: false, prefer: {}, llm: {} },
      sip: { enabled: false, port: 0, bindAddress: '127.0.0.1', publicAddress: '127.0.0.1', allowFrom: [] },
      http: { port: 0, bindAddress: '127.0.0.1' },
    },
  );
  const app = await startAppliance(config, { log: createLogger('silent') });
  try {
    const res = await fetch(`http://127.0.0.1:${app.httpPort}/api/v1/openapi.json`);
    if (!res.ok) throw new Error(`openapi.json: HTTP ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  } finally {
    await app.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function generatedSource(): Promise<string> {
  return openApiToTs(await fetchOpenApi(), 'scripts/api-types/generate.ts');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const next = await generatedSource();
  const current = await readFile(generatedFile, 'utf8').catch(() => '');
  if (check) {
    if (current !== next) {
      process.stderr.write('admin/src/api/generated.ts is stale: run npm run gen:api-types\n');
      process.exit(1);
    }
    process.stdout.write('admin/src/api/generated.ts is up to date\n');
  } else if (current !== next) {
    await writeFile(generatedFile, next);
    process.stdout.write(`wrote ${path.relative(repo, generatedFile)}\n`);
  } else process.stdout.write('admin/src/api/generated.ts unchanged\n');
}
