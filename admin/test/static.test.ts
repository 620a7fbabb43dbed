import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa from 'koa';
import t, { type Test } from 'tap';
import { adminStatic } from '../../appliance/http/admin-static.js';
import { errorMiddleware } from '../../appliance/http/errors.js';
import { createLogger } from '../../appliance/log.js';
import { startTestApi } from '../../appliance/test/helpers/app.js';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with the path sent byte for byte (fetch and URL would normalise "/../" away). */
function raw(port: number, method: string, path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

async function serve(t: Test, dir: string): Promise<number> {
  const koa = new Koa();
  koa.silent = true;
  koa.use(errorMiddleware(createLogger('silent')));
  koa.use(adminStatic({ dir }));
  koa.use((ctx) => {
    ctx.body = { fallthrough: ctx.path };
  });
  const server = koa.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  t.teardown(() => new Promise<void>((r) => server.close(() => r())));
  return (server.address() as AddressInfo).port;
}

const root = mkdtempSync(join(tmpdir(), 'admin-static-'));
t.teardown(() => rmSync(root, { recursive: true, force: true }));
const dist = join(root, 'dist');
mkdirSync(join(dist, 'assets'), { recursive: true });
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>admin</title>');
writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
writeFileSync(join(dist, '.hidden'), 'secret');
writeFileSync(join(root, 'secret.txt'), 'outside the dist directory');

t.test('serves index.html, hashed assets and SPA routes with the right headers', async (t) => {
  const port = await serve(t, dist);
  for (const path of [
    '/admin',
    '/admin/',
    '/admin/agents/7b0c2f0e-1d2a-4c1b-9e1a-0a2b3c4d5e6f',
    '/admin/signin?next=1',
  ]) {
    const r = await raw(port, 'GET', path);
    t.equal(r.status, 200, `${path} answers`);
    t.match(r.body, '<title>admin</title>', `${path} is index.html`);
    t.equal(r.headers['cache-control'], 'no-cache', 'index.html is never cached');
    t.match(String(r.headers['content-security-policy']), /default-src 'self'/, 'strict CSP');
    t.match(String(r.headers['content-type']), /text\/html/);
  }
  const asset = await raw(port, 'GET', '/admin/assets/index-abc123.js');
  t.equal(asset.status, 200);
  t.equal(asset.body, 'console.log(1)');
  t.match(String(asset.headers['cache-control']), /immutable/, 'hashed assets are cached long');
  t.match(String(asset.headers['content-type']), /javascript/);
  t.equal(asset.headers['x-content-type-options'], 'nosniff');

  const again = await raw(port, 'GET', '/admin/assets/index-abc123.js', {
    'if-none-match': String(asset.headers.etag),
  });
  t.equal(again.status, 304, 'ETag revalidation');

  const missing = await raw(port, 'GET', '/admin/assets/index-gone.js');
  t.equal(missing.status, 404, 'a missing asset is a 404, not index.html');
  t.match(JSON.parse(missing.body), { error: { code: 'not_found' } });

  const head = await raw(port, 'HEAD', '/admin/assets/index-abc123.js');
  t.equal(head.status, 200);
  t.equal(head.headers['content-length'], String('console.log(1)'.length));
  t.equal(head.body, '');

  const home = await raw(port, 'GET', '/');
  t.equal(home.status, 302, 'the bare address redirects to the UI');
  t.equal(home.headers.location, '/admin/');

  const other = await raw(port, 'GET', '/administrator');
  t.same(JSON.parse(other.body), { fallthrough: '/administrator' }, 'only /admin and /admin/* are taken');
});

t.test('refuses traversal, hidden files and writes', async (t) => {
  const port = await serve(t, dist);
  const attempts = [
    '/admin/../secret.txt',
    '/admin/../../package.json',
    '/admin/assets/../../secret.txt',
    '/admin/%2e%2e/secret.txt',
    '/admin/%2E%2E%2Fsecret.txt',
    '/admin/..%2fsecret.txt',
    '/admin/..%5csecret.txt',
    '/admin/%00index.html',
    '/admin/.hidden',
    '/admin/%E0%A4%A',
  ];
  for (const path of attempts) {
    const r = await raw(port, 'GET', path);
    t.ok(r.status === 400 || r.status === 404, `${path} refused (${r.status})`);
    t.notMatch(r.body, /outside the dist directory|secret$/, `${path} leaks nothing`);
    t.doesNotThrow(() => JSON.parse(r.body), 'error is the API JSON shape');
  }
  for (const method of ['POST', 'PUT', 'DELETE']) {
    const r = await raw(port, method, '/admin/');
    t.equal(r.status, 405, `${method} refused`);
    t.equal(r.headers.allow, 'GET, HEAD');
  }
});

t.test('an unbuilt UI answers 503 with a clear message', async (t) => {
  const port = await serve(t, join(root, 'nope'));
  const r = await raw(port, 'GET', '/admin/');
  t.equal(r.status, 503);
  t.match(JSON.parse(r.body), { error: { code: 'unavailable', message: /not built/ } });
});

t.test('the appliance mounts the UI under /admin and keeps the API working', async (t) => {
  const api = await startTestApi(t);
  const port = Number(new URL(api.baseUrl).port);
  const r = await raw(port, 'GET', '/admin/../package.json');
  t.ok([400, 404, 503].includes(r.status), `traversal refused (${r.status})`);
  t.notMatch(r.body, /"devDependencies"/, 'package.json is not served');
  const ui = await raw(port, 'GET', '/admin/agents');
  t.ok(ui.status === 200 || ui.status === 503, 'SPA route answers (200 built, 503 not built)');
  t.match(String(ui.headers['content-security-policy']), /default-src 'self'/);
  const health = await api.call('GET', '/healthz');
  t.equal(health.status, 200);
});
