import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import t, { type Test } from 'tap';
import type { Role } from '../../auth/roles.js';
import type { AppContext } from '../../context.js';
import { forEachDialect } from '../../test/helpers/dialects.js';
import type { Db } from '../../db/index.js';
import { errorMiddleware } from '../../http/errors.js';
import { buildOpenApi } from '../../http/openapi.js';
import type { Principal } from '../../http/route.js';
import { buildRouter } from '../../http/router.js';
import type { BusinessId, UserId } from '../../ids.js';
import { createLogger } from '../../log.js';
import type { ModuleDeps } from '../../module.js';
import { createCampaignsModule, type CampaignsModule } from '../index.js';
import { Clock, ScriptedDialer, seedBusiness } from './fixtures.js';

const at = new Date('2026-03-09T14:00:00Z');

/**
 * The module's routes behind the real router and error middleware on 127.0.0.1; the caller is
 * whoever the `x-business` and `x-role` headers say (authentication is tested elsewhere).
 */
async function serve(
  t: Test,
  db: Db,
  dialer: ScriptedDialer,
): Promise<{ mod: CampaignsModule; call: Call; clock: Clock }> {
  const clock = new Clock(at);
  const log = createLogger('silent');
  const app = {
    db,
    log,
    now: clock.now,
    nodeId: 'node-a',
    config: { sip: { maxConcurrentCalls: 4 } },
  } as unknown as AppContext;
  const mod = createCampaignsModule({ app, trainer: undefined as never } as ModuleDeps, {
    dialer: () => dialer,
    intervalMs: 3_600_000,
  });
  const koa = new Koa();
  koa.use(errorMiddleware(log));
  const router = buildRouter(mod.routes(), {
    authenticate: (ctx) =>
      Promise.resolve({
        kind: 'user',
        businessId: ctx.get('x-business') as BusinessId,
        userId: 'u1' as UserId,
        role: (ctx.get('x-role') || 'owner') as Role,
      } satisfies Principal),
    rateLimit: () => undefined,
    maxBodyBytes: 1_048_576,
  });
  koa.use(router.routes());
  const server = koa.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', r));
  t.teardown(() => new Promise<void>((r) => server.close(() => r())));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  const call: Call = async (method, path, business, opts = {}) => {
    const headers: Record<string, string> = { 'x-business': business, ...(opts.headers ?? {}) };
    let body: string | FormData | undefined = opts.raw;
    if (opts.form) body = opts.form;
    else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(base + path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* CSV */
    }
    return { status: res.status, headers: res.headers, body: parsed as never };
  };
  return { mod, call, clock };
}

type Call = <T = Record<string, unknown>>(
  method: string,
  path: string,
  business: string,
  opts?: { body?: unknown; raw?: string; form?: FormData; headers?: Record<string, string> },
) => Promise<{ status: number; headers: Headers; body: T }>;

