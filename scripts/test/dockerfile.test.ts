/**
 * The cheap half of the image check (npm run verify:image builds and runs it for real): the
 * Dockerfile's base is one build argument defaulting to the official Node 20 bookworm image, its
 * build context carries what the build copies and none of this host's build outputs, and the image,
 * the systemd unit and the configuration agree on the data directory and the ports.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { loadConfig } from '../../appliance/config/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (f: string) => readFileSync(path.join(root, f), 'utf8');
/** Instructions, continuation lines joined, comments and blank lines dropped. */
const instructions = read('Dockerfile')
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const ignored = read('.dockerignore')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

t.test('every stage starts from the BASE argument, Node 20 bookworm by default', async (t) => {
  t.equal(instructions[0], 'ARG BASE=node:20-bookworm-slim', 'declared before the first FROM');
  const froms = instructions.filter((l) => /^FROM\s/i.test(l));
  t.ok(froms.length >= 2);
  for (const f of froms) t.match(f, /^FROM \$\{BASE\}( AS \w+)?$/, f);
});

t.test('the build context has what COPY takes and none of the host build outputs', async (t) => {
  for (const l of instructions.filter((i) => /^COPY\s/.test(i) && !i.includes('--from='))) {
    const srcs = l.split(/\s+/).slice(1, -1);
    for (const s of srcs.filter((x) => x !== '.')) {
      t.ok(existsSync(path.join(root, s)), `${s} exists`);
      t.notOk(ignored.includes(s), `${s} is not in .dockerignore`);
    }
  }
  // Native addons and the pocketsphinx helper built here would be copied over the image's own.
  for (const p of ['node_modules', 'dist', 'models/native/build', 'data', '.git'])
    t.ok(ignored.includes(p), p);
});

t.test('image, systemd unit and configuration agree', async (t) => {
  const env = (name: string) => new RegExp(`${name}=(\\S+)`).exec(instructions.join(' '))?.[1];
  const unit = read('systemd/appliance.service');
  const dataDir = env('APPLIANCE_DATA_DIR');
  t.equal(dataDir, '/var/lib/appliance');
  t.ok(instructions.includes(`VOLUME ${dataDir}`), 'the data directory is the volume');
  t.match(unit, `Environment=APPLIANCE_DATA_DIR=${dataDir}`);
  t.match(unit, `Environment=APPLIANCE_MODELS_DIR=${env('APPLIANCE_MODELS_DIR')}`);
  t.match(unit, `ReadWritePaths=${dataDir}`);

  const c = loadConfig({});
  const expose = instructions.find((l) => l.startsWith('EXPOSE ')) ?? '';
  t.match(expose, `${c.http.port}/tcp`);
  t.match(expose, `${c.sip.port}/udp`);
  t.match(expose, `${c.sip.port}/tcp`);
  t.match(expose, `${c.rtp.portMin}-${c.rtp.portMax}/udp`);
  t.match(instructions.join('\n'), /^CMD \["node", "dist\/appliance\/main\.js"\]$/m);
  t.match(unit, /ExecStart=\/usr\/bin\/node \/opt\/appliance\/dist\/appliance\/main\.js/);
});
