/**
 * A real softphone through the front door (runs INSIDE the front runner's namespace): baresip
 * dials the service at Kamailio with a WAV as its microphone, and its sndfile filter writes what
 * it heard. baresip refuses loopback-only hosts, so a veth pair gives it 10.77.0.1; the node
 * sends RTP there straight (the SDP is untouched by Kamailio), Kamailio carries only SIP.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FRONT, FRONT_PORT, SERVICE } from './cluster-lab.js';

const BARESIP = '10.77.0.1';

export function haveBaresip(): boolean {
  return spawnSync('baresip', ['-h'], { timeout: 5000 }).error === undefined;
}

/**
 * One call: `micWav` (8 kHz mono) is what the caller says; returns baresip's log tail and whether
 * it wrote `heardOut` (the decoded incoming audio from the start of the audio stream).
 */
export async function baresipThroughFront(
  root: string,
  micWav: string,
  callS: number,
  heardOut: string,
): Promise<{ heard: boolean; log: string }> {
  execFileSync('sh', [
    '-c',
    `ip link show v0 >/dev/null 2>&1 || { ip link add v0 type veth peer name v1 && ip addr add ${BARESIP}/24 dev v0 && ip link set v0 up && ip link set v1 up; }`,
  ]);
  const dir = path.join(root, 'baresip');
  mkdirSync(path.join(dir, 'snd'), { recursive: true });
  writeFileSync(
    path.join(dir, 'config'),
    [
      'poll_method epoll',
      `sip_listen ${BARESIP}:5080`,
      'module_path /usr/lib/baresip/modules',
      'module g711.so',
      'module aufile.so',
      'module account.so',
      'module menu.so',
      // baresip 1.0's aufile is a source only: the sndfile filter dumps what the caller hears.
      'module sndfile.so',
      `snd_path ${path.join(dir, 'snd')}`,
      `audio_source aufile,${micWav}`,
    ].join('\n') + '\n',
  );
  writeFileSync(path.join(dir, 'accounts'), `<sip:caller@${BARESIP}:5080>;regint=0;audio_codecs=PCMU\n`);
  let log = '';
  const child = spawn(
    'baresip',
    ['-f', dir, '-e', `/dial sip:${SERVICE}@${FRONT}:${FRONT_PORT}`, '-t', String(Math.ceil(callS))],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-3000)));
  child.stderr.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-3000)));
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), (callS + 10) * 1000);
    child.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  const dumped = readdirSync(path.join(dir, 'snd')).find((f) => f.endsWith('-dec.wav'));
  if (dumped) copyFileSync(path.join(dir, 'snd', dumped), heardOut);
  return { heard: dumped !== undefined && existsSync(heardOut), log };
}
