/**
 * `npm run gen:sdk`: reads this checkout's OpenAPI document (the same throw-away in-process
 * appliance as `gen:api-types`: SQLite in a temp dir, HTTP on an ephemeral loopback port, SIP and
 * model warm-up off) and writes the generated files of the TypeScript, Python and Java SDKs under
 * sdk/. `--check` only compares and exits 1 when a checked-in file is stale; `--out <dir>` writes
 * below another root (the drift test generates into a temp dir).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { fetchOpenApi } from '../api-types/generate.js';
import { javaSdk } from './java.js';
import { sdkModel, type Json } from './model.js';
import { pythonSdk } from './python.js';
import { typescriptSdk } from './typescript.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every generated file by path below the repository root; TypeScript formatted as the repo's prettier. */
export async function sdkFiles(doc: Json): Promise<Map<string, string>> {
  const model = sdkModel(doc);
  const files = new Map([...typescriptSdk(model), ...pythonSdk(model), ...javaSdk(model)]);
  const options = (await prettier.resolveConfig(path.join(repoRoot, 'package.json'))) ?? {};
  for (const [rel, text] of files) {
    if (rel.endsWith('.ts'))
      files.set(rel, await prettier.format(text, { ...options, parser: 'typescript' }));
  }
  return files;
}

/** Writes the files below `root`; returns the paths whose content changed. */
export async function writeSdkFiles(files: Map<string, string>, root: string): Promise<string[]> {
  const changed: string[] = [];
  for (const [rel, text] of files) {
    const file = path.join(root, rel);
    if ((await readFile(file, 'utf8').catch(() => null)) === text) continue;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    changed.push(rel);
  }
  return changed;
}

/** Paths whose checked-in content under `root` differs from `files`. */
export async function staleSdkFiles(files: Map<string, string>, root: string): Promise<string[]> {
  const stale: string[] = [];
  for (const [rel, text] of files) {
    if ((await readFile(path.join(root, rel), 'utf8').catch(() => null)) !== text) stale.push(rel);
  }
  return stale;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = await sdkFiles(await fetchOpenApi());
  const outAt = process.argv.indexOf('--out');
  const root = outAt > 0 ? path.resolve(process.argv[outAt + 1] ?? '.') : repoRoot;
  if (process.argv.includes('--check')) {
    const stale = await staleSdkFiles(files, root);
    if (stale.length > 0) {
      process.stderr.write(`stale SDK files (run npm run gen:sdk): ${stale.join(', ')}\n`);
      process.exit(1);
    }
    process.stdout.write(`SDKs up to date (${files.size} generated files)\n`);
  } else {
    const changed = await writeSdkFiles(files, root);
    for (const rel of changed) process.stdout.write(`wrote ${rel}\n`);
    if (changed.length === 0) process.stdout.write('SDKs unchanged\n');
  }
}
