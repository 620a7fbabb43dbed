/**
 * Real SIP callees for the box's own calls (campaigns, outbound answering-machine detection):
 * a SIPp UAS that answers one call (180, 200 with PCMU) and plays a pcap made from audio the
 * test synthesised, or turns the call down 486 Busy. And the 8 kHz audio pieces to build them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Test } from 'tap';
import { resample } from '../../../models/index.js';
import { writeUlawPcap } from './rtp-pcap.js';
import { sippScenario } from './sipp-scenario.js';

export interface SippCallee {
  /** Its SIP address on 127.0.0.2. */
  uri: string;
  port: number;
  exited: Promise<number | null>;
  output: () => string;
}

export const to8k = (pcm16k: Int16Array): Int16Array => resample(pcm16k, 16000, 8000);
export const silence = (ms: number): Int16Array => new Int16Array((8000 * ms) / 1000);
export function tone(hz: number, ms: number, amplitude = 8000): Int16Array {
  const n = (8000 * ms) / 1000;
  return Int16Array.from({ length: n }, (_, i) =>
    Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / 8000)),
  );
}
/** Pieces of audio one after another (the models layer's concatenation). */
export { concatPcm as concat } from '../../../models/index.js';

/** SIPp is installed (scripts/setup.sh test installs it). */
export const haveSipp = spawnSync('sh', ['-c', 'command -v sipp'], { stdio: 'ignore' }).status === 0;

/** A SIPp UAS answering one call: 180, 200 with PCMU, plays `pcap` after the ACK, waits for our BYE. */
function uasScenario(pcap: string, opts: { busy?: boolean } = {}): string {
  const reply = (
    status: string,
    sdp: boolean,
  ): string => `  <send${status.startsWith('200') ? ' retrans="500"' : ''}>
    <![CDATA[
      SIP/2.0 ${status}
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Contact: <sip:[local_ip]:[local_port];transport=[transport]>
${
  sdp
    ? `      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=callee 1 1 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 0
      a=rtpmap:0 PCMU/8000
`
    : `      Content-Length: 0
`
}
    ]]>
  </send>
`;
  if (opts.busy)
    return sippScenario(
      'busy callee',
      `  <recv request="INVITE"/>\n${reply('486 Busy Here', false)}  <recv request="ACK"/>\n`,
    );
  return sippScenario(
    'answering callee',
    `  <recv request="INVITE"/>
${reply('180 Ringing', false)}  <pause milliseconds="300"/>
${reply('200 OK', true)}  <recv request="ACK"/>
  <nop><action><exec play_pcap_audio="${pcap}"/></action></nop>
  <recv request="BYE" timeout="90000"/>
  <send>
    <![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0
    ]]>
  </send>
`,
  );
}

/**
 * A UDP port free on `address` now. SIPp binds UDP on 127.0.0.2, so a TCP probe on 127.0.0.1
 * (postgres.ts's freePort) says nothing about it: the appliance's RTP ports and other tests'
 * SIPp media ports live in the same range.
 */
export async function freeUdpPort(address = '127.0.0.2'): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createSocket('udp4');
    s.once('error', reject);
    s.bind(0, address, () => {
      const port = s.address().port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts a SIPp UAS on 127.0.0.2 for one call; resolves its SIP URI and exit. */
export async function startCallee(
  t: Test,
  dir: string,
  name: string,
  audio: Int16Array | undefined,
  /** Its SIP port (default: a free one), e.g. one the appliance's trunk config names. */
  port?: number,
): Promise<SippCallee> {
  const pcap = path.join(dir, `${name}.pcap`);
  if (audio) writeUlawPcap(pcap, audio);
  const xml = path.join(dir, `${name}.xml`);
  writeFileSync(xml, uasScenario(pcap, { busy: !audio }));
  port ??= await freeUdpPort();
  const p = spawn(
    'sipp',
    // -mp: SIPp's media port; play_pcap_audio sends from it to the SDP our INVITE offered.
    ['-sf', xml, '-i', '127.0.0.2', '-mi', '127.0.0.2', '-p', String(port)].concat([
      '-mp',
      String(await freeUdpPort()),
      '-m',
      '1',
      '-timeout',
      '120s',
      '-nostdin',
    ]),
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  p.stdout.on('data', (d: Buffer) => (out += d.toString()));
  p.stderr.on('data', (d: Buffer) => (out += d.toString()));
  // Listened for at once: a SIPp that dies at start (its port taken) exits within the wait below,
  // and a listener attached after that would wait forever.
  const exited = new Promise<number | null>((r) => p.once('exit', r));
  t.teardown(() => {
    if (p.exitCode === null) p.kill('SIGKILL');
  });
  await new Promise((r) => setTimeout(r, 300));
  if (p.exitCode !== null)
    throw new Error(
      `SIPp callee '${name}' on port ${port} exited at start (${p.exitCode}): ${out.slice(-500)}`,
    );
  return { uri: `sip:${name}@127.0.0.2:${port}`, port, exited, output: () => out };
}
