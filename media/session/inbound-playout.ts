/**
 * Caller-side playout: jitter buffer -> decoder -> loss concealment -> one codec-rate frame per tick
 * (for the recording) and 20 ms 16 kHz frames for the speech models.
 *
 * Concealment: a lost frame repeats the last good frame attenuated by 6 dB per consecutive loss, for up
 * to 3 frames, then silence. An underrun ('wait') is concealed the same way but does not advance the
 * sequence (the buffer grows by a frame).
 */
import type { AudioCodec } from '../codecs/codec.js';
import { Resampler } from '../../lib/index.js';
import { JitterBuffer, type JitterBufferOptions } from '../jitter-buffer.js';

export interface InboundFrame {
  /** Codec payload, or undefined for a silence placeholder (telephone-event / comfort-noise packets). */
  payload: Uint8Array | undefined;
  rtpTs: number;
}

const MAX_CONCEAL_FRAMES = 3;
const MODEL_RATE_HZ = 16000;
const MODEL_FRAME_SAMPLES = 320;

export interface PlayoutTick {
  /** Codec-rate PCM for this tick (always frameSamples long). */
  pcm: Int16Array;
  /** Whether the stream has started (before the first packet the tick is plain silence). */
  active: boolean;
  /** 16 kHz 20 ms frames completed in this tick, with the RTP timestamp of their first sample. */
  modelFrames: { pcm: Int16Array; rtpTs: number }[];
  concealed: number;
}

export class InboundPlayout {
  readonly jb: JitterBuffer<InboundFrame>;
  private readonly codec: AudioCodec;
  private readonly toModel: Resampler;
  private fifo: Int16Array = new Int16Array(0);
  private lastGood: Int16Array | undefined;
  private concealRun = 0;
  private started = false;
  /** RTP timestamp (codec RTP clock) of fifo[0]. */
  private fifoTs = 0;
  private modelBuf: Int16Array = new Int16Array(0);
  private modelTs = 0;
  concealedFrames = 0;

  constructor(codec: AudioCodec, jb: JitterBufferOptions = {}) {
    this.codec = codec;
    this.jb = new JitterBuffer<InboundFrame>(jb);
    this.toModel = new Resampler(codec.audioRateHz, MODEL_RATE_HZ);
  }

  private append(pcm: Int16Array, rtpTs: number | undefined): void {
    if (this.fifo.length === 0 && rtpTs !== undefined) this.fifoTs = rtpTs;
    const next = new Int16Array(this.fifo.length + pcm.length);
    next.set(this.fifo);
    next.set(pcm, this.fifo.length);
    this.fifo = next;
  }

  private conceal(samples: number): Int16Array {
    this.concealRun++;
    this.concealedFrames++;
    const out = new Int16Array(samples);
    if (this.lastGood && this.concealRun <= MAX_CONCEAL_FRAMES) {
      const gain = Math.pow(0.5, this.concealRun);
      for (let i = 0; i < samples; i++)
        out[i] = Math.round((this.lastGood[i % this.lastGood.length] ?? 0) * gain);
    }
    return out;
  }

  /** Produce `frameSamples` of caller audio for this tick. */
  tick(frameSamples: number): PlayoutTick {
    let concealed = 0;
    let guard = 0;
    while (this.fifo.length < frameSamples && guard++ < 16) {
      const out = this.jb.pop();
      if (out.kind === 'frame') {
        this.started = true;
        let pcm: Int16Array;
        const payload = out.item.payload;
        if (payload === undefined) pcm = new Int16Array(frameSamples);
        else {
          try {
            pcm = this.codec.decode(payload);
          } catch {
            pcm = this.conceal(frameSamples);
          }
        }
        this.lastGood = pcm;
        this.concealRun = 0;
        this.append(pcm, out.item.rtpTs);
      } else if (out.kind === 'lost' || (out.kind === 'wait' && this.started)) {
        concealed++;
        const n = this.lastGood?.length ?? frameSamples;
        this.append(this.conceal(n), undefined);
        if (out.kind === 'wait') break;
      } else {
        break;
      }
    }
    const active = this.started;
    const pcm = new Int16Array(frameSamples);
    const n = Math.min(frameSamples, this.fifo.length);
    pcm.set(this.fifo.subarray(0, n));
    this.fifo = this.fifo.slice(n);
    const tsAdvance = Math.round((n * this.codec.rtpClockHz) / this.codec.audioRateHz);
    const tickTs = this.fifoTs;
    this.fifoTs = (this.fifoTs + tsAdvance) >>> 0;
    const modelFrames = active ? this.toModelFrames(pcm, tickTs) : [];
    return { pcm, active, modelFrames, concealed };
  }

  private toModelFrames(pcm: Int16Array, tickTs: number): { pcm: Int16Array; rtpTs: number }[] {
    const up = this.toModel.process(pcm);
    if (this.modelBuf.length === 0) this.modelTs = tickTs;
    const merged = new Int16Array(this.modelBuf.length + up.length);
    merged.set(this.modelBuf);
    merged.set(up, this.modelBuf.length);
    const frames: { pcm: Int16Array; rtpTs: number }[] = [];
    let off = 0;
    const tsPerFrame = Math.round((MODEL_FRAME_SAMPLES * this.codec.rtpClockHz) / MODEL_RATE_HZ);
    while (merged.length - off >= MODEL_FRAME_SAMPLES) {
      frames.push({ pcm: merged.slice(off, off + MODEL_FRAME_SAMPLES), rtpTs: this.modelTs });
      this.modelTs = (this.modelTs + tsPerFrame) >>> 0;
      off += MODEL_FRAME_SAMPLES;
    }
    this.modelBuf = merged.slice(off);
    return frames;
  }

  /** New SSRC / restart: forget buffered packets and decoder history continuity. */
  reset(): void {
    this.jb.reset();
    this.fifo = new Int16Array(0);
    this.concealRun = 0;
  }
}
