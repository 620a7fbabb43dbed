/**
 * Checks a sherpa-onnx Whisper export before sherpa-onnx loads it. The native loader ends the
 * whole process (`_Exit(-1)`) when the encoder lacks one of the metadata keys it reads, when a
 * value is not a number, or when a tokens.txt line has more than two fields; a Whisper ONNX from
 * another exporter (or a truncated copy) would take the appliance down at model load. This check
 * turns each of those into a ModelError, so the runtime reports it and falls back to the next
 * STT engine.
 */
import { open, readFile } from 'node:fs/promises';
import { ModelError } from '../types.js';

/** Encoder metadata keys sherpa-onnx reads as non-negative integers (offline-whisper-model.cc). */
const INT_KEYS = [
  'n_mels',
  'n_text_layer',
  'n_text_ctx',
  'n_text_state',
  'n_vocab',
  'sot',
  'eot',
  'blank_id',
  'translate',
  'transcribe',
  'is_multilingual',
  'no_timestamps',
  'no_speech',
] as const;

/** Largest metadata entry read (real exports stay under a few KB). */
const MAX_ENTRY_BYTES = 1 << 20;

/**
 * An ONNX file's metadata_props (ModelProto field 14), read by walking the top-level protobuf
 * fields with positional reads: the graph (the weights) is skipped by its length, never read.
 */
export async function readOnnxMetadata(file: string): Promise<Map<string, string>> {
  const fh = await open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    const bad = (why: string): ModelError =>
      new ModelError(`${file} is not an ONNX model (${why})`, 'bad-input');
    const head = Buffer.alloc(20);
    const meta = new Map<string, string>();
    let pos = 0;
    while (pos < size) {
      const { bytesRead } = await fh.read(head, 0, head.length, pos);
      let at = 0;
      const varint = (): number => {
        let v = 0;
        for (let shift = 0; shift < 64; shift += 7) {
          if (at >= bytesRead) throw bad('truncated');
          const b = head[at++] ?? 0;
          v += (b & 0x7f) * 2 ** shift;
          if ((b & 0x80) === 0) return v;
        }
        throw bad('bad varint');
      };
      const tag = varint();
      const field = Math.floor(tag / 8);
      const wire = tag % 8;
      if (field === 0) throw bad('field 0');
      if (wire === 0) {
        varint();
        pos += at;
      } else if (wire === 1 || wire === 5) {
        pos += at + (wire === 1 ? 8 : 4);
      } else if (wire === 2) {
        const len = varint();
        const start = pos + at;
        if (start + len > size) throw bad('truncated');
        if (field === 14) {
          if (len > MAX_ENTRY_BYTES) throw bad('oversized metadata entry');
          const entry = Buffer.alloc(len);
          await fh.read(entry, 0, len, start);
          const kv = parseStringPair(entry);
          if (!kv) throw bad('bad metadata entry');
          meta.set(kv[0], kv[1]);
        }
        pos = start + len;
      } else {
        throw bad(`wire type ${wire}`);
      }
    }
    if (pos !== size) throw bad('truncated');
    return meta;
  } finally {
    await fh.close();
  }
}

/** StringStringEntryProto: key (1) and value (2), both length-delimited. */
function parseStringPair(b: Buffer): [string, string] | undefined {
  let at = 0;
  let k = '';
  let v = '';
  while (at < b.length) {
    const tag = b[at++] ?? 0;
    if ((tag & 7) !== 2 || tag > 0x7f) return undefined;
    let len = 0;
    for (let shift = 0; ; shift += 7) {
      if (at >= b.length || shift > 28) return undefined;
      const x = b[at++] ?? 0;
      len += (x & 0x7f) * 2 ** shift;
      if ((x & 0x80) === 0) break;
    }
    if (at + len > b.length) return undefined;
    const s = b.toString('utf8', at, at + len);
    at += len;
    if (tag >> 3 === 1) k = s;
    else if (tag >> 3 === 2) v = s;
  }
  return [k, v];
}

const isCount = (s: string | undefined): boolean => s !== undefined && /^\d{1,9}$/.test(s.trim());

/**
 * Throws a `bad-input` ModelError naming the first problem sherpa-onnx would end the process
 * on; `language` is the one the engine asks for (multilingual models must list it).
 */
export async function checkWhisperExport(files: {
  encoder: string;
  tokens: string;
  language: string;
}): Promise<void> {
  const meta = await readOnnxMetadata(files.encoder);
  const fail = (why: string): never => {
    throw new ModelError(
      `whisper encoder ${files.encoder}: ${why} (not a sherpa-onnx Whisper export?)`,
      'bad-input',
    );
  };
  for (const k of INT_KEYS) if (!isCount(meta.get(k))) fail(`metadata '${k}' missing or not a count`);
  const ints = (k: string): number[] => {
    const parts = (meta.get(k) ?? '').split(',').filter((x) => x.trim() !== '');
    if (parts.length === 0 || !parts.every(isCount)) fail(`metadata '${k}' is not a list of integers`);
    return parts.map(Number);
  };
  ints('sot_sequence');
  if (meta.get('is_multilingual')?.trim() !== '0') {
    const tokens = ints('all_language_tokens');
    const codes = (meta.get('all_language_codes') ?? '').split(',').filter((x) => x !== '');
    if (codes.length !== tokens.length) fail('all_language_tokens and all_language_codes differ in length');
    if (!codes.includes(files.language)) fail(`language '${files.language}' is not in all_language_codes`);
  }
  let text: string;
  try {
    text = await readFile(files.tokens, 'utf8');
  } catch (err) {
    throw new ModelError(`whisper tokens unreadable: ${(err as Error).message}`, 'bad-input');
  }
  const lines = text.split('\n');
  const badLine = lines.findIndex((l) => l.trim().split(/\s+/).length > 2);
  if (badLine >= 0) fail(`tokens file ${files.tokens} line ${badLine + 1} has more than two fields`);
}
