import t from 'tap';
import {
  expectedCalibrationError,
  fitTemperature,
  nll,
  softmax,
  type CalibrationSample,
} from '../calibration.js';

/** Deterministic PRNG so the synthetic data is the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

t.test('softmax', async (t) => {
  const p = softmax([1, 2, 3], 1);
  t.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-9, 'sums to 1');
  t.ok(p[2]! > p[1]! && p[1]! > p[0]!, 'keeps the order');
  t.ok(softmax([1, 2], 0.01)[1]! > 0.99, 'a low temperature is sharp');
  t.ok(Math.abs(softmax([1, 2], 100)[1]! - 0.5) < 0.01, 'a high temperature is flat');
  t.same(softmax([], 1), []);
  t.notOk(softmax([1000, 1001], 0.001).some(Number.isNaN), 'no overflow');
});

t.test('fitTemperature recovers the temperature that generated the labels', async (t) => {
  const rand = rng(7);
  const trueT = 0.15;
  const samples: CalibrationSample[] = [];
  for (let i = 0; i < 3000; i++) {
    const scores = [rand(), rand(), rand(), rand()].map((x) => x * 0.8);
    const p = softmax(scores, trueT);
    // Draw the "right" answer from the model's own distribution: perfectly calibrated data.
    let u = rand();
    let correct = 0;
    for (; correct < p.length - 1; correct++) {
      u -= p[correct]!;
      if (u <= 0) break;
    }
    samples.push({ scores, correct });
  }
  const fitted = fitTemperature(samples);
  t.ok(Math.abs(fitted - trueT) / trueT < 0.2, `fitted ${fitted.toFixed(3)} close to ${trueT}`);
  t.ok(nll(samples, fitted) <= nll(samples, trueT * 3), 'the fit beats a wrong temperature');

  const predictions = samples.map((s) => {
    const p = softmax(s.scores, fitted);
    const top = p.indexOf(Math.max(...p));
    return { confidence: p[top]!, correct: top === s.correct };
  });
  const ece = expectedCalibrationError(predictions);
  t.ok(ece < 0.05, `calibrated at the fitted temperature (ECE ${ece.toFixed(3)})`);
  const sharp = samples.map((s) => {
    const p = softmax(s.scores, fitted / 10);
    const top = p.indexOf(Math.max(...p));
    return { confidence: p[top]!, correct: top === s.correct };
  });
  t.ok(expectedCalibrationError(sharp) > ece + 0.1, 'an overconfident temperature shows a large error');
});

t.test('calibration edge cases', async (t) => {
  t.equal(expectedCalibrationError([]), 0);
  t.equal(nll([{ scores: [1, 2], correct: -1 }], 1), 0, 'samples without a right answer are skipped');
  t.type(fitTemperature([]), 'number');
});
