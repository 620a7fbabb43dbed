import dgram from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import t, { type Test } from 'tap';
import { CallFailedError } from '../call-control.js';
import type { SrtpPolicy } from '../sdp/sdes.js';
import { createSipStack } from '../stack.js';
import { haveSipp, runSippOnFreePorts } from './helpers/sipp.js';

/**
 * SDES (RFC 4568) keys sit in the SDP in clear: over UDP or TCP anyone on the path could read
 * them and decrypt the call. Real SIPp peers over UDP and TCP on the loopback: with `allow`, an
 * RTP/SAVP offer gets 488 (Warning "srtp-needs-tls") and an RTP/AVP offer carrying a=crypto is
 * answered RTP/AVP with no a=crypto; with `require`, every offer over UDP/TCP gets 488; an
 * outbound call under `require` to a non-TLS target is not placed at all. Each refusal is logged
 * with the reason. (Over TLS, SRTP is agreed: sip/test/tls.test.ts, baresip-srtp.test.ts.)
 */
const KEY = 'WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVzcyBpbXBvcnQ=';

function scenario(protocol: 'RTP/AVP' | 'RTP/SAVP', expect: 488 | 200): string {
  const sdp = [
    'v=0',
    'o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]',
    's=-',
    'c=IN IP[media_ip_type] [media_ip]',
    't=0 0',
    `m=audio [media_port] ${protocol} 0`,
    'a=rtpmap:0 PCMU/8000',
    `a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}`,
  ].join('\n');
  const dialog = `From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      [last_To:]
      Call-ID: [call_id]`;
  const after =
    expect === 488
      ? `<recv response="488">
    <action>
      <ereg regexp="srtp-needs-tls" search_in="hdr" header="Warning:" check_it="true" assign_to="w"/>
      <log message="warning [$w]"/>
    </action>
  </recv>
  <send>
    <![CDATA[
      ACK sip:service@[remote_ip]:[remote_port] SIP/2.0
      [last_Via:]
      ${dialog}
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>`
      : `<recv response="200">
    <action>
      <ereg regexp="m=audio [0-9]+ RTP/AVP " search_in="body" check_it="true" assign_to="m"/>
      <ereg regexp="a=crypto" search_in="body" check_it_inverse="true" assign_to="c"/>
      <log message="answer [$m] [$c]"/>
    </action>
  </recv>
  <send>
    <![CDATA[
      ACK sip:service@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      ${dialog}
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
  <send retrans="500">
    <![CDATA[
      BYE sip:service@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      ${dialog}
      CSeq: 2 BYE
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
  <recv response="200"/>`;
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="SDES over a non-TLS transport">
  <send retrans="500">
    <![CDATA[
      INVITE sip:service@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:service@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>
      Max-Forwards: 70
      Content-Type: application/sdp
      Content-Length: [len]

      ${sdp.split('\n').join('\n      ')}
    ]]>
  </send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  ${after}
</scenario>
`;
}

/** A stack that answers every call, with a log that the test reads. */
async function stack(t: Test, policy: SrtpPolicy) {
  const lines: Array<{ level: number; msg: string; transport?: string }> = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l));
        cb();
      },
    }),
  );
  const s = await createSipStack({
    bindAddress: '127.0.0.1',
    port: 0,
    srtp: policy,
    logger,
    route: () => ({ action: 'accept', route: 'agent' }),
  });
  const rtp = dgram.createSocket('udp4');
  await new Promise<void>((r) => rtp.bind(0, '127.0.0.1', () => r()));
  let answered = 0;
  s.onIncomingCall(async (call) => {
    await call.answer({ rtpAddress: '127.0.0.1', rtpPort: rtp.address().port });
    answered++;
  });
  t.teardown(async () => {
    rtp.close();
    await s.stop();
  });
  return { s, lines, answered: () => answered };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'sdes-transport-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

async function sipp(t: Test, port: number, transport: 'u1' | 't1', xml: string): Promise<void> {
  const file = path.join(dir, `s-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  const run = await runSippOnFreePorts((local, media) => [
    '-sf',
    file,
    '-t',
    transport,
    '-p',
    String(local),
    '-mp',
    String(media),
    '-timeout',
    '15',
    '-timeout_error',
    `127.0.0.1:${port}`,
  ]);
  if (run.code !== 0) t.comment(run.output.slice(-1500));
  t.equal(run.code, 0, 'the SIPp scenario passed (status, Warning and SDP checks)');
}

t.test('SDES only over TLS', { skip: haveSipp() ? false : 'sipp is not installed' }, async (t) => {
  for (const transport of ['u1', 't1'] as const) {
    const name = transport === 'u1' ? 'UDP' : 'TCP';
    t.test(`allow, RTP/SAVP offer over ${name}: 488 srtp-needs-tls, logged`, async (t) => {
      const { s, lines, answered } = await stack(t, 'allow');
      await sipp(t, s.port, transport, scenario('RTP/SAVP', 488));
      t.equal(answered(), 0, 'no call was set up');
      t.ok(
        lines.some((l) => l.level === 40 && /SDES keys would cross the network in clear/.test(l.msg)),
        'the refusal is logged with its reason',
      );
    });
    t.test(`allow, RTP/AVP offer with a=crypto over ${name}: answered RTP/AVP without keys`, async (t) => {
      const { s, lines, answered } = await stack(t, 'allow');
      await sipp(t, s.port, transport, scenario('RTP/AVP', 200));
      t.equal(answered(), 1, 'the call was answered');
      t.ok(
        lines.some((l) => /a=crypto in a plain RTP\/AVP offer ignored/.test(l.msg)),
        'the ignored keys are logged',
      );
    });
    t.test(`require, RTP/SAVP offer over ${name}: 488`, async (t) => {
      const { s, answered } = await stack(t, 'require');
      await sipp(t, s.port, transport, scenario('RTP/SAVP', 488));
      t.equal(answered(), 0);
    });
  }
});

t.test('require: no outbound call to a non-TLS target (nothing is sent)', async (t) => {
  const { s, lines } = await stack(t, 'require');
  const peer = dgram.createSocket('udp4');
  await new Promise<void>((r) => peer.bind(0, '127.0.0.1', () => r()));
  t.teardown(() => peer.close());
  let received = 0;
  peer.on('message', () => received++);
  const err = await s
    .placeCall({
      target: `sip:pbx@127.0.0.1:${peer.address().port}`,
      media: { rtpAddress: '127.0.0.1', rtpPort: 40000 },
      answerTimeoutMs: 3000,
    })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  t.ok(err instanceof CallFailedError && err.status === 488, `refused with 488 (${String(err)})`);
  await new Promise((r) => setTimeout(r, 300));
  t.equal(received, 0, 'no INVITE (and no keys) went out');
  t.ok(
    lines.some((l) => /call not placed: SRTP is required/.test(l.msg)),
    'logged',
  );
});
