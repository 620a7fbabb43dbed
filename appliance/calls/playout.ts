/**
 * The agent's audio on one media session: what is queued, what has been played, and the cut /
 * resume needed for barge-in. play() transfers the PCM to the media worker, so a copy is kept
 * until the 'played' event (a resume after a backchannel re-queues the unplayed part).
 */
import type { FlushResult, MediaSession, PlayId } from '../../media/index.js';

interface Item {
  playId: PlayId;
  pcm: Int16Array;
  sampleRateHz: number;
  text: string;
  /** Reply this item belongs to (a reply = one agent turn). */
  replyId: number;
}

export interface CutResult {
  /** Text of the current reply that the caller actually heard (partial sentence pro rata by time). */
  spokenText: string;
  /** Items not (fully) played, the first trimmed to where playback stopped. */
  remainder: Item[];
  flush: FlushResult;
}

/** When resuming after a backchannel, restart this much before the cut, ms. */
const RESUME_OVERLAP_MS = 300;

export class Playout {
  private readonly queued = new Map<PlayId, Item>();
  private readonly playedTexts = new Map<number, string[]>();
  private waiters: Array<() => void> = [];

  constructor(private readonly media: Pick<MediaSession, 'play' | 'flush'>) {}

  get speaking(): boolean {
    return this.queued.size > 0;
  }

  /** The reply whose audio is playing now (the oldest queued item's), if any. */
  get playingReplyId(): number | undefined {
    let min: PlayId | undefined;
    for (const id of this.queued.keys()) if (min === undefined || id < min) min = id;
    return min === undefined ? undefined : this.queued.get(min)?.replyId;
  }

  play(pcm: Int16Array, sampleRateHz: number, text: string, replyId: number): PlayId {
    const keep = pcm.slice();
    const playId = this.media.play(pcm, sampleRateHz);
    this.queued.set(playId, { playId, pcm: keep, sampleRateHz, text, replyId });
    return playId;
  }

  onPlayed(playId: PlayId): void {
    const it = this.queued.get(playId);
    if (!it) return;
    this.queued.delete(playId);
    const list = this.playedTexts.get(it.replyId) ?? [];
    list.push(it.text);
    this.playedTexts.set(it.replyId, list);
    if (this.queued.size === 0) this.wake();
  }

  /** Resolves when nothing is queued (immediately if idle). */
  drained(): Promise<void> {
    if (this.queued.size === 0) return Promise.resolve();
    return new Promise((r) => this.waiters.push(r));
  }

  /** Barge-in: stop the agent's audio now. */
  async cut(replyId: number): Promise<CutResult> {
    const flush = await this.media.flush();
    const cutIds = new Set(flush.cutPlayIds);
    const remainder: Item[] = [];
    for (const id of [...this.queued.keys()].sort((a, b) => a - b)) {
      const it = this.queued.get(id);
      if (!it) continue;
      if (cutIds.has(id)) remainder.push(it);
      else this.onPlayed(id); // sent completely, its 'played' event may still be in flight
      this.queued.delete(id);
    }
    const heard = [...(this.playedTexts.get(replyId) ?? [])];
    const first = remainder[0];
    if (first && flush.playedMs > 0) {
      const totalMs = (first.pcm.length / first.sampleRateHz) * 1000;
      const words = first.text.split(/\s+/).filter(Boolean);
      const n = Math.floor((words.length * Math.min(flush.playedMs, totalMs)) / Math.max(1, totalMs));
      if (n > 0) heard.push(`${words.slice(0, n).join(' ')}...`);
      const from = Math.max(
        0,
        Math.round(((flush.playedMs - RESUME_OVERLAP_MS) / 1000) * first.sampleRateHz),
      );
      remainder[0] = { ...first, pcm: first.pcm.subarray(from) };
    }
    this.wake();
    return { spokenText: heard.join(' '), remainder, flush };
  }

  /** After a backchannel: queue the cut audio again. */
  resume(remainder: readonly Item[]): void {
    for (const it of remainder)
      if (it.pcm.length > 0) this.play(it.pcm, it.sampleRateHz, it.text, it.replyId);
  }

  /** Drop everything (call ending). */
  clear(): void {
    this.queued.clear();
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}

export type PlayoutItem = Item;
