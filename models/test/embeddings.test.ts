import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { MiniLmEngine, meanPoolNormalize, miniLmStatus } from '../embeddings/minilm.js';
import { hashedVector, tokenizeForVectors } from '../embeddings/sif.js';
import { cosine, type EmbeddingEngine } from '../embeddings/types.js';
import { WinkSifEngine } from '../embeddings/wink.js';
import { WordPieceTokenizer } from '../embeddings/wordpiece.js';
import { sharedModelsDir } from './helpers.js';

const vocab = path.join(sharedModelsDir, 'all-MiniLM-L6-v2', 'vocab.txt');

t.test(
  'WordPiece tokenizer against the bert-base-uncased vocab',
  { skip: existsSync(vocab) ? false : 'vocab.txt absent' },
  async (t) => {
    const tok = await WordPieceTokenizer.load(vocab);
    t.equal(tok.vocabSize, 30522);
    t.same(tok.tokenize('Hello, World!'), ['hello', ',', 'world', '!']);
    t.same(tok.tokenize('unaffable'), ['una', '##ffa', '##ble']);
    t.same(tok.tokenize('Café résumé'), ['cafe', 'resume'], 'accents stripped');
    t.same(tok.tokenize('XR-200'), ['x', '##r', '-', '200'], '"xr" is not in the vocab: subwords');
    t.same(tok.tokenize('a' + 'x'.repeat(120)), ['[UNK]'], 'over-long word');
    const enc = tok.encode('Opening hours?');
    t.same(enc.tokens, ['[CLS]', 'opening', 'hours', '?', '[SEP]']);
    t.same(enc.inputIds, [101, 3098, 2847, 1029, 102]);
    t.same(enc.attentionMask, [1, 1, 1, 1, 1]);
    const longEnc = tok.encode('word '.repeat(1000));
    t.equal(longEnc.inputIds.length, 256, 'truncated to maxLength');
    t.equal(longEnc.inputIds[255], 102, 'still ends with [SEP]');
    t.throws(() => WordPieceTokenizer.fromVocabText('a\nb\n'), /\[CLS\]/);
  },
);

t.test('MiniLM: pooling math; engine reports missing weights', async (t) => {
  // batch 2, seq 3, dims 2; second text has one padded token
  const hidden = Float32Array.from([1, 0, 3, 0, 100, 100, 0, 2, 0, 4, 50, 50]);
  const v = meanPoolNormalize(
    hidden,
    [
      [1, 1, 1],
      [1, 1, 0],
    ],
    3,
    2,
  );
  t.ok(Math.abs((v[1]?.[0] ?? 1) - 0) < 1e-6 && Math.abs((v[1]?.[1] ?? 0) - 1) < 1e-6, 'padding ignored');
  t.ok(Math.abs(Math.hypot(v[0]?.[0] ?? 0, v[0]?.[1] ?? 0) - 1) < 1e-6, 'unit length');
  const st = miniLmStatus(sharedModelsDir);
  if (st.state === 'missing-weights') {
    t.match(st.reason ?? '', /model_quantized\.onnx/);
    await t.rejects(MiniLmEngine.load({ modelsDir: sharedModelsDir }), { code: 'missing-weights' });
  }
});

t.test('SIF helpers: tokens and hashed OOV vectors', async (t) => {
  t.same(tokenizeForVectors("It's the XR-200, isn't it?"), ["it's", 'the', 'xr-200', "isn't", 'it']);
  const a = hashedVector('xr200', 100);
  t.same(a, hashedVector('xr200', 100), 'deterministic');
  t.ok(
    cosine(a, hashedVector('xr201', 100)) > cosine(a, hashedVector('qq999', 100)),
    'shared trigrams -> closer',
  );
});

const engines: Array<{ name: string; load: () => Promise<EmbeddingEngine>; skip?: string }> = [
  {
    name: 'all-MiniLM-L6-v2',
    load: () => MiniLmEngine.load({ modelsDir: sharedModelsDir }),
    ...(miniLmStatus(sharedModelsDir).state === 'ready'
      ? {}
      : { skip: `all-MiniLM-L6-v2: ${miniLmStatus(sharedModelsDir).state}` }),
  },
  // A shared cache outside the repo: the first run converts the 307 MB JSON once (~10 s).
  {
    name: 'wink-sif',
    load: () => WinkSifEngine.load({ cacheDir: path.join(os.tmpdir(), 'models-test-wink-cache') }),
  },
];

const pairs: Array<[string, string]> = [
  ['What time do you open in the morning?', 'When does your office open?'],
  ['I want to cancel my order', 'Please cancel the order I placed'],
  ['How much does a repair cost?', 'What is the price of fixing it?'],
  ['Can I pay by credit card?', 'Do you accept card payments?'],
];

for (const def of engines) {
  t.test(`embeddings conformance: ${def.name}`, { skip: def.skip ?? false }, async (t) => {
    const engine = await def.load();
    t.teardown(() => engine.close());
    const texts = pairs.flat();
    const vecs = await engine.embed(texts);
    t.equal(vecs.length, texts.length);
    t.ok(
      vecs.every((v) => v.length === engine.dims),
      `dims ${engine.dims}`,
    );
    t.ok(
      vecs.every((v) => Math.abs(Math.hypot(...v) - 1) < 1e-4),
      'L2-normalized',
    );
    let wins = 0;
    let gap = 0;
    for (let i = 0; i < pairs.length; i++) {
      const a = vecs[2 * i] as Float32Array;
      const b = vecs[2 * i + 1] as Float32Array;
      const para = cosine(a, b);
      // Unrelated: the paraphrase half of the next pair.
      const other = vecs[(2 * (i + 1) + 1) % vecs.length] as Float32Array;
      const unrel = cosine(a, other);
      t.comment(
        `${def.name}: paraphrase ${para.toFixed(3)} vs unrelated ${unrel.toFixed(3)}: ${pairs[i]?.[0]}`,
      );
      if (para > unrel) wins++;
      gap += (para - unrel) / pairs.length;
    }
    // Word-vector SIF cannot link "repair cost" to "price of fixing": one miss is tolerated.
    t.ok(wins >= pairs.length - 1, `${wins}/${pairs.length} paraphrase pairs closer than an unrelated pair`);
    t.ok(gap > 0.1, `mean paraphrase-unrelated gap ${gap.toFixed(3)} > 0.1`);
    const codes = await engine.embed([
      'Reset the XR-200 router',
      'xr200 router reset',
      'Opening hours on Sunday',
    ]);
    t.ok(
      cosine(codes[0] as Float32Array, codes[1] as Float32Array) >
        cosine(codes[0] as Float32Array, codes[2] as Float32Array),
      'product codes match across spellings',
    );
    t.same(await engine.embed([]), []);
    const odd = await engine.embed(['', '   ', '🙂🙂', 'x'.repeat(20000)]);
    t.equal(odd.length, 4, 'empty, emoji-only and huge texts are embedded without error');

    // Big batch runs off the event loop: timers keep firing while it is computed.
    const many = Array.from(
      { length: 3000 },
      (_, i) => `knowledge chunk ${i} about opening hours, prices and repairs number ${i % 97}`,
    );
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const t0 = performance.now();
    const out = await engine.embed(many);
    clearInterval(timer);
    const ms = performance.now() - t0;
    t.equal(out.length, many.length);
    t.comment(`${def.name}: ${many.length} texts in ${Math.round(ms)} ms, ${ticks} timer ticks meanwhile`);
    t.ok(ms < 50 || ticks >= 2, 'event loop not blocked during the batch');
  });
}
