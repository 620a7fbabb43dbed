import t from 'tap';
import { DtmfReceiver, DtmfSender, ReceiverStats } from '../index.js';

t.test('DtmfReceiver: start/updates/3x end -> exactly one digit', (t) => {
  const rx = new DtmfReceiver(8000);
  const got: string[] = [];
  const feed = (ts: number, ev: number, end: boolean, dur: number, now: number): void => {
    for (const d of rx.handle(ts, { event: ev, end, volume: 10, duration: dur }, now))
      got.push(`${d.digit}:${d.durationMs}`);
  };
  feed(1000, 5, false, 160, 0);
  feed(1000, 5, false, 320, 20);
  feed(1000, 5, false, 480, 40);
  feed(1000, 5, true, 800, 60);
  feed(1000, 5, true, 800, 61);
  feed(1000, 5, true, 800, 62);
  t.same(got, ['5:100']);
  // Same digit again (new timestamp) is a new press.
  feed(5000, 5, false, 160, 500);
  feed(5000, 5, true, 640, 520);
  t.same(got, ['5:100', '5:80']);
  // End packets lost: the next event flushes the previous one.
  feed(9000, 11, false, 160, 900);
  feed(9000, 11, false, 320, 920);
  feed(12000, 10, false, 160, 1200);
  t.same(got.slice(2), ['#:40']);
  // ...and a timeout flushes the last one.
  t.same(rx.poll(1300), []);
  t.same(
    rx.poll(2300).map((d) => d.digit),
    ['*'],
  );
  // Late repeats of an already reported event are ignored.
  feed(1000, 5, true, 800, 3000);
  t.equal(got.length, 3);
  t.end();
});

t.test('DtmfSender: marker on first packet, increasing duration, end sent 3 times', (t) => {
  const tx = new DtmfSender(8000);
  tx.enqueue('9', 100);
  const pkts = [];
  let ts = 8000;
  for (let i = 0; i < 12; i++) {
    const p = tx.next(ts, 160);
    if (p) pkts.push(p);
    ts += 160;
  }
  t.equal(pkts[0]?.marker, true);
  t.ok(
    pkts.slice(1).every((p) => !p.marker),
    'marker only once',
  );
  t.ok(
    pkts.every((p) => p.eventTs === 8000 && p.payload.event === 9),
    'same event timestamp throughout',
  );
  const durations = pkts.map((p) => p.payload.duration);
  t.same(durations, [160, 320, 480, 640, 800, 800, 800], 'duration updates then final value');
  t.same(
    pkts.map((p) => p.payload.end),
    [false, false, false, false, true, true, true],
  );
  t.match(pkts[6]?.done, { digit: '9', durationMs: 100 });
  t.notOk(tx.busy === false && pkts.length !== 7);
  t.end();
});

t.test('ReceiverStats: sequence wrap, loss, duplicates, jitter', (t) => {
  const s = new ReceiverStats(1, 65530);
  let ext = 0;
  for (let i = 0; i < 20; i++) {
    const seq = (65530 + i) & 0xffff;
    if (i === 8) continue; // lost
    ext = s.update(seq, i * 160, i * 160).extSeq;
  }
  t.equal(ext, 65536 + 13, 'extended sequence crosses the wrap');
  t.equal(s.extendedMaxSeq, 65536 + 13);
  t.equal(s.expected, 20);
  t.equal(s.cumulativeLost, 1);
  t.equal(s.jitter, 0, 'perfect timing has zero jitter');
  const dup = s.update(5, 0, 0);
  t.equal(dup.verdict, 'duplicate-or-old');
  t.equal(dup.extSeq, 65536 + 5);
  const rb = s.makeReportBlock(0);
  t.equal(rb.extendedHighestSeq, 65536 + 13);
  t.equal(rb.cumulativeLost, 0, 'duplicate compensates (RFC 3550 allows that)');
  // Restart: a big jump is accepted only when confirmed by the next packet.
  t.equal(s.update(30000, 0, 0).verdict, 'restart-pending');
  t.equal(s.update(30001, 160, 160).verdict, 'restarted');
  // Jitter: alternate +-80 units of arrival deviation -> converges near 80*... (RFC A.8 estimator)
  const j = new ReceiverStats(2, 0);
  for (let i = 0; i < 400; i++) j.update(i, i * 160, i * 160 + (i % 2 ? 80 : 0));
  t.ok(j.jitter > 60 && j.jitter <= 80, `jitter estimate ${j.jitter} ~ 80 units`);
  t.end();
});
