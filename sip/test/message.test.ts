import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { getHeader, getHeaderValues, splitCommaList } from '../message/headers.js';
import { parseNameAddr } from '../message/nameaddr.js';
import { parseMessage } from '../message/parse.js';
import { serializeMessage } from '../message/serialize.js';
import type { SipMessage, SipRequest } from '../message/types.js';
import { parseUri, unescapeUriPart } from '../message/uri.js';
import { parseVia } from '../message/via.js';
import { fixturesDir } from './helpers/paths.js';

const INVITE =
  'INVITE sip:%31%32%33@[2001:db8::1]:5070;transport=udp SIP/2.0\r\n' +
  'v: SIP/2.0/UDP [2001:db8::9]:5062;branch=z9hG4bK776;rport, SIP/2.0/TCP 192.0.2.1;branch=z9hG4bKa\r\n' +
  'f: "Doe, \\"J\\"" <sip:+15551234@pbx.example.com;user=phone>;tag=a1\r\n' +
  't: <sip:123@appliance>\r\n' +
  'i: c1@host\r\n' +
  'CSeq: 7 INVITE\r\n' +
  'm: <sip:caller@192.0.2.1:5062>;expires=60, "B" <sip:b@h>\r\n' +
  'Subject: folded\r\n  value\r\n' +
  'k: timer, 100rel\r\n' +
  'c: application/sdp\r\n' +
  'l: 4\r\n\r\nv=0\r\nJUNK';

function req(s: string): SipRequest {
  const r = parseMessage(Buffer.from(s));
  if (!r.ok) throw r.error;
  if (r.message.kind !== 'request') throw new Error('not a request');
  return r.message;
}

t.test('parses compact forms, folding, multi-values, IPv6 and escapes', async (t) => {
  const m = req(INVITE);
  t.equal(m.method, 'INVITE');
  t.equal(getHeader(m, 'call-id'), 'c1@host');
  t.equal(getHeader(m, 'subject'), 'folded value', 'line folding joins with one SP');
  t.same(getHeaderValues(m, 'supported'), ['timer', '100rel']);
  t.equal(getHeaderValues(m, 'via').length, 2);
  const via = parseVia(getHeaderValues(m, 'via')[0] ?? '');
  t.equal(via?.host, '2001:db8::9');
  t.equal(via?.port, 5062);
  t.equal(via?.params.get('rport'), null);
  const contacts = getHeaderValues(m, 'contact');
  t.equal(contacts.length, 2, 'comma inside <> and quotes does not split');
  const from = parseNameAddr(getHeader(m, 'from') ?? '');
  t.equal(from?.displayName, 'Doe, "J"');
  t.equal(from?.params.get('tag'), 'a1');
  const u = parseUri(m.uri);
  t.equal(u?.kind, 'sip');
  if (u?.kind === 'sip') {
    t.equal(u.uri.host, '2001:db8::1');
    t.equal(u.uri.port, 5070);
    t.equal(unescapeUriPart(u.uri.user ?? ''), '123');
    t.equal(u.uri.params.get('transport'), 'udp');
  }
  t.equal(m.body.toString(), 'v=0\r', 'body is exactly Content-Length bytes; trailing bytes ignored');
  t.equal(getHeader(m, 'content-length'), undefined, 'Content-Length is derived, not stored');
});

t.test('splitCommaList respects quotes and angle brackets', async (t) => {
  t.same(splitCommaList('"a,b" <sip:x@y>, <sip:p,q@r>;x=1'), ['"a,b" <sip:x@y>', '<sip:p,q@r>;x=1']);
  t.same(splitCommaList('a,,b'), ['a', '', 'b']);
});

t.test('typed errors carry what a 400 needs', async (t) => {
  const r = parseMessage(
    Buffer.from('INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCSeq: 1 INVITE\r\n\r\n'),
  );
  t.notOk(r.ok);
  if (!r.ok) {
    t.equal(r.error.name, 'SipParseError');
    t.equal(r.error.code, 'missing-header');
    t.ok(r.error.respondWith?.headers.some((h) => h.name === 'via'));
  }
  const resp = parseMessage(Buffer.from('SIP/2.0 4294967301 Big\r\n\r\n'));
  t.notOk(resp.ok, 'overlarge status code rejected');
  if (!resp.ok) t.equal(resp.error.respondWith, undefined, 'responses are never answered');
  const neg = parseMessage(Buffer.from(INVITE.replace('l: 4', 'l: -4')));
  t.equal(neg.ok ? 'ok' : neg.error.code, 'bad-content-length');
  const big = parseMessage(Buffer.alloc(70000, 0x41));
  t.equal(big.ok ? 'ok' : big.error.code, 'too-large');
});

