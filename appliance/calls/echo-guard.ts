/**
 * Echo guard: on a PBX without echo cancellation the agent's own voice comes back on the caller's
 * line, and the detector would take it for a barge-in (the agent cuts itself off, then answers
 * its own words). While the agent speaks, a confirmed caller onset is compared with what was sent
 * a round trip earlier: the 20 ms level envelopes (dBFS) of the last 400 ms of caller audio
 * against the agent's audio at every delay from 0 to 600 ms (PBX echo paths, jitter buffers and
 * the detector's own delay). Echo when, at some delay, the envelopes move together (Pearson
 * correlation >= 0.8) and, over the agent's loud frames, the caller side is the sent audio less a
 * steady loss (mean >= 3 dB, an echo path always loses level; spread <= 3 dB). Then the onset does
 * not count as a barge-in: in effect the barge-in threshold is raised to "louder than, or unlike,
 * the agent's own voice". A first version with correlation alone (>= 0.6) took a real caller
 * talking over the greeting for echo in call-e2e's barge-in test (31 delays tried: chance matches).
 *
 * Conservative: flat envelopes (a steady tone, silence) give no evidence, so without a clear match
 * a barge-in goes on as before. Timing is reconstructed from the queue (audio goes out right after
 * what is already queued; a flush empties it), accurate to a frame or two, well inside the span
 * of delays tried. Double talk over an echo (caller and echo at once) is heard once the segment
 * the guard dropped has ended.
 */
import type { Clock } from './clock.js';

const FRAME_MS = 20;
/** Longest echo delay tried, ms (PBX round trip + jitter buffers + detector delay). */
const MAX_DELAY_MS = 600;
/** Caller audio compared, ms (the detector's onset hands over its pre-roll, 300 ms and more). */
const WINDOW_MS = 400;
const MIN_CORRELATION = 0.8;
/** An echo comes back at least this much quieter than it was sent, dB. */
const MIN_LOSS_DB = 3;
/** The loss may vary this much (standard deviation over the agent's loud frames, dB). */
const MAX_LOSS_SPREAD_DB = 3;
/** The agent's loud frames: within this of its loudest in the window, dB (quieter echo drowns in line noise). */
const LOUD_RANGE_DB = 20;
/**
 * At least this many of the agent's loud frames in the window (80 ms): the onset of an echo of the
 * greeting's first word is confirmed ~130 ms after the echo starts, with about five such frames in
 * the window (six were asked first; a loaded CI box's onsets fell one short and cut the greeting).
 */
const MIN_LOUD_FRAMES = 4;
/** Envelopes flatter than this (standard deviation, dB) carry no timing evidence. */
const MIN_SPREAD_DB = 1.5;
/** Agent audio kept, ms. */
const KEEP_MS = 5000;
const SILENT_DBFS = -90;

/** Level of each 20 ms frame, dBFS. */
function frameLevels(pcm: Int16Array, rateHz: number): number[] {
  const n = Math.round((rateHz * FRAME_MS) / 1000);
  const out: number[] = [];
  for (let i = 0; i + n <= pcm.length; i += n) {
    let s = 0;
    for (let k = i; k < i + n; k++) s += (pcm[k] as number) ** 2;
    out.push(Math.max(SILENT_DBFS, 10 * Math.log10(s / n / (32768 * 32768) + 1e-12)));
  }
  return out;
}

function stats(x: readonly number[]): { mean: number; sd: number } {
  const mean = x.reduce((a, b) => a + b, 0) / Math.max(1, x.length);
  const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, x.length));
  return { mean, sd };
}

export class EchoGuard {
  /** The agent's frames as sent: start time on the session clock (ms) and level. */
  private sent: Array<{ atMs: number; db: number }> = [];
  /** When the audio queued so far will have gone out, ms. */
  private queueEnd = 0;

  constructor(private readonly clock: Clock) {}

  /** Agent audio handed to the media session: it goes out after what is already queued. */
  played(pcm: Int16Array, sampleRateHz: number): void {
    const now = this.clock.now();
    let at = Math.max(now, this.queueEnd);
    for (const db of frameLevels(pcm, sampleRateHz)) {
      this.sent.push({ atMs: at, db });
      at += FRAME_MS;
    }
    this.queueEnd = at;
    const cutoff = now - KEEP_MS;
    while ((this.sent[0]?.atMs ?? Infinity) < cutoff) this.sent.shift();
  }

  /** The queue was flushed (barge-in): nothing more goes out; frames not yet sent are forgotten. */
  flushed(): void {
    const now = this.clock.now();
    this.sent = this.sent.filter((f) => f.atMs <= now);
    this.queueEnd = now;
  }

  /**
   * Agent audio went out within the longest echo delay before caller audio that arrived at
   * `arrivedAt` (or is going out): an onset may be its echo.
   */
  recent(arrivedAt = this.clock.now()): boolean {
    return this.sent.length > 0 && arrivedAt <= this.queueEnd + MAX_DELAY_MS;
  }

  /**
   * Does caller audio (16 kHz, the detector's onset audio) whose last frame arrived from the
   * media session at `arrivedAt` (session clock, ms) look like the agent's echo? The arrival
   * time, not the moment the detector's verdict comes back: under load the detector runs behind
   * the line by hundreds of ms, and that lag is no part of the echo path.
   */
  isEcho(callerPcm: Int16Array, sampleRateHz = 16000, arrivedAt = this.clock.now()): boolean {
    const c = frameLevels(callerPcm, sampleRateHz).slice(-WINDOW_MS / FRAME_MS);
    if (c.length < 8 || this.sent.length === 0) return false;
    const cs = stats(c);
    if (cs.sd < MIN_SPREAD_DB) return false;
    const now = arrivedAt;
    for (let delay = 0; delay <= MAX_DELAY_MS; delay += FRAME_MS) {
      const a = c.map((_, i) => this.sentAt(now - (c.length - i) * FRAME_MS - delay));
      const as = stats(a);
      if (as.sd < MIN_SPREAD_DB) continue;
      let cov = 0;
      for (let i = 0; i < c.length; i++) cov += ((c[i] as number) - cs.mean) * ((a[i] as number) - as.mean);
      if (cov / c.length / (cs.sd * as.sd) < MIN_CORRELATION) continue;
      // An echo is the sent audio less a steady loss: over the agent's loud frames the level
      // difference is about constant. Another talker's syllables may line up for a moment, never
      // at one steady offset.
      const top = Math.max(...a);
      const diffs = a.flatMap((v, i) => (v > top - LOUD_RANGE_DB ? [v - (c[i] as number)] : []));
      if (diffs.length < MIN_LOUD_FRAMES) continue;
      const d = stats(diffs);
      if (d.mean >= MIN_LOSS_DB && d.sd <= MAX_LOSS_SPREAD_DB) return true;
    }
    return false;
  }

  /** The level of the agent frame going out at `t`, or silence. */
  private sentAt(t: number): number {
    // Frames are in time order; the recent end is what is searched, so scan from the back.
    for (let i = this.sent.length - 1; i >= 0; i--) {
      const f = this.sent[i] as { atMs: number; db: number };
      if (f.atMs <= t) return t < f.atMs + FRAME_MS ? f.db : SILENT_DBFS;
    }
    return SILENT_DBFS;
  }
}
