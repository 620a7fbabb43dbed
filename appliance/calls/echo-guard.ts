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
 * of delays tried.
 *
 * An onset is 300-400 ms of audio, and one rise from silence lined up with one of the agent's by
 * chance can pass all three tests (seen under load: a caller's steady voice against a word the
 * agent started 260 ms earlier, correlation 0.98 from that single step). So a match is a
 * hypothesis that the rest of the segment keeps testing (`EchoWatch`): each later frame must be
 * explained by the agent's audio at the matched delay less the matched loss. A caller loud where
 * the echo would be quiet (the agent paused, or is far quieter) for a few frames is a talker after
 * all: the session then takes the segment, its audio from the onset on, as a barge-in. Double
 * talk (a caller over a real echo) is caught the same way.
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
/** A later caller frame louder than the echo it should be by more than this is unexplained, dB. */
const UNEXPLAINED_MARGIN_DB = 6;
/** Caller frames quieter than this are line noise: no evidence either way, dBFS. */
const TALK_FLOOR_DBFS = -50;
/** This many unexplained frames (60 ms) make the segment a talker's. */
const UNEXPLAINED_FRAMES = 3;
/** Timing slack when predicting the echo of a later frame: the loudest sent within this, ms. */
const SLACK_MS = 40;

/** Where an onset matched the agent's audio: the echo path's delay (ms) and loss (dB). */
export interface EchoMatch {
  readonly delayMs: number;
  readonly lossDb: number;
}

/** Samples in one 20 ms frame. */
const frameSamples = (rateHz: number): number => Math.round((rateHz * FRAME_MS) / 1000);

/** Level of each 20 ms frame, dBFS. */
function frameLevels(pcm: Int16Array, rateHz: number): number[] {
  const n = frameSamples(rateHz);
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
    return this.match(callerPcm, sampleRateHz, arrivedAt) !== undefined;
  }

  /** As `isEcho`, with the delay and loss that matched (the hypothesis an `EchoWatch` goes on testing). */
  match(callerPcm: Int16Array, sampleRateHz = 16000, arrivedAt = this.clock.now()): EchoMatch | undefined {
    // Frames counted back from the last sample, which arrived at `arrivedAt`: a part frame at the
    // start is left out (counting from the start put every frame up to 20 ms off its time).
    const n = frameSamples(sampleRateHz);
    const c = frameLevels(callerPcm.subarray(callerPcm.length % n), sampleRateHz).slice(
      -WINDOW_MS / FRAME_MS,
    );
    if (c.length < 8 || this.sent.length === 0) return undefined;
    const cs = stats(c);
    if (cs.sd < MIN_SPREAD_DB) return undefined;
    const now = arrivedAt;
    // Half-frame steps: the caller's frames fall anywhere on the sent frames' 20 ms grid, and a
    // frame off by 10 ms misreads a syllable's edge by several dB.
    for (let delay = 0; delay <= MAX_DELAY_MS; delay += FRAME_MS / 2) {
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
      // The shortest delay that fits: speech at a steady syllable rate fits a period later too.
      if (d.mean >= MIN_LOSS_DB && d.sd <= MAX_LOSS_SPREAD_DB) return { delayMs: delay, lossDb: d.mean };
    }
    return undefined;
  }

  /**
   * The level the echo of the agent's audio would have in the caller frame that started at `t`
   * (ms): the loudest frame sent within the slack around `t - delay`, less the loss (dBFS).
   */
  echoLevel(m: EchoMatch, t: number): number {
    let top = SILENT_DBFS;
    for (let dt = -SLACK_MS; dt <= SLACK_MS; dt += FRAME_MS)
      top = Math.max(top, this.sentAt(t - m.delayMs + dt));
    return top - m.lossDb;
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

/**
 * One segment an onset match took for echo, tested frame by frame as it goes on: `push` returns
 * true once the caller's audio is more than the echo explains (UNEXPLAINED_FRAMES frames louder
 * than the predicted echo by UNEXPLAINED_MARGIN_DB and above the line's noise).
 */
export class EchoWatch {
  private unexplained = 0;
  /** Samples short of a whole frame, kept for the next push (detector frames are 32 ms). */
  private rest = new Int16Array(0);

  constructor(
    private readonly guard: EchoGuard,
    private readonly m: EchoMatch,
  ) {}

  /** Caller audio (the detector's, 16 kHz) whose last frame arrived at `arrivedAt` (ms). */
  push(pcm: Int16Array, sampleRateHz: number, arrivedAt: number): boolean {
    const all = new Int16Array(this.rest.length + pcm.length);
    all.set(this.rest);
    all.set(pcm, this.rest.length);
    const n = frameSamples(sampleRateHz);
    const whole = all.length - (all.length % n);
    this.rest = all.slice(whole);
    // The last whole frame ended when the samples kept back began.
    const endMs = arrivedAt - (this.rest.length / sampleRateHz) * 1000;
    const levels = frameLevels(all.subarray(0, whole), sampleRateHz);
    levels.forEach((db, i) => {
      const startedAt = endMs - (levels.length - i) * FRAME_MS;
      if (db > TALK_FLOOR_DBFS && db > this.guard.echoLevel(this.m, startedAt) + UNEXPLAINED_MARGIN_DB)
        this.unexplained += 1;
    });
    return this.unexplained >= UNEXPLAINED_FRAMES;
  }
}
