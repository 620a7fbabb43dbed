import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const sharedDir = process.env.APPLIANCE_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');
export const tortureDir = path.join(sharedDir, 'conformance', 'sip-torture');
export const fixturesDir = path.join(repoRoot, 'sip', 'test', 'fixtures');
