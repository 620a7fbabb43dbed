/**
 * `npm run build`'s native step: without the pocketsphinx build dependencies it says what is
 * missing and exits 0 (the TypeScript build goes on); with them it builds the helper.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = path.join(root, 'scripts', 'build-native.sh');

t.test('missing pkg-config libraries: a clear message, exit 0', async (t) => {
  // pkg-config finds no .pc files at all, as on a box without the -dev packages.
  const r = spawnSync('sh', [script], {
    env: { ...process.env, PKG_CONFIG_LIBDIR: '/nonexistent', PKG_CONFIG_PATH: '' },
    encoding: 'utf8',
  });
  t.equal(r.status, 0, 'the build goes on');
  t.match(r.stderr, /NOT building the pocketsphinx STT helper/);
  t.match(r.stderr, /libpocketsphinx-dev/, 'names what to install');
  t.match(r.stderr, /degraded/, 'and what it means');
});

const haveDeps =
  spawnSync('sh', ['-c', 'command -v gcc && pkg-config --exists pocketsphinx sphinxbase'], {
    stdio: 'ignore',
  }).status === 0;

t.test(
  'with the build dependencies: the helper is built',
  { skip: !haveDeps && 'no gcc/pocketsphinx-dev' },
  async (t) => {
    const r = spawnSync('sh', [script], { encoding: 'utf8' });
    t.equal(r.status, 0, r.stderr);
    t.ok(existsSync(path.join(root, 'models', 'native', 'build', 'ps_helper')));
  },
);