forEachDialect(t, 'campaign API: create, upload, run, results, report, DNC', async (t, db) => {
  const dialer = new ScriptedDialer().script('+4930100002', 'no-answer', 'voicemail');
  const { mod, call } = await serve(t, db, dialer);
  const { businessId, agentId } = await seedBusiness(db, at, { timezone: 'Europe/Berlin' });
  const other = await seedBusiness(db, at);

  // Validation: agent of another business, bad zone, too much concurrency, viewer role.
  const base = { name: 'Reminders', agentId };
  t.equal(
    (await call('POST', '/campaigns', businessId, { body: { ...base, agentId: other.agentId } })).status,
    404,
  );
  t.equal(
    (await call('POST', '/campaigns', businessId, { body: { ...base, timeZone: 'Mars/Base' } })).status,
    400,
  );
  const tooMany = await call('POST', '/campaigns', businessId, { body: { ...base, concurrency: 5 } });
  t.equal(tooMany.status, 400, 'concurrency above the box');
  t.match(tooMany.body, { error: { code: 'validation_failed' } });
  const viewer = { headers: { 'x-role': 'viewer' } };
  t.equal((await call('POST', '/campaigns', businessId, { ...viewer, body: base })).status, 403);
  const badWindow = { ...base, windows: [{ days: ['mon'], from: '09:00', to: '25:00' }] };
  t.equal((await call('POST', '/campaigns', businessId, { body: badWindow })).status, 400);

  const created = await call('POST', '/campaigns', businessId, {
    body: {
      ...base,
      concurrency: 2,
      numbers: ['+49 30 100001', { number: '+4930100002', name: 'Bea' }, 'nope', '+4930100001'],
      windows: [{ days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], from: '00:00', to: '24:00' }],
    },
  });
  t.equal(created.status, 201);
  t.match(created.body, {
    campaign: {
      status: 'draft',
      timeZone: 'Europe/Berlin',
      numbers: 2,
      maxAttempts: 3,
      retryBackoffS: 600,
      amd: true,
    },
    upload: {
      added: 2,
      duplicates: 1,
      dncSkipped: 0,
      invalidCount: 1,
      invalid: [{ line: 3, value: 'nope' }],
    },
  });
  const id = (created.body.campaign as { id: string }).id;

  // DNC before the CSV upload: that number is stored as skipped.
  const dnc = await call('POST', '/dnc', businessId, { body: { numbers: ['+49 30 100004', 'bad'] } });
  t.same(dnc.body, { added: 1, invalid: ['bad'] });
  t.match((await call('GET', '/dnc', businessId)).body, { items: [{ number: '+4930100004' }], total: 1 });
  t.equal((await call('GET', '/dnc', other.businessId)).body.total, 0, 'per business');

  const csv = 'name,phone\nCarl,+4930100003\nDina,+4930100004\nEd,12\nAnn,+4930100001\n';
  const up = await call('POST', `/campaigns/${id}/numbers`, businessId, {
    raw: csv,
    headers: { 'content-type': 'text/csv' },
  });
  t.same(up.body, {
    added: 1,
    duplicates: 1,
    dncSkipped: 1,
    invalidCount: 1,
    invalid: [{ line: 4, value: '12', reason: 'invalid-number' }],
  });
  const form = new FormData();
  form.append('file', new Blob(['number\n+4930100005\n'], { type: 'text/csv' }), 'more.csv');
  const multi = await call('POST', `/campaigns/${id}/numbers`, businessId, { form });
  t.equal(multi.status, 200);
  t.match(multi.body, { added: 1 });
  const wrongType = await call('POST', `/campaigns/${id}/numbers`, businessId, {
    raw: '<x/>',
    headers: { 'content-type': 'application/xml' },
  });
  t.equal(wrongType.status, 415);

  t.equal(
    (await call('GET', `/campaigns/${id}`, other.businessId)).status,
    404,
    'another business sees nothing',
  );
  t.equal((await call('POST', `/campaigns/${id}/pause`, businessId)).status, 409, 'a draft cannot pause');
  t.equal((await call('POST', `/campaigns/${id}/start`, businessId)).body.status, 'running');

  await mod.scheduler.tick();
  await mod.scheduler.settle();
  await mod.scheduler.tick();
  await mod.scheduler.settle();
  const page1 = await call('GET', `/campaigns/${id}/numbers?limit=2`, businessId);
  t.equal(page1.body.total, 5);
  t.match(page1.body.items, [
    { number: '+4930100001', status: 'done', outcome: 'answered', attempts: 1 },
    { number: '+4930100002', name: 'Bea', status: 'retry', outcome: 'no-answer', attempts: 1 },
  ]);
  const skipped = await call('GET', `/campaigns/${id}/numbers?status=dnc-skipped`, businessId);
  t.match(skipped.body, { total: 1, items: [{ number: '+4930100004' }] });

  t.equal((await call('POST', `/campaigns/${id}/pause`, businessId)).body.pauseReason, 'user');
  t.equal((await call('POST', `/campaigns/${id}/resume`, businessId)).body.status, 'running');
  t.equal((await call('POST', `/campaigns/${id}/cancel`, businessId)).body.status, 'cancelled');
  t.equal((await call('POST', `/campaigns/${id}/resume`, businessId)).status, 409);

  const report = await call('GET', `/campaigns/${id}/report`, businessId);
  // Done: 100001, 100003, 100005 answered (60 s each); 100002 cancelled before its retry.
  t.match(report.body, {
    numbers: 5,
    byState: { done: 3, cancelled: 1, 'dnc-skipped': 1 },
    byOutcome: { answered: 3 },
    attempts: 4,
    dialed: 4,
    answerRate: 1,
    voicemailRate: 0,
    minutes: 3,
  });
  const csvReport = await call<string>('GET', `/campaigns/${id}/report?format=csv`, businessId);
  t.match(csvReport.headers.get('content-type'), /^text\/csv/);
  const lines = csvReport.body.trim().split('\r\n');
  t.equal(
    lines[0],
    'line,number,name,status,outcome,attempts,last_call_id,next_attempt_at,duration_s,last_reason',
  );
  t.equal(lines.length, 6);
  t.match(lines[2], /^2,\+4930100002,Bea,cancelled,no-answer,1,call-\d,,0,no-answer$/);

  const list = await call('GET', '/campaigns?status=cancelled', businessId);
  t.match(list.body, { total: 1, items: [{ id, numbers: 5 }] });
  t.equal((await call('DELETE', '/dnc/%2B4930100004', businessId)).status, 204);
  t.equal((await call('DELETE', '/dnc/%2B4930100004', businessId)).status, 404);

  // The CSV may also come inside the JSON body; its lines follow the JSON list's.
  const both = await call('POST', '/campaigns', businessId, {
    body: {
      ...base,
      numbers: ['+4930200001'],
      csv: 'phone\n+4930200002\n+4930200001\nx\n',
      timeZone: 'Asia/Tokyo',
    },
  });
  t.match(both.body, {
    campaign: { timeZone: 'Asia/Tokyo', numbers: 2 },
    upload: { added: 2, duplicates: 1, invalid: [{ line: 5, value: 'x' }] },
  });

  const doc = buildOpenApi(mod.routes(), { version: 'test' }) as { paths: Record<string, unknown> };
  for (const p of [
    '/campaigns',
    '/campaigns/{id}/report',
    '/campaigns/{id}/numbers',
    '/dnc',
    '/dnc/{number}',
  ])
    t.ok(doc.paths[`/api/v1${p}`] ?? doc.paths[p], `OpenAPI documents ${p}`);
});
