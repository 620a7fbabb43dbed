import t from 'tap';
import { JitterBuffer } from '../index.js';
import { prng } from './helpers.js';

t.test('in-order stream plays everything after the initial delay', (t) => {
  const jb = new JitterBuffer<number>({ initialDelayMs: 40, frameMs: 20 });
  t.equal(jb.pop().kind, 'idle');
  jb.push(100, 100);
  t.equal(jb.pop().kind, 'idle', 'still buffering (20 ms < 40 ms target)');
  jb.push(101, 101);
  const out = jb.pop();
  t.match(out, { kind: 'frame', extSeq: 100, item: 100 });
  t.match(jb.pop(), { kind: 'frame', extSeq: 101 });
  t.equal(jb.pop().kind, 'wait', 'underrun waits instead of skipping');
  jb.push(102, 102);
  t.match(jb.pop(), { kind: 'frame', extSeq: 102 });
  t.equal(jb.push(101, 101), 'late');
  t.end();
});

t.test('property: shuffled/lost/duplicated packets (seeded, many trials)', (t) => {
  const trials = 300;
  let totalLost = 0;
  for (let trial = 0; trial < trials; trial++) {
    const rnd = prng(1000 + trial);
    const n = 50 + Math.floor(rnd() * 200);
    const lossRate = rnd() * 0.2;
    const dupRate = rnd() * 0.1;
    const maxDisplacementFrames = Math.floor(rnd() * 4);
    const base = Math.floor(rnd() * 70000);
    // Each packet gets an arrival time: nominal + jitter that may reorder within the displacement.
    const arrivals: { seq: number; at: number }[] = [];
    const neverSent = new Set<number>();
    for (let i = 0; i < n; i++) {
      const seq = base + i;
      if (i > 0 && i < n - 1 && rnd() < lossRate) {
        neverSent.add(seq);
        continue;
      }
      const at = i * 20 + rnd() * maxDisplacementFrames * 20;
      arrivals.push({ seq, at });
      if (rnd() < dupRate) arrivals.push({ seq, at: at + rnd() * 60 });
    }
    arrivals.sort((a, b) => a.at - b.at);
    const droppedSeqs: number[] = [];
    const jb = new JitterBuffer<number>({
      frameMs: 20,
      initialDelayMs: 40,
      maxDelayMs: 400,
      onDrop: (s) => droppedSeqs.push(s),
    });
    const delivered: number[] = [];
    const concealed: number[] = [];
    const lateSeqs = new Set<number>();
    let k = 0;
    for (let tick = 0; tick < n + 60; tick++) {
      const now = tick * 20;
      while (k < arrivals.length && (arrivals[k]?.at ?? Infinity) <= now) {
        const a = arrivals[k++] as { seq: number; at: number };
        const r = jb.push(a.seq, a.seq);
        if (r === 'late' && !delivered.includes(a.seq)) lateSeqs.add(a.seq);
      }
      jb.setJitterMs(maxDisplacementFrames * 5);
      const out = jb.pop();
      if (out.kind === 'frame') delivered.push(out.extSeq);
      else if (out.kind === 'lost') concealed.push(out.extSeq);
    }
    // Order strictly increasing: monotonic and no duplicates.
    const ok = delivered.every((s, i) => i === 0 || s > (delivered[i - 1] ?? -1));
    if (!ok) t.fail(`trial ${trial}: output not strictly increasing`);
    t.equal(droppedSeqs.length, jb.stats.dropped);
    // Every packet that was sent and not late is delivered exactly once, unless the buffer discarded it
    // to cut latency (reported through onDrop).
    for (const a of arrivals) {
      if (!lateSeqs.has(a.seq) && !delivered.includes(a.seq) && !droppedSeqs.includes(a.seq)) {
        t.fail(`trial ${trial}: seq ${a.seq} lost inside the buffer`);
        break;
      }
    }
    // Concealment frames account exactly for packets that never came plus those that came too late.
    const firstPlayed = Math.min(...delivered, ...concealed);
    const expectedConceal = new Set([...neverSent, ...lateSeqs].filter((s) => s >= firstPlayed));
    if (concealed.length !== expectedConceal.size || !concealed.every((s) => expectedConceal.has(s))) {
      t.fail(
        `trial ${trial}: concealed ${concealed.length} vs lost ${neverSent.size} + late ${lateSeqs.size}`,
      );
    }
    totalLost += neverSent.size;
    const all = [...delivered, ...concealed, ...droppedSeqs].sort((a, b) => a - b);
    const start = all[0] ?? base;
    // Playout starts at the lowest packet buffered when the target delay was reached; anything older
    // that shows up afterwards is late, never played.
    const beforeStart = [...lateSeqs].filter((s) => s < start).length;
    if (
      start - base !== beforeStart ||
      all.length !== base + n - start ||
      all[all.length - 1] !== base + n - 1
    ) {
      t.fail(
        `trial ${trial}: playout does not cover the stream exactly once (${all.length}/${n} from ${start - base})`,
      );
    }
  }
  t.ok(totalLost > 100, `exercised ${totalLost} lost packets over ${trials} trials`);
  t.pass('all trials consistent');
  t.end();
});

t.test('adaptive target delay follows jitter and lateness, within bounds', (t) => {
  const jb = new JitterBuffer<number>({ frameMs: 20, minDelayMs: 20, maxDelayMs: 160, initialDelayMs: 40 });
  jb.setJitterMs(0);
  t.equal(jb.targetDelayMs, 20);
  jb.setJitterMs(30);
  t.equal(jb.targetDelayMs, 110, 'frame + 3 x jitter');
  jb.setJitterMs(500);
  t.equal(jb.targetDelayMs, 160, 'clamped at max');
  jb.setJitterMs(0);
  for (let i = 0; i < 3; i++) jb.push(i, i);
  jb.pop();
  jb.pop();
  t.equal(jb.push(0, 0), 'late');
  t.equal(jb.targetDelayMs, 40, 'a late packet adds a frame of delay');
  t.end();
});

t.test('hard cap drops the oldest audio beyond maxDelayMs', (t) => {
  const jb = new JitterBuffer<number>({ frameMs: 20, maxDelayMs: 100, initialDelayMs: 20 });
  for (let i = 0; i < 20; i++) jb.push(i, i);
  t.ok(jb.stats.dropped >= 15, `dropped ${jb.stats.dropped}`);
  const first = jb.pop();
  t.match(first, { kind: 'frame' });
  t.ok(first.kind === 'frame' && first.extSeq >= 15, 'plays recent audio');
  t.end();
});
