import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repo root (this file is appliance/test/helpers/shared.ts). */
export const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');

/** Test data beside the repo (`../shared`), or APPLIANCE_SHARED_DIR. */
export const sharedDir = (): string =>
  process.env.APPLIANCE_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');

/** Model files for tests: ../shared/models when present, else an empty temp-like dir name. */
export function sharedModelsDir(): string {
  const dir = path.join(sharedDir(), 'models');
  return existsSync(dir) ? dir : path.join(repoRoot, 'models-data');
}
