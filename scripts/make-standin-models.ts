/**
 * Writes an import bundle of stand-in models (models/test/standin: random weights, the real
 * models' I/O; their output is noise) laid out as a customer's bundle, optionally as a tar:
 *
 *   npx tsx scripts/make-standin-models.ts <outDir> [--tar bundle.tar] [--shared ../shared/models]
 *   node dist/appliance/cli.js models import bundle.tar
 */
import path from 'node:path';
import { packBundle, standinSources, writeStandinBundle } from '../models/test/standin/bundle.js';

function main(argv: string[]): number {
  const out = argv[0];
  const opt = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (!out || out.startsWith('--')) {
    console.error('usage: make-standin-models.ts <outDir> [--tar bundle.tar] [--shared <models dir>]');
    return 2;
  }
  const shared = opt('--shared') ?? path.resolve(import.meta.dirname, '..', '..', 'shared', 'models');
  const src = standinSources(shared);
  if (!src) {
    console.error(`the real Piper voice config and MiniLM vocab.txt are needed under ${shared}`);
    return 1;
  }
  const files = writeStandinBundle(out, src);
  for (const f of files) console.log(f);
  const tar = opt('--tar');
  if (tar) {
    packBundle(out, tar);
    console.log(`packed ${tar}`);
  }
  return 0;
}

process.exit(main(process.argv.slice(2)));
