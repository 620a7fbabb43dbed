/**
 * Queue of agent audio that the pacer drains one frame per tick. Items keep their source rate; they
 * are converted to the codec rate lazily, ~2 frames ahead (prepare(), called after the tick's sends),
 * so a 30 s TTS utterance queued at once never blocks the media thread for a long resampling pass.
 * Tracks play items so it can report 'played' when an item's last sample left, and what a flush cut.
 */
import { Resampler } from '../../lib/index.js';
import type { FlushResult, PlayId } from '../types.js';

interface PlayItem {
  playId: PlayId;
  src: Int16Array;
  srcRateHz: number;
  srcOffset: number;
  /** Converted (codec-rate) samples not yet taken. */
  ready: Int16Array;
  /** Codec-rate samples taken (sent) so far. */
  taken: number;
}

export interface TakeResult {
  /** Exactly `frameSamples` samples (zero padded), or undefined when nothing was queued. */
  pcm: Int16Array | undefined;
  /** First frame after silence: the pacer sets the RTP marker bit. */
  talkspurtStart: boolean;
  /** Items whose last sample is in this frame, with their durations. */
  finished: { playId: PlayId; durationMs: number }[];
}

/** Source samples converted per step: 20 ms, so one step costs about one frame of filtering. */
const STEP_MS = 20;

export class OutboundQueue {
  private readonly items: PlayItem[] = [];
  private readonly rateHz: number;
  private resamplers = new Map<number, Resampler>();
  private talking = false;

  constructor(rateHz: number) {
    this.rateHz = rateHz;
  }

  enqueue(playId: PlayId, pcm: Int16Array, sampleRateHz: number): void {
    this.items.push({
      playId,
      src: pcm,
      srcRateHz: sampleRateHz,
      srcOffset: 0,
      ready: new Int16Array(0),
      taken: 0,
    });
  }

  get isEmpty(): boolean {
    return this.items.length === 0;
  }

  /** Queued audio not yet sent, ms (source durations for unconverted parts). */
  get queuedMs(): number {
    let ms = 0;
    for (const it of this.items) {
      ms += (it.ready.length / this.rateHz) * 1000 + ((it.src.length - it.srcOffset) / it.srcRateHz) * 1000;
    }
    return ms;
  }

  /** Convert one step of an item's source to the codec rate; false when its source is exhausted. */
  private convertStep(it: PlayItem): boolean {
    if (it.srcOffset >= it.src.length) return false;
    const step = Math.max(1, Math.round((it.srcRateHz * STEP_MS) / 1000));
    const chunk = it.src.subarray(it.srcOffset, it.srcOffset + step);
    it.srcOffset += chunk.length;
    let out: Int16Array;
    if (it.srcRateHz === this.rateHz) out = chunk;
    else {
      let rs = this.resamplers.get(it.srcRateHz);
      if (!rs) {
        rs = new Resampler(it.srcRateHz, this.rateHz);
        this.resamplers.set(it.srcRateHz, rs);
      }
      out = rs.process(chunk);
    }
    const merged = new Int16Array(it.ready.length + out.length);
    merged.set(it.ready);
    merged.set(out, it.ready.length);
    it.ready = merged;
    return true;
  }

  /** Make sure at least `samples` converted samples are ready at the head of the queue. */
  prepare(samples: number): void {
    let have = 0;
    for (const it of this.items) {
      while (have + it.ready.length < samples && this.convertStep(it)) {
        /* converting */
      }
      have += it.ready.length;
      if (have >= samples) return;
    }
  }

  take(frameSamples: number): TakeResult {
    const finished: { playId: PlayId; durationMs: number }[] = [];
    if (this.items.length === 0) {
      this.talking = false;
      return { pcm: undefined, talkspurtStart: false, finished };
    }
    this.prepare(frameSamples);
    const out = new Int16Array(frameSamples);
    let filled = 0;
    while (filled < frameSamples && this.items.length > 0) {
      const item = this.items[0] as PlayItem;
      if (item.ready.length === 0 && !this.convertStep(item)) {
        this.items.shift();
        finished.push({ playId: item.playId, durationMs: (item.taken / this.rateHz) * 1000 });
        continue;
      }
      const n = Math.min(frameSamples - filled, item.ready.length);
      out.set(item.ready.subarray(0, n), filled);
      item.ready = item.ready.subarray(n);
      item.taken += n;
      filled += n;
      if (item.ready.length === 0 && item.srcOffset >= item.src.length) {
        this.items.shift();
        finished.push({ playId: item.playId, durationMs: (item.taken / this.rateHz) * 1000 });
      }
    }
    if (filled === 0) {
      this.talking = false;
      return { pcm: undefined, talkspurtStart: false, finished };
    }
    const talkspurtStart = !this.talking;
    this.talking = true;
    return { pcm: out, talkspurtStart, finished };
  }

  /** Barge-in: drop everything queued, report what was cut. */
  flush(): FlushResult {
    const cutPlayIds: PlayId[] = [];
    let playedSamples = 0;
    let unplayedMs = 0;
    for (const item of this.items) {
      cutPlayIds.push(item.playId);
      playedSamples += item.taken;
      unplayedMs += (item.ready.length / this.rateHz) * 1000;
      unplayedMs += ((item.src.length - item.srcOffset) / item.srcRateHz) * 1000;
    }
    this.items.length = 0;
    this.talking = false;
    // Drop resampler history too, so no tail of the cut utterance leaks into the next one.
    this.resamplers = new Map();
    return { unplayedMs, playedMs: (playedSamples / this.rateHz) * 1000, cutPlayIds };
  }
}
