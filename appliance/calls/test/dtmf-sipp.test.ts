/**
 * Keypad digits from a real SIP peer reach a full appliance call and are observable from outside:
 * SIPp (uac_pcap flow) dials an agent's number over the appliance's own SIP stack and plays the
 * RFC 2833 DTMF pcaps of Debian's sip-tester (each carries one digit as telephone-event PT 101)
 * around a recorded speech pcap (the agent may still be answering it as the later digits arrive),
 * then hangs up. Every digit must be stored exactly once, in order, as a 'dtmf' call event read
 * through GET /voice/calls/{id}/events.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { sharedDir } from '../../test/helpers/shared.js';
import { startCallsApi, runSippUac } from './helpers/calls-api.js';
import { sleep } from './helpers/caller.js';

const DTMF_DIR = '/usr/share/sip-tester';
/** [pcap file suffix, the digit it carries] (as media/test/sipp-pcap.test.ts verifies), in play order. */
type Key = readonly [suffix: string, digit: string];
const EARLY_KEYS: readonly Key[] = [
  ['1', '1'],
  ['2', '2'],
  ['3', '3'],
  ['4', '4'],
  ['5', '5'],
  ['6', '6'],
];
const LATER_KEYS: readonly Key[] = [
  ['7', '7'],
  ['8', '8'],
  ['9', '9'],
  ['0', '0'],
  ['star', '*'],
  ['pound', '#'],
];
const speechPcap = path.join(sharedDir(), 'speech', 'pcap', 'jfk_pcmu.pcap');
/** jfk_pcmu.pcap lasts 11.0 s. */
const SPEECH_MS = 11_000;
/** Each DTMF pcap is 280 ms of events plus end packets; the pause leaves a gap between digits. */
const DIGIT_PAUSE_MS = 400;
const pcapOf = (suffix: string): string => path.join(DTMF_DIR, `dtmf_2833_${suffix}.pcap`);
const allSuffixes = [...EARLY_KEYS, ...LATER_KEYS].map(([suffix]) => suffix);

const skip =
  spawnSync('sipp', ['-v']).error !== undefined
    ? 'sipp is not installed'
    : !allSuffixes.every((s) => existsSync(pcapOf(s)))
      ? `DTMF pcaps not in ${DTMF_DIR} (Debian sip-tester)`
      : !existsSync(speechPcap)
        ? 'the speech pcap is missing from ../shared'
        : false;

const xmlHead = `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="UAC speech and RFC 2833 DTMF">
  <send retrans="500">
    <![CDATA[

      INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: sipp <sip:+15557770001@[local_ip]:[local_port]>;tag=[pid]SIPpTag09[call_number]
      To: [service] <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: sip:sipp@[local_ip]:[local_port]
      Max-Forwards: 70
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[local_ip_type] [local_ip]
      t=0 0
      m=audio [auto_media_port] RTP/AVP 0 101
      a=rtpmap:0 PCMU/8000
      a=rtpmap:101 telephone-event/8000
      a=fmtp:101 0-11,16

    ]]>
  </send>
  <recv response="100" optional="true"></recv>
  <recv response="180" optional="true"></recv>
  <recv response="200" rtd="true"></recv>
  <send>
    <![CDATA[

      ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: sipp <sip:+15557770001@[local_ip]:[local_port]>;tag=[pid]SIPpTag09[call_number]
      To: [service] <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Contact: sip:sipp@[local_ip]:[local_port]
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>
`;

/** The last key goes as SIP INFO (application/dtmf-relay), the other path a PBX may use. */
const INFO_DIGIT = '5';
const INFO_DURATION_MS = 160;
const xmlTail = `  <send retrans="500">
    <![CDATA[

      INFO sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: sipp <sip:+15557770001@[local_ip]:[local_port]>;tag=[pid]SIPpTag09[call_number]
      To: [service] <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: 2 INFO
      Contact: sip:sipp@[local_ip]:[local_port]
      Max-Forwards: 70
      Content-Type: application/dtmf-relay
      Content-Length: [len]

      Signal=${INFO_DIGIT}
      Duration=${INFO_DURATION_MS}

    ]]>
  </send>
  <recv response="200"></recv>
  <pause milliseconds="500"/>
  <send retrans="500">
    <![CDATA[

      BYE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: sipp <sip:+15557770001@[local_ip]:[local_port]>;tag=[pid]SIPpTag09[call_number]
      To: [service] <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: 3 BYE
      Contact: sip:sipp@[local_ip]:[local_port]
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>
  <recv response="200"></recv>
</scenario>
`;

/** One pcap played, then a pause (SIPp plays a pcap in the background; the pause paces the next). */
const play = (pcap: string, pauseMs: number): string =>
  `  <nop><action><exec play_pcap_audio="${pcap}"/></action></nop>\n  <pause milliseconds="${pauseMs}"/>\n`;

