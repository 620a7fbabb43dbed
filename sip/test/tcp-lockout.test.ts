/**
 * Issue 23 item 6 (SIP/TCP lock-out): 1,030 idle TCP connections from one source used to fill the
 * box-wide limit (1,024) so a legitimate TCP OPTIONS from another address got a reset. Now each
 * source holds at most `maxTcpConnectionsPerSource`, idle connections that never sent a valid
 * request make room and time out sooner, and with an allow-list a source outside it is closed at
 * accept. Loopback only: 127.0.0.2 is another source on Linux's lo.
 */
import net from 'node:net';
import t, { type Test } from 'tap';
import { type SipStackOptions, createSipStack } from '../stack.js';
import { RawPeer, request } from './helpers/raw-peer.js';

async function stackFor(t: Test, opts: Partial<SipStackOptions> = {}) {
  const stack = await createSipStack({ bindAddress: '127.0.0.1', port: 0, transports: ['tcp'], ...opts });
  t.teardown(() => stack.stop());
  return stack;
}

/** Opens n idle connections from localAddress; resolves once each is connected or closed by the server. */
async function openIdle(t: Test, port: number, n: number, localAddress = '127.0.0.1'): Promise<net.Socket[]> {
  const sockets: net.Socket[] = [];
  t.teardown(() => sockets.forEach((s) => s.destroy()));
  const batch = 100;
  for (let i = 0; i < n; i += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, n - i) }, async () => {
        const s = net.connect({ port, host: '127.0.0.1', localAddress });
        s.on('error', () => undefined);
        sockets.push(s);
        await new Promise<void>((resolve) => {
          s.once('connect', () => resolve());
          s.once('close', () => resolve());
        });
      }),
    );
  }
  return sockets;
}

const closedWithin = (s: net.Socket, ms: number): Promise<boolean> =>
  new Promise((resolve) => {
    if (s.destroyed || s.readyState === 'closed') return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    s.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });

async function optionsAnswered(t: Test, port: number, from: string): Promise<number | undefined> {
  const peer = await RawPeer.tcp(port, from);
  t.teardown(() => peer.close());
  peer.send(request(peer, 'OPTIONS', { callId: `lockout-${from}`, transport: 'TCP' }));
  return (await peer.status(200, `lockout-${from}`, 5000)).status;
}

t.test('1,030 idle connections from one source do not lock out another', async (t) => {
  const stack = await stackFor(t);
  const idle = await openIdle(t, stack.port, 1030);
  // Wait until the server has accepted (and refused) them all: a full accept queue delays some
  // handshakes until the kernel retransmits (about 1 s).
  const seen = (): number =>
    stack.stats().tcpConnections + (stack.stats().messagesDropped['tcp-too-many-from-source'] ?? 0);
  for (let i = 0; i < 150 && seen() < 1030; i++) await new Promise((r) => setTimeout(r, 100));
  t.ok(stack.stats().tcpConnections <= 32, `one source holds at most 32 (${stack.stats().tcpConnections})`);
  const refused = stack.stats().messagesDropped['tcp-too-many-from-source'] ?? 0;
  t.ok(refused >= 998, `the rest were closed at accept (${refused})`);
  t.equal(await optionsAnswered(t, stack.port, '127.0.0.2'), 200, 'TCP OPTIONS from 127.0.0.2 answered');
  t.ok(
    idle.some((s) => !s.destroyed),
    'some idle connections are still held',
  );
});

t.test('at the box-wide limit unconfirmed connections make room', async (t) => {
  const stack = await stackFor(t, { limits: { maxTcpConnections: 20, maxTcpConnectionsPerSource: 10 } });
  await openIdle(t, stack.port, 10, '127.0.0.3');
  await openIdle(t, stack.port, 10, '127.0.0.4');
  await new Promise((r) => setTimeout(r, 200));
  t.equal(stack.stats().tcpConnections, 20, 'the box is full of idle connections');
  t.equal(await optionsAnswered(t, stack.port, '127.0.0.2'), 200, 'a SIP peer still gets in');
  t.ok((stack.stats().messagesDropped['tcp-evicted-unconfirmed'] ?? 0) >= 1, 'an idle one was evicted');
});

t.test('connections that never send a valid request time out sooner', async (t) => {
  const stack = await stackFor(t, { limits: { tcpUnconfirmedIdleTimeoutMs: 300, tcpIdleTimeoutMs: 60_000 } });
  const [idle] = await openIdle(t, stack.port, 1);
  const peer = await RawPeer.tcp(stack.port);
  t.teardown(() => peer.close());
  peer.send(request(peer, 'OPTIONS', { callId: 'confirmed', transport: 'TCP' }));
  await peer.status(200, 'confirmed');
  t.ok(idle && (await closedWithin(idle, 3000)), 'the silent connection is closed after ~300 ms');
  await new Promise((r) => setTimeout(r, 500));
  t.notOk(peer.closed, 'the connection that sent a request stays open');
});

t.test('with allowFrom, connections from other sources are closed at once', async (t) => {
  const stack = await stackFor(t, { allowFrom: ['127.0.0.2'] });
  const idle = await openIdle(t, stack.port, 50, '127.0.0.1');
  const closed = await Promise.all(idle.map((s) => closedWithin(s, 1000)));
  t.ok(closed.every(Boolean), 'every connection from 127.0.0.1 was closed without a byte sent');
  t.equal(stack.stats().messagesDropped['tcp-source-not-allowed'], 50);
  t.equal(await optionsAnswered(t, stack.port, '127.0.0.2'), 200, 'the allowed PBX is answered');
});

t.test('with allowFrom and digest credentials, other sources may still authenticate', async (t) => {
  const stack = await stackFor(t, {
    allowFrom: ['127.0.0.2'],
    inboundCredentials: { username: 'pbx', password: 'trunk secret' },
  });
  const peer = await RawPeer.tcp(stack.port, '127.0.0.1');
  t.teardown(() => peer.close());
  peer.send(request(peer, 'OPTIONS', { callId: 'challenged', transport: 'TCP' }));
  t.equal((await peer.status(401, 'challenged')).status, 401, 'challenged, not closed');
});
