/**
 * BERT WordPiece tokenizer (bert-base-uncased rules, as in tokenizer.json of all-MiniLM-L6-v2):
 * BertNormalizer (clean control chars, CJK spacing, lowercase, strip accents), split on
 * whitespace and punctuation, greedy longest-match-first subwords with '##', [UNK] for words
 * over 100 chars or without a segmentation.
 */
import { readFile } from 'node:fs/promises';
import { ModelError } from '../types.js';

export interface Encoding {
  readonly tokens: string[];
  readonly inputIds: number[];
  readonly attentionMask: number[];
  readonly tokenTypeIds: number[];
}

const MAX_WORD_CHARS = 100;

function isPunctuation(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126))
    return true;
  return /\p{P}/u.test(ch);
}

function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

export class WordPieceTokenizer {
  private constructor(
    private readonly vocab: ReadonlyMap<string, number>,
    readonly maxLength: number,
  ) {}

  static fromVocabText(text: string, maxLength = 256): WordPieceTokenizer {
    const vocab = new Map<string, number>();
    text.split('\n').forEach((line, i) => {
      const tok = line.replace(/\r$/, '');
      if (tok.length > 0 && !vocab.has(tok)) vocab.set(tok, i);
    });
    for (const special of ['[CLS]', '[SEP]', '[UNK]', '[PAD]']) {
      if (!vocab.has(special)) throw new ModelError(`vocab lacks ${special}`, 'bad-input');
    }
    return new WordPieceTokenizer(vocab, maxLength);
  }

  static async load(vocabPath: string, maxLength = 256): Promise<WordPieceTokenizer> {
    return WordPieceTokenizer.fromVocabText(await readFile(vocabPath, 'utf8'), maxLength);
  }

  get vocabSize(): number {
    return this.vocab.size;
  }

  idOf(token: string): number | undefined {
    return this.vocab.get(token);
  }

  /** Normalizer + pre-tokenizer: lower-cased, accent-free words and punctuation marks. */
  basicTokens(text: string): string[] {
    let s = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp === 0 || cp === 0xfffd || (/\p{Cc}|\p{Cf}/u.test(ch) && !/\s/.test(ch))) continue;
      s += isCjk(cp) ? ` ${ch} ` : /\s/.test(ch) ? ' ' : ch;
    }
    s = s
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{Mn}/gu, '');
    const out: string[] = [];
    for (const word of s.split(' ')) {
      let cur = '';
      for (const ch of word) {
        if (isPunctuation(ch)) {
          if (cur) out.push(cur);
          out.push(ch);
          cur = '';
        } else cur += ch;
      }
      if (cur) out.push(cur);
    }
    return out;
  }

  wordPiece(word: string): string[] {
    const chars = Array.from(word);
    if (chars.length > MAX_WORD_CHARS) return ['[UNK]'];
    const pieces: string[] = [];
    let start = 0;
    while (start < chars.length) {
      let end = chars.length;
      let found: string | undefined;
      while (start < end) {
        const sub = (start > 0 ? '##' : '') + chars.slice(start, end).join('');
        if (this.vocab.has(sub)) {
          found = sub;
          break;
        }
        end--;
      }
      if (found === undefined) return ['[UNK]'];
      pieces.push(found);
      start = end;
    }
    return pieces;
  }

  tokenize(text: string): string[] {
    return this.basicTokens(text).flatMap((w) => this.wordPiece(w));
  }

  /** [CLS] tokens [SEP], truncated to maxLength (no padding: the caller pads a batch). */
  encode(text: string): Encoding {
    const body = this.tokenize(text).slice(0, this.maxLength - 2);
    const tokens = ['[CLS]', ...body, '[SEP]'];
    const unk = this.vocab.get('[UNK]') ?? 100;
    const inputIds = tokens.map((t) => this.vocab.get(t) ?? unk);
    return { tokens, inputIds, attentionMask: inputIds.map(() => 1), tokenTypeIds: inputIds.map(() => 0) };
  }
}