t.test('SIPp presses every key during a call: each digit is stored once, in order', { skip }, async (t) => {
  const { api, sipPort } = await startCallsApi(t, { rtpPortMin: 35000, allowFrom: ['127.0.0.1'] });
  t.ok(sipPort > 0, 'telephony started');
  const biz = await api.register('Keypad Hall');
  await api.call('POST', '/business/subscribe', { token: biz.token, body: { planId: 'enterprise' } });
  // No transfer extension: '0' (the default transfer digit) only interrupts the agent, the call
  // stays up. A long silence timeout keeps the agent from saying goodbye between the key presses.
  const agent = await api.call<{ id: string }>('POST', '/agents', {
    token: biz.token,
    body: { name: 'Keypad desk', numbers: ['7100'], behaviour: { silenceTimeoutMs: 60_000 } },
  });
  t.equal(agent.status, 201);

  const dir = await mkdtemp(path.join(os.tmpdir(), 'dtmf-sipp-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const scenario = path.join(dir, 'uac_dtmf.xml');
  await writeFile(
    scenario,
    xmlHead +
      // Digits while the greeting plays, speech (the agent answers it), digits during that reply.
      EARLY_KEYS.map(([s]) => play(pcapOf(s), DIGIT_PAUSE_MS)).join('') +
      play(speechPcap, SPEECH_MS + 300) +
      LATER_KEYS.map(([s]) => play(pcapOf(s), DIGIT_PAUSE_MS)).join('') +
      '  <pause milliseconds="1000"/>\n' +
      xmlTail,
  );
  const expected = [
    ...[...EARLY_KEYS, ...LATER_KEYS].map(([, digit]) => [digit, 'rfc4733']),
    [INFO_DIGIT, 'sip-info'],
  ];

  const sipp = await runSippUac(t, { scenario, cwd: dir, service: '7100', sipPort });

  // The call id, from the live calls while SIPp is on the line.
  let callId: string | undefined;
  const deadline = Date.now() + 20_000;
  while (!callId && Date.now() < deadline && sipp.running()) {
    const live = await api.call<{ items: Array<{ id: string; caller: string | null }> }>(
      'GET',
      '/voice/calls',
      { token: biz.token },
    );
    callId = live.body.items[0]?.id;
    if (!callId) await sleep(100);
  }
  const code = await sipp.exited;
  t.equal(
    code,
    0,
    `SIPp completed the call and hung up itself (${code === 0 ? 'ok' : sipp.output().slice(-800)})`,
  );
  t.ok(callId, 'the call was listed while live');
  if (!callId) return;

  // Ended and finished: the call leaves the live list only after its digits are stored.
  let stillLive = true;
  for (let i = 0; i < 200 && stillLive; i++) {
    const live = await api.call<{ items: Array<{ id: string }> }>('GET', '/voice/calls', {
      token: biz.token,
    });
    stillLive = live.body.items.some((c) => c.id === callId);
    if (stillLive) await sleep(100);
  }
  t.notOk(stillLive, 'the call is no longer live');

  type Ev = {
    event: string;
    occurredAt: string;
    data: { digit?: string; source?: string; durationMs?: number };
  };
  const res = await api.call<{ items: Ev[]; total: number }>('GET', `/voice/calls/${callId}/events`, {
    token: biz.token,
  });
  t.equal(res.status, 200);
  const dtmf = res.body.items.filter((e) => e.event === 'dtmf');
  const got = dtmf.map((e) => [e.data.digit, e.data.source]);
  t.same(
    got,
    expected,
    `every digit arrived exactly once, in order, by its path (got ${got.map((g) => g.join(':')).join(' ')})`,
  );
  t.equal(res.body.total, expected.length, 'no other events');
  // Each pcap's event lasts 2240 samples at 8 kHz = 280 ms; the INFO says 160 ms.
  const durations = dtmf.map((e) => e.data.durationMs);
  t.ok(
    durations.length === expected.length &&
      durations.every((ms, i) =>
        i < expected.length - 1 ? ms !== undefined && Math.abs(ms - 280) <= 40 : ms === INFO_DURATION_MS,
      ),
    `durations ${durations.join(',')} ms (280 ms each in the pcaps, ${INFO_DURATION_MS} ms in the INFO)`,
  );
  const times = dtmf.map((e) => Date.parse(e.occurredAt));
  t.ok(
    times.every((x, i) => i === 0 || x > (times[i - 1] ?? 0)),
    'times strictly increase',
  );
  const span = (times.at(-1) ?? 0) - (times[0] ?? 0);
  // 11 gaps between digits, one of them holds the speech: the digits were not bunched up at the end.
  t.ok(span >= SPEECH_MS, `digits spread over the call as played (${span} ms first to last)`);
});
