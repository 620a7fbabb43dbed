/**
 * Stand-in models: ONNX graphs with exactly the input/output names, element types and shapes of
 * the real models the production engines load, random weights and tiny sizes. They exercise the
 * engines' plumbing (feeds, shapes, sample rates, tokenisation, sherpa-onnx's metadata) without
 * the real weights; what they produce is noise and garbage words, never speech or meaning.
 *
 *  - Piper VITS voice (piper_train export_onnx): input int64 [1, N], input_lengths int64 [1],
 *    scales float32 [3] (noise, length, noise_w), sid int64 [1] -> output float32 [1, 1, 1, T],
 *    T = N * PIPER_SAMPLES_PER_ID (a real voice makes ~900 samples at 22.05 kHz per id).
 *  - all-MiniLM-L6-v2 (Xenova export): input_ids, attention_mask, token_type_ids int64 [B, S]
 *    -> last_hidden_state float32 [B, S, 384].
 *  - Whisper for sherpa-onnx (scripts/whisper/export-onnx.py): encoder mel float32 [1, 80, T] ->
 *    n_layer_cross_k / n_layer_cross_v [L, 1, T/2, D] with the metadata sherpa-onnx reads; decoder
 *    tokens, in_n_layer_self_{k,v}_cache, n_layer_cross_{k,v}, offset -> logits [1, n, vocab],
 *    out_n_layer_self_{k,v}_cache; tokens.txt as base64 + id lines.
 */
import { f32, i64, randomFloats, type OnnxModel } from './onnx-writer.js';

/** Output samples per phoneme id of the stand-in voice. */
export const PIPER_SAMPLES_PER_ID = 640;
export const MINILM_DIMS = 384;
/** Width of the stand-in MiniLM's token tables before projection to 384 dims. */
const MINILM_INNER = 16;
const MINILM_MAX_POS = 512;

const scalarI64 = (name: string, v: number) => i64(name, [], [v]);

export function piperStandin(numSymbols: number, numSpeakers: number): OnnxModel {
  const hop = PIPER_SAMPLES_PER_ID;
  const multi = numSpeakers > 1;
  return {
    graphName: 'piper-standin',
    opset: 15,
    inputs: [
      { name: 'input', type: 'int64', shape: ['batch_size', 'phonemes'] },
      { name: 'input_lengths', type: 'int64', shape: ['batch_size'] },
      { name: 'scales', type: 'float32', shape: [3] },
      ...(multi ? [{ name: 'sid', type: 'int64' as const, shape: [1] }] : []),
    ],
    outputs: [{ name: 'output', type: 'float32', shape: ['batch_size', 1, 1, 'time'] }],
    initializers: [
      f32('emb', [numSymbols, hop], randomFloats(numSymbols * hop, 1, 1.5)),
      ...(multi
        ? [
            f32(
              'speaker_gain',
              [numSpeakers],
              randomFloats(numSpeakers, 2, 0.5).map((x) => 1 + x),
            ),
          ]
        : []),
      scalarI64('c0', 0),
      scalarI64('c1', 1),
      i64('shape_mask', [3], [1, -1, 1]),
      i64('shape_out', [4], [1, 1, 1, -1]),
    ],
    nodes: [
      { op: 'Gather', inputs: ['emb', 'input'], outputs: ['x'] },
      ...(multi
        ? [
            { op: 'Gather', inputs: ['speaker_gain', 'sid'], outputs: ['g'] },
            { op: 'Mul', inputs: ['x', 'g'], outputs: ['xg'] },
          ]
        : [{ op: 'Identity', inputs: ['x'], outputs: ['xg'] }]),
      { op: 'Tanh', inputs: ['xg'], outputs: ['y'] },
      // Samples of ids beyond input_lengths are zero, as a real voice masks them.
      { op: 'Shape', inputs: ['input'], outputs: ['in_shape'] },
      { op: 'Gather', inputs: ['in_shape', 'c1'], outputs: ['n'], attrs: { axis: { int: 0 } } },
      { op: 'Range', inputs: ['c0', 'n', 'c1'], outputs: ['pos'] },
      { op: 'Less', inputs: ['pos', 'input_lengths'], outputs: ['valid'] },
      { op: 'Cast', inputs: ['valid'], outputs: ['valid_f'], attrs: { to: { int: 1 } } },
      { op: 'Reshape', inputs: ['valid_f', 'shape_mask'], outputs: ['mask'] },
      { op: 'Mul', inputs: ['y', 'mask'], outputs: ['ym'] },
      // Amplitude follows noise_scale (scales[0]), so the feed order matters.
      { op: 'Gather', inputs: ['scales', 'c0'], outputs: ['noise'], attrs: { axis: { int: 0 } } },
      { op: 'Mul', inputs: ['ym', 'noise'], outputs: ['ya'] },
      { op: 'Reshape', inputs: ['ya', 'shape_out'], outputs: ['output'] },
    ],
    metadata: { standin: 'piper' },
  };
}

