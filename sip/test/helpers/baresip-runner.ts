/**
 * Runs INSIDE `unshare -rn` with a veth pair (baresip refuses loopback-only hosts): starts the
 * stack on 127.0.0.1:5060, lets baresip dial it with a short WAV as microphone (aufile ends the
 * call at end of file, so baresip sends BYE), prints the call events as JSON.
 */
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CallEvent } from '../../call-control.js';
import { createSipStack } from '../../index.js';

/** 8 kHz mono 16-bit PCM WAV: `toneMs` of 440 Hz followed by `silenceMs` of silence. */
function wav(toneMs: number, silenceMs: number): Buffer {
  const n = ((toneMs + silenceMs) * 8000) / 1000;
  const data = Buffer.alloc(n * 2);
  for (let i = 0; i < (toneMs * 8000) / 1000; i++)
    data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)), i * 2);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(8000, 24);
  h.writeUInt32LE(16000, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

const dir = mkdtempSync(path.join(tmpdir(), 'baresip-'));
writeFileSync(path.join(dir, 'in.wav'), wav(1500, 500));
writeFileSync(
  path.join(dir, 'config'),
  [
    'poll_method epoll',
    'sip_listen 10.77.0.1:5080',
    'module_path /usr/lib/baresip/modules',
    'module g711.so',
    'module aufile.so',
    'module account.so',
    'module menu.so',
    `audio_source aufile,${path.join(dir, 'in.wav')}`,
    `audio_player aufile,${path.join(dir, 'out.wav')}`,
    `audio_alert aufile,${path.join(dir, 'alert.wav')}`,
  ].join('\n') + '\n',
);
writeFileSync(path.join(dir, 'accounts'), '<sip:tester@10.77.0.1:5080>;regint=0;audio_codecs=PCMU\n');

const stack = await createSipStack({
  bindAddress: '127.0.0.1',
  port: 5060,
  allowFrom: ['127.0.0.0/8', '10.77.0.0/24'],
});
const rtp = dgram.createSocket('udp4');
await new Promise<void>((r) => rtp.bind(0, '127.0.0.1', () => r()));
let rtpPackets = 0;
rtp.on('message', () => rtpPackets++);
const events: CallEvent[] = [];
let dialed = '';
stack.onIncomingCall(async (call) => {
  dialed = call.dialedNumber;
  call.on((e) => events.push(e));
  call.ringing();
  await call.answer({ rtpAddress: '127.0.0.1', rtpPort: rtp.address().port });
});

const child = spawn('baresip', ['-f', dir, '-e', '/dial sip:1000@127.0.0.1:5060', '-t', '8'], {
  stdio: ['ignore', 'pipe', 'pipe'],
});
let log = '';
child.stdout.on('data', (d: Buffer) => (log += d.toString()));
child.stderr.on('data', (d: Buffer) => (log += d.toString()));
await new Promise<void>((resolve) => {
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  child.on('close', () => {
    clearTimeout(timer);
    resolve();
  });
});
rtp.close();
await stack.stop();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ dialed, events, rtpPackets, log: log.slice(-3000) }) + '\n');
