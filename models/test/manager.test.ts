import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { runModelsCli } from '../manager/cli.js';
import { progressBar } from '../manager/files.js';
import { ModelManager } from '../manager/manager.js';
import { MODEL_MANIFEST, type ModelEntry } from '../manager/manifest.js';
import { sharedModelsDir } from './helpers.js';

const payload = Buffer.alloc(300_000).map((_, i) => (i * 7919) % 251);
const sha = createHash('sha256').update(payload).digest('hex');
const other = Buffer.from('unpinned file contents');

function manifest(): ModelEntry[] {
  return [
    {
      name: 'tiny-test',
      kind: 'vad',
      engine: 'test',
      files: [
        {
          path: 'tiny/weights.bin',
          sizeBytes: payload.length,
          sha256: sha,
          url: 'http://placeholder/weights.bin',
        },
        { path: 'tiny/notes.txt', sha256: 'unknown', url: 'http://placeholder/notes.txt' },
      ],
      upstream: 'test',
      license: 'MIT',
    },
  ];
}

function tmp(t: { teardown: (fn: () => void) => void }): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'models-mgr-'));
  t.teardown(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

t.test('pull: resumes after a dropped connection and verifies sha256', async (t) => {
  let requests = 0;
  const ranges: string[] = [];
  const srv = http.createServer((req, res) => {
    requests++;
    if (req.url === '/notes.txt') return void res.end(other);
    const range = req.headers.range;
    if (range) ranges.push(range);
    const start = range ? Number(/bytes=(\d+)-/.exec(range)?.[1] ?? 0) : 0;
    const body = payload.subarray(start);
    res.writeHead(range ? 206 : 200, {
      'content-length': body.length,
      ...(range ? { 'content-range': `bytes ${start}-${payload.length - 1}/${payload.length}` } : {}),
    });
    if (requests === 1) {
      // First attempt: send 100 kB, then drop the connection.
      res.write(body.subarray(0, 100_000), () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    res.end(body);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  t.teardown(() => new Promise<void>((r) => srv.close(() => r())));
  const base = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  const dir = tmp(t);
  const mgr = new ModelManager({ modelsDir: dir, manifest: manifest() });
  const progress: number[] = [];
  const report = await mgr.pull('tiny-test', {
    urlFor: (f) => `${base}/${path.basename(f.path)}`,
    onProgress: (p) => progress.push(p.doneBytes),
  });
  t.same(report.rejected, []);
  t.same(
    report.installed.map((i) => [i.path, i.verified]),
    [
      ['tiny/weights.bin', true],
      ['tiny/notes.txt', false],
    ],
  );
  t.ok(
    ranges.some((r) => /^bytes=\d+-$/.test(r) && Number(/\d+/.exec(r)?.[0]) > 0),
    `resumed with ${ranges.join(',')}`,
  );
  t.ok(readFileSync(path.join(dir, 'tiny/weights.bin')).equals(payload), 'file intact');
  t.ok(progress.length > 0 && Math.max(...progress) === payload.length, 'progress reported to the end');
  t.notOk(existsSync(path.join(dir, 'tiny/weights.bin.part')), 'no .part left');
  const list = await mgr.list();
  t.equal(list[0]?.state, 'installed');
  t.equal(list[0]?.verified, false, 'one file has no pin: model is unverified');
  await t.rejects(mgr.pull('nope'), { code: 'bad-input' });
});

t.test('pull: checksum mismatch is rejected', async (t) => {
  const srv = http.createServer((req, res) => res.end(Buffer.alloc(payload.length, 1)));
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  t.teardown(() => new Promise<void>((r) => srv.close(() => r())));
  const base = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  const dir = tmp(t);
  const mgr = new ModelManager({ modelsDir: dir, manifest: manifest() });
  const r = await mgr.pull('tiny-test', { urlFor: (f) => `${base}/${path.basename(f.path)}` });
  t.match(r.rejected[0]?.reason ?? '', /sha256/);
  t.notOk(existsSync(path.join(dir, 'tiny/weights.bin')), 'nothing installed under the real name');
});

t.test('importBundle: tar and directory, corrupt files rejected, list states', async (t) => {
  const work = tmp(t);
  const bundle = path.join(work, 'bundle');
  mkdirSync(path.join(bundle, 'nested'), { recursive: true });
  writeFileSync(path.join(bundle, 'nested', 'weights.bin'), payload); // matched by file name
  writeFileSync(path.join(bundle, 'notes.txt'), other);
  writeFileSync(path.join(bundle, 'unrelated.dat'), 'ignored');
  const tarFile = path.join(work, 'bundle.tar.gz');
  execFileSync('tar', ['-czf', tarFile, '-C', bundle, '.']);
  const dir = path.join(work, 'models');
  const mgr = new ModelManager({ modelsDir: dir, manifest: manifest() });
  t.equal((await mgr.list())[0]?.state, 'missing');
  const progress: string[] = [];
  const r = await mgr.importBundle(tarFile, { onProgress: (p) => progress.push(p.file) });
  t.same(
    r.installed.map((i) => [i.path, i.verified]),
    [
      ['tiny/weights.bin', true],
      ['tiny/notes.txt', false],
    ],
  );
  t.ok(progress.length > 0);
  const st = await mgr.list();
  t.equal(st[0]?.state, 'installed');
  // Corrupt the installed file: list says so, and a corrupt bundle is refused.
  writeFileSync(path.join(dir, 'tiny/weights.bin'), Buffer.alloc(payload.length, 9));
  t.equal((await mgr.list())[0]?.state, 'corrupt');
  writeFileSync(path.join(bundle, 'nested', 'weights.bin'), Buffer.alloc(payload.length, 3));
  const bad = await mgr.importBundle(bundle);
  t.match(bad.rejected[0]?.reason ?? '', /sha256/);
  await t.rejects(mgr.importBundle(path.join(work, 'missing.tar')), { code: 'bad-input' });
  writeFileSync(path.join(work, 'junk.tar'), 'not a tar');
  await t.rejects(mgr.importBundle(path.join(work, 'junk.tar')), { code: 'bad-input' });
});

t.test(
  "importBundle: the bundle's SHA256SUMS rejects a damaged unpinned file, keeping the installed one",
  async (t) => {
    const work = tmp(t);
    const bundle = path.join(work, 'bundle');
    mkdirSync(path.join(bundle, 'tiny'), { recursive: true });
    const notes = Buffer.from('notes v2, as shipped');
    writeFileSync(path.join(bundle, 'tiny', 'notes.txt'), notes);
    const sum = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
    writeFileSync(
      path.join(bundle, 'SHA256SUMS'),
      `${sum(notes)}  ./tiny/notes.txt\n${sum(payload)}  tiny/weights.bin\n`,
    );
    const dir = path.join(work, 'models');
    const mgr = new ModelManager({ modelsDir: dir, manifest: manifest() });
    const ok = await mgr.importBundle(bundle);
    t.same(ok.installed, [{ model: 'tiny-test', path: 'tiny/notes.txt', verified: false, bundleSum: true }]);
    // The same bundle damaged on the way (a byte flipped): refused, the working copy stays.
    const damaged = Buffer.from(notes);
    damaged[0] = 0x4e;
    writeFileSync(path.join(bundle, 'tiny', 'notes.txt'), damaged);
    const bad = await mgr.importBundle(bundle);
    t.same(bad.installed, []);
    t.match(bad.rejected[0]?.reason ?? '', /SHA256SUMS/);
    t.ok(readFileSync(path.join(dir, 'tiny', 'notes.txt')).equals(notes), 'installed copy untouched');
    // The CLI (real manifest) says which file and why, exits 1 and installs nothing.
    const b2 = path.join(work, 'bundle2');
    mkdirSync(path.join(b2, 'whisper-tiny.en'), { recursive: true });
    writeFileSync(path.join(b2, 'whisper-tiny.en', 'tiny.en-tokens.txt'), 'IQ== 0\n');
    writeFileSync(path.join(b2, 'SHA256SUMS'), `${sum(notes)}  whisper-tiny.en/tiny.en-tokens.txt\n`);
    const err: string[] = [];
    const io = { out: () => undefined, err: (l: string) => err.push(l), modelsDir: dir };
    t.equal(await runModelsCli(['import', b2], io), 1, 'CLI exits 1');
    t.match(
      err.join('\n'),
      /rejected whisper-tiny\.en\/tiny\.en-tokens\.txt: sha256 differs from the bundle's SHA256SUMS/,
    );
    t.notOk(existsSync(path.join(dir, 'whisper-tiny.en', 'tiny.en-tokens.txt')), 'nothing installed');
  },
);

t.test('CLI: list, import, usage; progress bar', async (t) => {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l), modelsDir: sharedModelsDir };
  t.equal(await runModelsCli(['list'], io), 0);
  const text = out.join('\n');
  // Silero's weights are in ../shared/models where CI has it; elsewhere the list says missing.
  t.match(
    text,
    existsSync(path.join(sharedModelsDir, 'silero-vad', 'silero_vad.onnx'))
      ? /silero-vad-v6\.2\s+installed \(verified\)/
      : /silero-vad-v6\.2\s+missing/,
  );
  t.match(text, /whisper-tiny\.en\s+missing/);
  t.match(text, /stt\s+\S+ \(.*whisper-tiny\.en: missing-weights/);
  t.equal(await runModelsCli(['bogus'], io), 2);
  t.equal(await runModelsCli(['import'], io), 2);
  t.equal(await runModelsCli(['import', '/nonexistent/bundle.tar'], io), 1);
  t.match(err.join('\n'), /bundle not found/);
  t.equal(progressBar(50, 100, 'x', 10), '[#####.....]  50%  0.0/0.0 MiB  x');
  t.ok(
    MODEL_MANIFEST.some((m) => m.kind === 'llm') && MODEL_MANIFEST.some((m) => m.name.startsWith('whisper')),
  );
});
