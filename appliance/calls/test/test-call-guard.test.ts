/**
 * Issue 23.3: `POST /voice/test-call` sent an INVITE to any SIP URI (127.0.0.1, 169.254.169.254).
 * Test calls now go only to destinations the box operator allows (outbound.allowNetworks): here
 * 127.0.0.2 is allowed, 127.0.0.1 is not; a UDP socket on each address shows what was sent.
 */
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import t, { type Test } from 'tap';
import { startCallsApi } from './helpers/calls-api.js';

/** A UDP socket that records what arrives and turns INVITEs down (486), so the call ends. */
async function udpListener(t: Test, address: string): Promise<{ port: number; got: string[] }> {
  const s: Socket = createSocket('udp4');
  const got: string[] = [];
  s.on('message', (m, from) => {
    const text = m.toString('utf8');
    got.push(text);
    if (!text.startsWith('INVITE ')) return;
    const keep = text.split('\r\n').filter((l) => /^(via|from|to|call-id|cseq|v|f|t|i):/i.test(l));
    const reply = ['SIP/2.0 486 Busy Here', ...keep, 'Content-Length: 0', '', ''].join('\r\n');
    s.send(reply, from.port, from.address);
  });
  await new Promise<void>((r) => s.bind(0, address, r));
  t.teardown(() => s.close());
  return { port: (s.address() as AddressInfo).port, got };
}

t.test('test calls only reach destinations the operator allows', async (t) => {
  const { api } = await startCallsApi(t, {
    rtpPortMin: 38000,
    config: { outbound: { allowNetworks: ['127.0.0.2'] } },
  });
  const a = await api.register('Dialer');
  const agent = await api.call<{ id: string }>('POST', '/agents', {
    token: a.token,
    body: { name: 'Dialer agent', numbers: ['5002'] },
  });
  t.equal(agent.status, 201);
  const refusedSink = await udpListener(t, '127.0.0.1');
  const allowedSink = await udpListener(t, '127.0.0.2');
  const p = refusedSink.port;
  for (const target of [
    `sip:probe@127.0.0.1:${p}`,
    `sip:probe@127.1:${p}`,
    `sip:probe@2130706433:${p}`,
    `sip:probe@0x7f000001:${p}`,
    `sip:probe@localhost:${p}`,
    `sip:probe@[::1]:${p}`,
    `sip:probe@0.0.0.0:${p}`,
    // Only loopback here, so that even a regression sends nothing off this machine; other
    // ranges (169.254.169.254, private, public) are checked without sending in net/test.
  ]) {
    const r = await api.call<{ error: { code: string } }>('POST', '/voice/test-call', {
      token: a.token,
      body: { agentId: agent.body.id, target },
    });
    t.equal(r.status, 400, `${target} refused`);
    t.equal(r.body.error?.code, 'validation_failed');
  }
  const ok = await api.call<{ callId: string }>('POST', '/voice/test-call', {
    token: a.token,
    body: { agentId: agent.body.id, target: `sip:probe@127.0.0.2:${allowedSink.port}` },
  });
  t.equal(ok.status, 202, 'an allowed destination is dialled');
  const until = Date.now() + 10_000;
  while (allowedSink.got.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  t.match(allowedSink.got[0] ?? '', /^INVITE sip:probe@127\.0\.0\.2/, 'the INVITE reached it');
  t.equal(refusedSink.got.length, 0, 'nothing was sent to the refused address');
});
