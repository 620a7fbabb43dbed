/**
 * A PBX-side peer for end-to-end call tests, made of the real sip/ and media/ layers on 127.0.0.1:
 * it dials the appliance, plays speech as the caller's microphone, records what the agent says,
 * and can also answer calls (the "human" a transfer reaches).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createMediaEngine,
  type MediaEngine,
  type MediaEvent,
  type MediaSession,
} from '../../../../media/index.js';
import { parseWav, resample } from '../../../../models/index.js';
import { createSipStack, type ActiveCall, type IncomingCall, type SipStack } from '../../../../sip/index.js';

export interface Heard {
  /** 16 kHz mono audio received from the far end. */
  pcm: Int16Array[];
  /** performance.now() of each received frame with energy above -45 dBFS (agent speaking). */
  loudAt: number[];
}

export interface PeerCall {
  call: ActiveCall;
  media: MediaSession;
  heard: Heard;
  hangups: Array<{ by: string; reason: string }>;
  referSeen: boolean;
}

export class TestPeer {
  readonly answered: PeerCall[] = [];
  private constructor(
    readonly sip: SipStack,
    readonly media: MediaEngine,
  ) {}

  static async start(): Promise<TestPeer> {
    const media = await createMediaEngine({ bindAddress: '127.0.0.1', rtpPortMin: 41000, rtpPortMax: 48999 });
    const sip = await createSipStack({ bindAddress: '127.0.0.1', port: 0, publicAddress: '127.0.0.1' });
    const peer = new TestPeer(sip, media);
    sip.onIncomingCall((c) => void peer.answer(c));
    return peer;
  }

  get port(): number {
    return this.sip.port;
  }

  /** `from`: the caller number (From user part); default 'appliance'. */
  async dial(number: string, appliancePort: number, opts: { from?: string } = {}): Promise<PeerCall> {
    const alloc = await this.media.allocate();
    const call = await this.sip.placeCall({
      target: `sip:${number}@127.0.0.1:${appliancePort}`,
      ...(opts.from ? { from: opts.from } : {}),
      media: { rtpAddress: '127.0.0.1', rtpPort: alloc.localPort, codecs: ['PCMU'] },
      answerTimeoutMs: 10_000,
    });
    return this.attach(call, alloc.sessionId);
  }

  private async answer(c: IncomingCall): Promise<void> {
    const alloc = await this.media.allocate();
    await c.answer({ rtpAddress: '127.0.0.1', rtpPort: alloc.localPort });
    this.answered.push(await this.attach(c, alloc.sessionId));
  }

  private async attach(call: ActiveCall, sessionId: Parameters<MediaEngine['start']>[0]): Promise<PeerCall> {
    const m = call.media;
    if (!m) throw new Error('no media negotiated');
    const media = await this.media.start(sessionId, {
      remoteAddress: m.remoteRtpAddress,
      remotePort: m.remoteRtpPort,
      codec: m.codec,
      ...(m.dtmfPayloadType !== undefined ? { dtmfPayloadType: m.dtmfPayloadType } : {}),
      inactivityTimeoutMs: 0,
    });
    const pc: PeerCall = { call, media, heard: { pcm: [], loudAt: [] }, hangups: [], referSeen: false };
    media.on('event', (e: MediaEvent) => {
      if (e.kind !== 'audio') return;
      pc.heard.pcm.push(e.pcm);
      let acc = 0;
      for (const s of e.pcm) acc += s * s;
      if (10 * Math.log10(acc / e.pcm.length / 32768 / 32768 + 1e-12) > -45)
        pc.heard.loudAt.push(performance.now());
    });
    call.on((ev) => {
      if (ev.kind === 'hangup') {
        pc.hangups.push({ by: ev.by, reason: ev.reason });
        void media.stop().catch(() => undefined);
      }
    });
    return pc;
  }

  async stop(): Promise<void> {
    await this.sip.stop().catch(() => undefined);
    await this.media.close().catch(() => undefined);
  }
}

/** Speech made with festival (a voice the appliance, which speaks flite, does not use), 16 kHz mono. */
export function festivalSpeech(text: string): Int16Array {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'calls-tts-'));
  try {
    const txt = path.join(dir, 'q.txt');
    const wav = path.join(dir, 'q.wav');
    spawnSync('sh', ['-c', 'printf "%s" "$1" > "$2"', 'sh', text, txt]);
    const r = spawnSync('text2wave', ['-F', '16000', '-o', wav, txt], { timeout: 30_000 });
    if (r.status !== 0) throw new Error(`text2wave failed: ${r.stderr.toString()}`);
    const w = parseWav(readFileSync(wav));
    return w.sampleRateHz === 16000 ? w.pcm : resample(w.pcm, w.sampleRateHz, 16000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function haveFestival(): boolean {
  return spawnSync('sh', ['-c', 'command -v text2wave'], { stdio: 'ignore' }).status === 0;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function waitFor(cond: () => boolean, timeoutMs: number, stepMs = 50): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (cond()) return true;
    await sleep(stepMs);
  }
  return cond();
}

export { concatPcm as concat } from '../../../../models/index.js';
