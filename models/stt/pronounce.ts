/**
 * Pronunciations for bias vocabularies: CMUdict first, then espeak-ng IPA mapped to the
 * CMU/ARPAbet phone set of the pocketsphinx en-us model. Words with neither are dropped.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';

const IPA_TO_ARPABET: ReadonlyArray<readonly [string, string]> = [
  ['tʃ', 'CH'],
  ['dʒ', 'JH'],
  ['aɪ', 'AY'],
  ['aʊ', 'AW'],
  ['eɪ', 'EY'],
  ['oʊ', 'OW'],
  ['ɔɪ', 'OY'],
  ['ɜ', 'ER'],
  ['ɚ', 'ER'],
  ['ɝ', 'ER'],
  ['ᵻ', 'IH'],
  ['i', 'IY'],
  ['ɪ', 'IH'],
  ['e', 'EH'],
  ['ɛ', 'EH'],
  ['æ', 'AE'],
  ['a', 'AA'],
  ['ɑ', 'AA'],
  ['ɒ', 'AA'],
  ['ɔ', 'AO'],
  ['o', 'OW'],
  ['ʊ', 'UH'],
  ['u', 'UW'],
  ['ʌ', 'AH'],
  ['ə', 'AH'],
  ['ɐ', 'AH'],
  ['p', 'P'],
  ['b', 'B'],
  ['t', 'T'],
  ['d', 'D'],
  ['k', 'K'],
  ['g', 'G'],
  ['ɡ', 'G'],
  ['f', 'F'],
  ['v', 'V'],
  ['θ', 'TH'],
  ['ð', 'DH'],
  ['s', 'S'],
  ['z', 'Z'],
  ['ʃ', 'SH'],
  ['ʒ', 'ZH'],
  ['h', 'HH'],
  ['m', 'M'],
  ['n', 'N'],
  ['ŋ', 'NG'],
  ['l', 'L'],
  ['ɫ', 'L'],
  ['r', 'R'],
  ['ɹ', 'R'],
  ['w', 'W'],
  ['j', 'Y'],
  ['ɾ', 'D'],
  ['ʔ', 'T'],
  ['x', 'HH'],
];

/** Maps an espeak-ng IPA string to ARPAbet phones; unknown symbols (stress, length) are skipped. */
export function ipaToArpabet(ipa: string): string[] {
  const phones: string[] = [];
  // Stress/length marks, syllable dots and combining diacritics carry no ARPAbet phone.
  const s = ipa
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[ˈˌːˑ.\s-]/g, '');
  let i = 0;
  while (i < s.length) {
    let matched = false;
    for (const [sym, phone] of IPA_TO_ARPABET) {
      if (s.startsWith(sym, i)) {
        // ER already covers a following r-colouring (ɜːɹ).
        if (!(phone === 'R' && phones[phones.length - 1] === 'ER')) phones.push(phone);
        i += sym.length;
        matched = true;
        break;
      }
    }
    if (!matched) i++;
  }
  return phones;
}

function espeakIpa(words: readonly string[], timeoutMs = 5000): Promise<string[]> {
  return new Promise((resolve) => {
    // One word per line, each ending a clause ('.'), keeps one output line per input word.
    const child = execFile(
      'espeak-ng',
      ['-q', '--ipa', '-v', 'en-us', '--stdin'],
      { timeout: timeoutMs },
      (err, stdout) => {
        if (err) return resolve([]);
        resolve(
          stdout
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l.length > 0),
        );
      },
    );
    child.stdin?.end(words.map((w) => `${w}.`).join('\n') + '\n');
  });
}

/** Lines parsed between two yields to the event loop (~5 ms of CPU each). */
const LOAD_SLICE_LINES = 5000;
const loaded = new Map<string, Promise<PronunciationDictionary>>();

export class PronunciationDictionary {
  private constructor(private readonly entries: ReadonlyMap<string, string>) {}

  /**
   * Parses a CMUdict-format file (first pronunciation of each word). The ~135k lines are parsed
   * in slices that yield to the event loop between them (~1 s of CPU in all on a busy box): a
   * call's greeting and the SIP stack keep running while the first call after a start loads it.
   */
  static load(dictPath: string): Promise<PronunciationDictionary> {
    // One parsed copy per file and process (~25 MB of heap each): the STT engine and the
    // heard-term mapper read the same dictionary. A failed load is not remembered.
    let p = loaded.get(dictPath);
    if (!p) {
      p = PronunciationDictionary.parse(dictPath);
      p.catch(() => loaded.delete(dictPath));
      loaded.set(dictPath, p);
    }
    return p;
  }

  private static async parse(dictPath: string): Promise<PronunciationDictionary> {
    const text = await readFile(dictPath, 'utf8');
    const map = new Map<string, string>();
    let pos = 0;
    let n = 0;
    while (pos < text.length) {
      let end = text.indexOf('\n', pos);
      if (end < 0) end = text.length;
      const line = text.slice(pos, end);
      pos = end + 1;
      const sp = line.indexOf(' ');
      if (sp > 0) {
        const word = line.slice(0, sp);
        if (!word.includes('(')) map.set(word, line.slice(sp + 1).trim());
      }
      if (++n % LOAD_SLICE_LINES === 0) await new Promise<void>((r) => setImmediate(r));
    }
    return new PronunciationDictionary(map);
  }

  has(word: string): boolean {
    return this.entries.has(word);
  }

  /** ARPAbet phones of a word (first pronunciation), or undefined. */
  phones(word: string): string[] | undefined {
    const e = this.entries.get(word);
    return e === undefined ? undefined : e.split(/\s+/).filter((p) => p.length > 0);
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Pronunciations for words missing from the dictionary, via espeak-ng (each entry is the
   * phone string). Words espeak cannot voice are returned in `dropped`.
   */
  async guess(words: readonly string[]): Promise<{ added: Map<string, string>; dropped: string[] }> {
    const added = new Map<string, string>();
    const dropped: string[] = [];
    const oov = words.filter((w) => !this.entries.has(w) && /^[a-z][a-z']*$/.test(w));
    for (const w of words) if (!this.entries.has(w) && !/^[a-z][a-z']*$/.test(w)) dropped.push(w);
    if (oov.length === 0) return { added, dropped };
    const ipa = await espeakIpa(oov);
    oov.forEach((w, i) => {
      const phones = ipa.length === oov.length ? ipaToArpabet(ipa[i] ?? '') : [];
      if (phones.length > 0) added.set(w, phones.join(' '));
      else dropped.push(w);
    });
    return { added, dropped };
  }
}
