import { randomBytes } from 'node:crypto';
import t from 'tap';
import { SecretBox, signPayload, verifySignature } from '../index.js';
import { backoffMs } from '../outbox.js';

t.test('signatures: valid, tampered, stale, malformed', async (t) => {
  const secret = 'whsec_test';
  const body = '{"id":"1","type":"call.ended"}';
  const now = 1_800_000_000;
  const header = signPayload(secret, body, now);
  t.match(header, /^t=1800000000,v1=[0-9a-f]{64}$/);
  t.same(verifySignature({ secret, header, body, nowS: now + 299 }), { ok: true, timestampS: now });
  t.same(verifySignature({ secret, header, body: Buffer.from(body), nowS: now - 299 }), {
    ok: true,
    timestampS: now,
  });
  t.match(verifySignature({ secret, header, body, nowS: now + 301 }), { ok: false, reason: 'stale' });
  t.match(verifySignature({ secret, header, body: body + 'x', nowS: now }), {
    ok: false,
    reason: 'bad_signature',
  });
  t.match(verifySignature({ secret: 'other', header, body, nowS: now }), {
    ok: false,
    reason: 'bad_signature',
  });
  for (const h of [undefined, null, '', 't=abc,v1=00', `t=${now}`, 'v1=' + 'a'.repeat(64), `t=${now},v1=zz`])
    t.match(
      verifySignature({ secret, header: h, body, nowS: now }),
      { ok: false, reason: 'malformed' },
      String(h),
    );
  // A second (rotated) signature in the same header is accepted if either matches.
  const two = `${header},v1=${'0'.repeat(64)}`;
  t.ok(verifySignature({ secret, header: two, body, nowS: now }).ok);
});

t.test('sealed secrets are bound to key and row', async (t) => {
  const key = randomBytes(32);
  const box = new SecretBox(key);
  const sealed = box.seal('s3cret', 'webhook:b1:w1');
  t.notOk(sealed.includes('s3cret'));
  t.not(box.seal('s3cret', 'webhook:b1:w1'), sealed, 'random IV per seal');
  t.equal(box.open(sealed, 'webhook:b1:w1'), 's3cret');
  t.throws(() => box.open(sealed, 'webhook:b2:w1'), 'another row cannot open it');
  t.throws(() => new SecretBox(randomBytes(32)).open(sealed, 'webhook:b1:w1'), 'another key cannot open it');
  t.throws(() => box.open('garbage', 'x'), /not a sealed secret/);
  t.throws(() => new SecretBox(Buffer.alloc(16)));
});

t.test('backoff is full jitter under an exponential ceiling', async (t) => {
  const o = { backoffBaseMs: 1000, backoffMaxMs: 60_000 };
  for (let attempt = 1; attempt <= 10; attempt++) {
    const ceiling = Math.min(60_000, 1000 * 2 ** (attempt - 1));
    const samples = Array.from({ length: 200 }, () => backoffMs(attempt, o));
    t.ok(
      samples.every((s) => s >= 0 && s < ceiling),
      `attempt ${attempt} within [0, ${ceiling})`,
    );
  }
});