export function miniLmStandin(vocabSize: number): OnnxModel {
  const e = MINILM_INNER;
  const dims = ['batch_size', 'sequence_length'];
  return {
    graphName: 'minilm-standin',
    opset: 17,
    inputs: [
      { name: 'input_ids', type: 'int64', shape: dims },
      { name: 'attention_mask', type: 'int64', shape: dims },
      { name: 'token_type_ids', type: 'int64', shape: dims },
    ],
    outputs: [{ name: 'last_hidden_state', type: 'float32', shape: [...dims, MINILM_DIMS] }],
    initializers: [
      f32('word', [vocabSize, e], randomFloats(vocabSize * e, 3)),
      f32('position', [MINILM_MAX_POS, e], randomFloats(MINILM_MAX_POS * e, 4, 0.2)),
      f32('token_type', [2, e], randomFloats(2 * e, 5, 0.2)),
      f32('mask_emb', [e], randomFloats(e, 6, 0.2)),
      f32('proj', [e, MINILM_DIMS], randomFloats(e * MINILM_DIMS, 7, 0.5)),
      f32('bias', [MINILM_DIMS], randomFloats(MINILM_DIMS, 8, 0.1)),
      scalarI64('c0', 0),
      scalarI64('c1', 1),
      i64('axis2', [1], [2]),
    ],
    nodes: [
      { op: 'Gather', inputs: ['word', 'input_ids'], outputs: ['w'] },
      { op: 'Shape', inputs: ['input_ids'], outputs: ['ids_shape'] },
      { op: 'Gather', inputs: ['ids_shape', 'c1'], outputs: ['seq'], attrs: { axis: { int: 0 } } },
      { op: 'Range', inputs: ['c0', 'seq', 'c1'], outputs: ['pos'] },
      { op: 'Gather', inputs: ['position', 'pos'], outputs: ['p'] },
      { op: 'Gather', inputs: ['token_type', 'token_type_ids'], outputs: ['ty'] },
      { op: 'Add', inputs: ['w', 'p'], outputs: ['wp'] },
      { op: 'Add', inputs: ['wp', 'ty'], outputs: ['h0'] },
      { op: 'Cast', inputs: ['attention_mask'], outputs: ['mask_f'], attrs: { to: { int: 1 } } },
      { op: 'Unsqueeze', inputs: ['mask_f', 'axis2'], outputs: ['mask3'] },
      { op: 'Mul', inputs: ['mask3', 'mask_emb'], outputs: ['mm'] },
      { op: 'Add', inputs: ['h0', 'mm'], outputs: ['h1'] },
      { op: 'MatMul', inputs: ['h1', 'proj'], outputs: ['h2'] },
      { op: 'Add', inputs: ['h2', 'bias'], outputs: ['h3'] },
      { op: 'Tanh', inputs: ['h3'], outputs: ['last_hidden_state'] },
    ],
    metadata: { standin: 'all-MiniLM-L6-v2' },
  };
}