t.test('serializer output is byte-exact (fixture)', async (t) => {
  const m = req(INVITE);
  const out = serializeMessage(m);
  const fixture = path.join(fixturesDir, 'serialized-invite.sip');
  if (process.env.SIP_UPDATE_FIXTURES === '1') writeFileSync(fixture, out);
  t.equal(
    out.toString('latin1'),
    readFileSync(fixture, 'latin1'),
    'matches sip/test/fixtures/serialized-invite.sip',
  );
  t.match(out.toString(), /^INVITE sip:%31%32%33@\[2001:db8::1\]:5070;transport=udp SIP\/2\.0\r\nVia: /);
  t.match(out.toString(), /\r\nCall-ID: c1@host\r\n/);
  t.match(out.toString(), /\r\nContent-Length: 4\r\n\r\nv=0\r$/);
  const resp: SipMessage = {
    kind: 'response',
    version: 'SIP/2.0',
    status: 200,
    reason: 'OK',
    headers: [
      { name: 'www-authenticate', value: 'Digest realm="x"' },
      { name: 'cseq', value: '1 OPTIONS' },
    ],
    body: Buffer.alloc(0),
  };
  t.equal(
    serializeMessage(resp).toString(),
    'SIP/2.0 200 OK\r\nWWW-Authenticate: Digest realm="x"\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n',
  );
});

// Deterministic PRNG (mulberry32) so failures reproduce.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const SEEDS = [
  INVITE,
  'SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP h:5060;branch=z9hG4bKx\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n',
  'OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bKo\r\nFrom: sip:a@b;tag=1\r\nTo: sip:x@y\r\nCall-ID: o\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n\r\n',
];

t.test('round-trip property: parse(serialize(m)) equals m for random valid messages', async (t) => {
  const r = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  let checked = 0;
  for (let i = 0; i < 500; i++) {
    const method = pick(['INVITE', 'BYE', 'OPTIONS', 'INFO', 'X-CUSTOM']);
    const extra = Array.from({ length: Math.floor(r() * 6) }, (_, k) => ({
      name: pick(['subject', 'x-extra', 'supported', 'allow', 'user-agent']),
      value: `v${k}-${Math.floor(r() * 1e6)}`,
    }));
    const body = Buffer.from(Array.from({ length: Math.floor(r() * 40) }, () => Math.floor(r() * 256)));
    const m: SipMessage = {
      kind: 'request',
      method,
      uri: `sip:${Math.floor(r() * 1e6)}@192.0.2.${Math.floor(r() * 255)}:${1024 + Math.floor(r() * 60000)}`,
      version: 'SIP/2.0',
      headers: [
        { name: 'via', value: `SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK${i}` },
        { name: 'from', value: `<sip:a@b>;tag=${i}` },
        { name: 'to', value: '<sip:c@d>' },
        { name: 'call-id', value: `cid${i}@x` },
        { name: 'cseq', value: `${i + 1} ${method}` },
        ...extra,
      ],
      body,
    };
    const back = parseMessage(serializeMessage(m));
    if (!back.ok) t.fail(`round trip ${i} failed: ${back.error.message}`);
    else if (JSON.stringify(back.message) !== JSON.stringify(m)) t.fail(`round trip ${i} differs`);
    else checked++;
  }
  t.equal(checked, 500);
});

t.test('fuzz: 20k mutations never throw, never hang, always message-or-typed-error', async (t) => {
  const r = rng(0x51f);
  let ok = 0;
  let errors = 0;
  const started = Date.now();
  for (let i = 0; i < 20_000; i++) {
    const base = Buffer.from(SEEDS[i % SEEDS.length] as string, 'latin1');
    let b = Buffer.from(base);
    const ops = 1 + Math.floor(r() * 4);
    for (let k = 0; k < ops; k++) {
      const op = Math.floor(r() * 5);
      const pos = Math.floor(r() * b.length);
      if (op === 0) b[pos] = (b[pos] ?? 0) ^ (1 << Math.floor(r() * 8));
      else if (op === 1) b = b.subarray(0, pos);
      else if (op === 2) {
        const ins = Buffer.from(Array.from({ length: 1 + Math.floor(r() * 8) }, () => Math.floor(r() * 256)));
        b = Buffer.concat([b.subarray(0, pos), ins, b.subarray(pos)]);
      } else if (op === 3) {
        // duplicate a header line
        const s = b.toString('latin1');
        const lines = s.split('\r\n');
        const li = 1 + Math.floor(r() * Math.max(1, lines.length - 2));
        lines.splice(li, 0, lines[li] ?? '');
        b = Buffer.from(lines.join('\r\n'), 'latin1');
      } else b = Buffer.concat([b, Buffer.from(':;,<>"[]%\0\r\n'.slice(Math.floor(r() * 12)), 'latin1')]);
    }
    let res;
    try {
      res = parseMessage(b);
    } catch (err) {
      t.fail(`mutation ${i} threw ${(err as Error).message}`);
      break;
    }
    if (res.ok) ok++;
    else if (res.error.name === 'SipParseError') errors++;
    else t.fail(`mutation ${i}: untyped error`);
  }
  t.equal(ok + errors, 20_000, `all mutations handled (${ok} parsed, ${errors} typed errors)`);
  t.ok(errors > 1000 && ok > 100, 'the mutations exercise both outcomes');
  t.ok(Date.now() - started < 60_000, 'no pathological slowness');
});