/**
 * Words of the stand-in Whisper vocabulary (GPT-2 style: a leading space starts a word). Neutral
 * words only, so a garbage transcript does not ask for a transfer, a message or a goodbye.
 */
export const WHISPER_STANDIN_WORDS: readonly string[] = (
  'the a to and of is it in that for are on with be this at how when open hours price cost ' +
  'visit today tomorrow Monday Friday weekend morning evening address street city dog cat pet ' +
  'clinic dental cleaning check card cash plan week day time late early near park bus train road'
).split(' ');

export interface WhisperStandin {
  encoder: OnnxModel;
  decoder: OnnxModel;
  /** tokens.txt: `<base64 of the token's bytes> <id>` per line, as sherpa-onnx's export writes it. */
  tokens: string;
}

/**
 * An English-only ("tiny.en"-like) layout: text tokens, then eot, sot, translate, transcribe,
 * sot_lm, sot_prev, no_speech, no_timestamps, then 1501 timestamp tokens. The output bias keeps
 * special and timestamp tokens (eot included) from winning, so a decode always yields words and
 * runs to sherpa-onnx's length cap (6 tokens per second of audio).
 */
export function whisperStandin(
  opts: { layers?: number; state?: number; textCtx?: number } = {},
): WhisperStandin {
  const L = opts.layers ?? 2;
  const D = opts.state ?? 8;
  const ctx = opts.textCtx ?? 64;
  const nMels = 80;
  const words = WHISPER_STANDIN_WORDS.map((w) => ` ${w}`);
  const nText = words.length;
  const special = [
    'eot',
    'sot',
    'translate',
    'transcribe',
    'sot_lm',
    'sot_prev',
    'no_speech',
    'no_timestamps',
  ];
  const id = (s: string): number => nText + special.indexOf(s);
  const nVocab = nText + special.length + 1501;
  const metadata: Record<string, string> = {
    model_type: 'whisper-tiny.en',
    version: '1',
    maintainer: 'voice-appliance stand-in (random weights)',
    n_mels: String(nMels),
    n_audio_ctx: '1500',
    n_audio_state: String(D),
    n_audio_head: '1',
    n_audio_layer: String(L),
    n_vocab: String(nVocab),
    n_text_ctx: String(ctx),
    n_text_state: String(D),
    n_text_head: '1',
    n_text_layer: String(L),
    sot_sequence: String(id('sot')),
    all_language_tokens: '',
    all_language_codes: '',
    sot: String(id('sot')),
    sot_index: '0',
    eot: String(id('eot')),
    blank_id: '0',
    is_multilingual: '0',
    no_speech: String(id('no_speech')),
    non_speech_tokens: '',
    transcribe: String(id('transcribe')),
    translate: String(id('translate')),
    sot_prev: String(id('sot_prev')),
    sot_lm: String(id('sot_lm')),
    no_timestamps: String(id('no_timestamps')),
  };
  const encoder: OnnxModel = {
    graphName: 'whisper-encoder-standin',
    opset: 17,
    inputs: [{ name: 'mel', type: 'float32', shape: ['n_audio', nMels, 'T'] }],
    outputs: ['n_layer_cross_k', 'n_layer_cross_v'].map((name) => ({
      name,
      type: 'float32' as const,
      shape: [L, 'n_audio', 'T_2', D],
    })),
    initializers: [
      f32('wk', [nMels, D], randomFloats(nMels * D, 11, 0.3)),
      f32('wv', [nMels, D], randomFloats(nMels * D, 12, 0.3)),
      i64('starts', [1], [0]),
      i64('ends', [1], [2 ** 53]),
      i64('axes', [1], [1]),
      i64('steps', [1], [2]),
      i64('axis0', [1], [0]),
      i64('layers', [4], [L, 1, 1, 1]),
    ],
    nodes: [
      { op: 'Transpose', inputs: ['mel'], outputs: ['mt'], attrs: { perm: { ints: [0, 2, 1] } } },
      // Whisper's conv front end halves the frame rate.
      { op: 'Slice', inputs: ['mt', 'starts', 'ends', 'axes', 'steps'], outputs: ['ms'] },
      ...(['k', 'v'] as const).flatMap((x) => [
        { op: 'MatMul', inputs: ['ms', `w${x}`], outputs: [`${x}0`] },
        { op: 'Tanh', inputs: [`${x}0`], outputs: [`${x}1`] },
        { op: 'Unsqueeze', inputs: [`${x}1`, 'axis0'], outputs: [`${x}2`] },
        { op: 'Expand', inputs: [`${x}2`, 'layers'], outputs: [`n_layer_cross_${x}`] },
      ]),
    ],
    metadata,
  };
  const bias = randomFloats(nVocab, 13, 0.5);
  for (let i = nText; i < nVocab; i++) bias[i] = -1e4;
  const cacheShape = [L, 'n_audio', ctx, D];
  const decoder: OnnxModel = {
    graphName: 'whisper-decoder-standin',
    opset: 17,
    inputs: [
      { name: 'tokens', type: 'int64', shape: ['n_audio', 'n_tokens'] },
      { name: 'in_n_layer_self_k_cache', type: 'float32', shape: cacheShape },
      { name: 'in_n_layer_self_v_cache', type: 'float32', shape: cacheShape },
      { name: 'n_layer_cross_k', type: 'float32', shape: [L, 'n_audio', 'T', D] },
      { name: 'n_layer_cross_v', type: 'float32', shape: [L, 'n_audio', 'T', D] },
      { name: 'offset', type: 'int64', shape: [1] },
    ],
    outputs: [
      { name: 'logits', type: 'float32', shape: ['n_audio', 'n_tokens', nVocab] },
      { name: 'out_n_layer_self_k_cache', type: 'float32', shape: cacheShape },
      { name: 'out_n_layer_self_v_cache', type: 'float32', shape: cacheShape },
    ],
    initializers: [
      f32('tok_emb', [nVocab, D], randomFloats(nVocab * D, 14)),
      f32('pos_emb', [ctx, D], randomFloats(ctx * D, 15)),
      f32('w_out', [D, nVocab], randomFloats(D * nVocab, 16)),
      f32('b_out', [nVocab], bias),
      i64('shape_ctx', [3], [-1, 1, D]),
    ],
    nodes: [
      { op: 'Gather', inputs: ['tok_emb', 'tokens'], outputs: ['e'] },
      { op: 'ReduceMean', inputs: ['n_layer_cross_k'], outputs: ['ck'], attrs: { axes: { ints: [0, 2] } } },
      { op: 'ReduceMean', inputs: ['n_layer_cross_v'], outputs: ['cv'], attrs: { axes: { ints: [0, 2] } } },
      { op: 'Add', inputs: ['ck', 'cv'], outputs: ['c4'] },
      { op: 'Reshape', inputs: ['c4', 'shape_ctx'], outputs: ['c'] },
      { op: 'Gather', inputs: ['pos_emb', 'offset'], outputs: ['p'] },
      { op: 'Add', inputs: ['e', 'c'], outputs: ['ec'] },
      { op: 'Add', inputs: ['ec', 'p'], outputs: ['h0'] },
      { op: 'Tanh', inputs: ['h0'], outputs: ['h'] },
      { op: 'MatMul', inputs: ['h', 'w_out'], outputs: ['l0'] },
      { op: 'Add', inputs: ['l0', 'b_out'], outputs: ['logits'] },
      { op: 'Identity', inputs: ['in_n_layer_self_k_cache'], outputs: ['out_n_layer_self_k_cache'] },
      { op: 'Identity', inputs: ['in_n_layer_self_v_cache'], outputs: ['out_n_layer_self_v_cache'] },
    ],
    metadata: { standin: 'whisper-decoder' },
  };
  const tokens = words.map((w, i) => `${Buffer.from(w, 'utf8').toString('base64')} ${i}\n`).join('');
  return { encoder, decoder, tokens };
}
