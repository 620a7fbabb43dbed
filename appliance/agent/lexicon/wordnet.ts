import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import { equivalents } from './dialect.js';

/**
 * WordNet 3.0 as Debian's `wordnet-base` installs it (/usr/share/wordnet): the index files map a
 * lemma to its synsets; a synset's line is read from the data file at its byte offset (that is
 * what WordNet's offsets are). Used at compile time to relate a caller's words to the document's
 * ("repair" ~ "fix", "rate" ~ "charge"). Without the files every lookup answers nothing and the
 * engine works on its own words alone.
 */

export type WordnetPos = 'noun' | 'verb' | 'adj' | 'adv';
const posList: readonly WordnetPos[] = ['noun', 'verb', 'adj', 'adv'];
const posOfCode: Record<string, WordnetPos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

/** How a related lemma is related; weights say how far its meaning is from the word's. */
export interface Related {
  lemma: string;
  weight: number;
}

/** Senses looked at per part of speech: rare senses ("bike" as a verb of "bicycle") add noise. */
const SENSES = 3;
/** Weight per WordNet pointer symbol; pointers not listed are not followed. */
const pointerWeight: Record<string, number> = {
  '@': 0.6, // hypernym
  '@i': 0.5,
  '~': 0.55, // hyponym
  '+': 0.8, // derivationally related form
  '&': 0.7, // similar to (adjectives)
  '\\': 0.8, // pertainym ("hourly" -> "hour")
  '=': 0.5, // attribute
  $: 0.7, // verb group
};

/** Weight of the larger place a named place is part of (part holonym of an instance). */
const PART_OF_PLACE = 1;

interface Synset {
  words: string[];
  pointers: { symbol: string; offset: number; pos: WordnetPos }[];
  /** The definition and its examples ("remove the ovaries of; \"she had her cat spayed\""). */
  gloss: string;
}

/** Weight of a second hypernym step ("terrier" -> "hunting dog" -> "dog"): a kind of a kind. */
const HYPERNYM2 = 0.55;
/** Senses whose definitions are read: the first ones are the usual meanings. */
const GLOSS_SENSES = 2;

export class Wordnet {
  /** index.<pos> files as bytes, binary-searched per lookup. */
  private readonly indexFiles = new Map<WordnetPos, Buffer>();
  private readonly lookups = new Map<string, number[] | undefined>();
  private readonly fds = new Map<WordnetPos, number>();
  private readonly exceptions = new Map<string, string[]>();
  private readonly synsets = new Map<string, Synset | undefined>();
  private readonly cache = new Map<string, Related[]>();
  /** SemCor tag counts per "pos:lemma" (cntlist.rev), read on first use; empty without the file. */
  private counts: Map<string, number> | undefined;

  private constructor(readonly dir: string) {}

  /**
   * Opens the index files of `dir`; undefined when they are not there or unreadable. The index
   * files are read as bytes and searched in place (they are sorted, as WordNet's own bin_search
   * expects): parsing them into a map took about 1.2 s of main-thread CPU and ~40 MB of heap,
   * which the first call after a start paid before its greeting.
   */
  static open(dir: string): Wordnet | undefined {
    if (!dir || !existsSync(path.join(dir, 'index.noun'))) return undefined;
    const wn = new Wordnet(dir);
    try {
      for (const pos of posList) {
        wn.indexFiles.set(pos, readFileSync(path.join(dir, `index.${pos}`)));
        const exc = path.join(dir, `${pos}.exc`);
        if (existsSync(exc))
          for (const line of readFileSync(exc, 'latin1').split('\n')) {
            const [form, ...bases] = line.split(' ');
            if (form && bases.length) wn.exceptions.set(`${pos}:${form}`, bases);
          }
        wn.fds.set(pos, openSync(path.join(dir, `data.${pos}`), 'r'));
      }
    } catch {
      wn.close();
      return undefined;
    }
    return wn;
  }

  close(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
    this.indexFiles.clear();
    this.lookups.clear();
  }

  /**
   * The first `senses` synset offsets of a lemma (WordNet's spelling: lower case, `_` for
   * spaces), most used sense first; default SENSES.
   */
  private offsets(pos: WordnetPos, lemma: string, senses = SENSES): number[] | undefined {
    const key = `${pos}:${lemma}`;
    if (this.lookups.has(key)) return this.lookups.get(key)?.slice(0, senses);
    const buf = this.indexFiles.get(pos);
    const line = buf ? findIndexLine(buf, lemma) : undefined;
    let out: number[] | undefined;
    if (line !== undefined) {
      // "lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset..."
      const f = line.split(' ');
      const pCnt = Number(f[3]);
      out = f
        .slice(4 + pCnt + 2)
        .filter(Boolean)
        .map(Number);
    }
    if (this.lookups.size >= LOOKUP_CACHE_MAX) this.lookups.clear();
    this.lookups.set(key, out);
    return out?.slice(0, senses);
  }

  /** WordNet's "morphy": the base forms of a word for a part of speech that the index knows. */
  lemmas(word: string, pos: WordnetPos): string[] {
    const w = word.toLowerCase();
    const out = new Set<string>();
    if (this.offsets(pos, w)) out.add(w);
    for (const b of this.exceptions.get(`${pos}:${w}`) ?? []) out.add(b);
    for (const [suf, rep] of detachments[pos]) {
      if (w.endsWith(suf) && w.length > suf.length + 1) {
        const base = w.slice(0, w.length - suf.length) + rep;
        if (this.offsets(pos, base)) out.add(base);
      }
    }
    return [...out];
  }

  /**
   * Lemmas related to a word over its first `senses` senses (default SENSES), strongest weight
   * kept, the word itself excluded.
   */
  related(word: string, senses = SENSES): Related[] {
    const key = word.toLowerCase();
    const cacheKey = senses === SENSES ? key : `${key}#${senses}`;
    const hit = this.cache.get(cacheKey);
    if (hit) return hit;
    const best = new Map<string, number>();
    const add = (lemma: string, weight: number): void => {
      const l = lemma.toLowerCase();
      if (l === key) return;
      if ((best.get(l) ?? 0) < weight) best.set(l, weight);
    };
    for (const pos of posList) {
      for (const lemma of this.lemmas(key, pos)) {
        if (lemma !== key) add(lemma, 1);
        for (const e of equivalents(lemma, pos)) add(e, 0.9);
        for (const offset of this.offsets(pos, lemma, senses) ?? []) {
          const s = this.synset(pos, offset);
          if (!s) continue;
          for (const w of s.words) add(w, 0.9);
          let hyponyms = 0;
          // A place's name is part of the larger place that holds it ("France" -> "Europe"):
          // "can I drive to France?" of "Not to Europe".
          const instance = s.pointers.some((p) => p.symbol === '@i');
          for (const p of s.pointers) {
            const weight =
              pointerWeight[p.symbol] ?? (instance && p.symbol === '#p' ? PART_OF_PLACE : undefined);
            if (weight === undefined) continue;
            // Hyponyms of a general word are many ("vehicle"); a few say enough.
            if (p.symbol === '~' && ++hyponyms > 8) continue;
            const t = this.synset(p.pos, p.offset);
            for (const w of t?.words.slice(0, 4) ?? []) add(w, weight);
            // A noun's hypernym is often a phrase WordNet lists under a plainer word one step
            // up ("terrier" -> "hunting dog" -> "dog"); that step is followed once, weaker.
            if (p.symbol === '@' && pos === 'noun' && t)
              for (const q of t.pointers)
                if (q.symbol === '@')
                  for (const w of this.synset(q.pos, q.offset)?.words.slice(0, 2) ?? []) add(w, HYPERNYM2);
          }
        }
      }
    }
    const out = [...best].map(([lemma, weight]) => ({ lemma, weight }));
    this.cache.set(cacheKey, out);
    return out;
  }

  /**
   * How often a word is used as each part of speech in WordNet's tagged corpus (SemCor, the
   * counts of cntlist.rev summed over senses, base forms via morphy): "find" 705 times as a
   * verb and never as a noun, "book" 59 times as a noun and 5 as a verb. 0 when untagged or
   * without the file.
   */
  usage(word: string, pos: WordnetPos): number {
    if (!this.counts) this.counts = readCounts(path.join(this.dir, 'cntlist.rev'));
    let n = 0;
    for (const lemma of this.lemmas(word.toLowerCase(), pos)) n += this.counts.get(`${pos}:${lemma}`) ?? 0;
    return n;
  }

  /**
   * A noun's first senses (step 0), then their hypernyms one step up, and so on to `depth`
   * steps: the synsets of each step.
   */
  private *hypernymSteps(word: string, depth: number): Generator<Synset[]> {
    let frontier: Synset[] = [];
    for (const lemma of this.lemmas(word.toLowerCase(), 'noun'))
      for (const offset of this.offsets('noun', lemma) ?? []) {
        const s = this.synset('noun', offset);
        if (s) frontier.push(s);
      }
    for (let d = 0; d <= depth && frontier.length; d++) {
      yield frontier;
      const next: Synset[] = [];
      for (const s of frontier)
        for (const p of s.pointers)
          if (p.symbol === '@' || p.symbol === '@i') {
            const t = this.synset(p.pos, p.offset);
            if (t) next.push(t);
          }
      frontier = next;
    }
  }

  /**
   * Whether a noun's first senses are a kind of `ancestor` ("vet" -> person, "firm" ->
   * organization), following hypernyms up to `depth` steps.
   */
  isA(word: string, ancestor: string, depth = 8): boolean {
    for (const step of this.hypernymSteps(word, depth))
      if (step.some((s) => s.words.includes(ancestor))) return true;
    return false;
  }

  /**
   * The words of a noun's hypernyms over its first senses, 2 to `depth` steps up ("spaniel" ->
   * "sporting dog", "gun dog", "dog", "hunting dog"), lower case, nearest first; the first step is
   * what `related` already reads.
   */
  ancestors(word: string, depth = 3): string[] {
    const out: string[] = [];
    let d = 0;
    for (const step of this.hypernymSteps(word, depth)) {
      if (d++ < 2) continue;
      for (const s of step)
        for (const w of s.words) if (!out.includes(w.toLowerCase())) out.push(w.toLowerCase());
    }
    return out;
  }

  /**
   * The words of a lemma's definitions and examples over its first senses, lower case, in
   * order ("dentistry" -> "the branch of medicine dealing with ... the teeth"). A definition
   * names what a word means with other words: a caller may use those (Lesk's idea).
   */
  glossWords(word: string): string[] {
    const key = word.toLowerCase();
    const out: string[] = [];
    for (const pos of posList)
      for (const lemma of this.lemmas(key, pos))
        for (const offset of (this.offsets(pos, lemma) ?? []).slice(0, GLOSS_SENSES)) {
          const g = this.synset(pos, offset)?.gloss ?? '';
          out.push(...(g.toLowerCase().match(/[a-z]+/g) ?? []));
        }
    return out;
  }

  /**
   * The hypernyms of a word's first senses, one and two steps up, as "pos:offset" keys with
   * their step: two words sharing one are kinds of the same thing ("claw" and "nail" are both
   * horny structures; "appointment" and "consultation" are both meetings).
   */
  hypernymKeys(word: string): Map<string, number> {
    const out = new Map<string, number>();
    for (const pos of ['noun', 'verb'] as const)
      for (const lemma of this.lemmas(word.toLowerCase(), pos))
        for (const offset of (this.offsets(pos, lemma) ?? []).slice(0, GLOSS_SENSES))
          for (const p of this.synset(pos, offset)?.pointers ?? []) {
            if (p.symbol !== '@') continue;
            out.set(`${p.pos}:${p.offset}`, 1);
            for (const q of this.synset(p.pos, p.offset)?.pointers ?? [])
              if (q.symbol === '@' && !out.has(`${q.pos}:${q.offset}`)) out.set(`${q.pos}:${q.offset}`, 2);
          }
    return out;
  }

  /**
   * Whether two words are kinds of one thing within `depth` hypernym steps each (nouns: "cat"
   * and "dog" are both carnivores, "tooth" and "simple" are not; verbs: "neuter" and "spay" are
   * both ways to sterilize), below the most general nodes (entity, object, act, change, ...)
   * that everything shares.
   */
  sameKind(a: string, b: string, depth = 3): boolean {
    const up = (word: string): Set<string> => {
      const out = new Set<string>();
      let frontier: { key: string; s: Synset }[] = [];
      for (const pos of ['noun', 'verb'] as const)
        for (const lemma of this.lemmas(word.toLowerCase(), pos))
          for (const offset of (this.offsets(pos, lemma) ?? []).slice(0, GLOSS_SENSES)) {
            const s = this.synset(pos, offset);
            if (s) frontier.push({ key: `${pos}:${offset}`, s });
          }
      for (let d = 0; d <= depth && frontier.length; d++) {
        const next: { key: string; s: Synset }[] = [];
        for (const f of frontier) {
          if (f.s.words.some((w) => generalNouns.has(w))) continue;
          out.add(f.key);
          for (const p of f.s.pointers)
            if (p.symbol === '@' || p.symbol === '@i') {
              const t = this.synset(p.pos, p.offset);
              if (t) next.push({ key: `${p.pos}:${p.offset}`, s: t });
            }
        }
        frontier = next;
      }
      return out;
    };
    const mine = up(a);
    for (const k of up(b)) if (mine.has(k)) return true;
    return false;
  }

  private synset(pos: WordnetPos, offset: number): Synset | undefined {
    const key = `${pos}:${offset}`;
    if (this.synsets.has(key)) return this.synsets.get(key);
    const fd = this.fds.get(pos);
    let s: Synset | undefined;
    if (fd !== undefined) {
      const buf = Buffer.alloc(4096);
      const n = readSync(fd, buf, 0, buf.length, offset);
      const line = buf.toString('latin1', 0, n).split('\n')[0] ?? '';
      s = parseSynset(line);
    }
    this.synsets.set(key, s);
    return s;
  }
}

/** Hypernyms so general that sharing them says nothing of two words' kinds. */
const generalNouns = new Set(
  (
    'entity,physical entity,abstraction,abstract entity,object,physical object,whole,unit,thing,matter,' +
    'psychological feature,event,act,deed,human action,human activity,activity,attribute,relation,' +
    'communication,measure,quantity,amount,group,grouping,social group,causal agent,cause,living thing,' +
    'organism,being,artifact,artefact,instrumentality,instrumentation,location,state,process,' +
    'physical process,content,cognitive content,mental object,person,individual,someone,somebody,' +
    'part,portion,component part,component,constituent,property,quality,structure,construction,' +
    'device,work,action,change,make,create,get,be,have,move,act,natural object,substance,material,time period,period,fundamental quantity'
  ).split(','),
);

const ssTypePos: Record<string, WordnetPos> = {
  '1': 'noun',
  '2': 'verb',
  '3': 'adj',
  '4': 'adv',
  '5': 'adj',
};

/** cntlist.rev ("find%2:40:00:: 1 251": lemma%ss_type:..., sense number, tag count) summed per pos:lemma. */
function readCounts(file: string): Map<string, number> {
  const out = new Map<string, number>();
  let text: string;
  try {
    text = readFileSync(file, 'latin1');
  } catch {
    return out;
  }
  for (const line of text.split('\n')) {
    const m = /^([^%\s]+)%(\d):\S*\s+\d+\s+(\d+)/.exec(line);
    const pos = m ? ssTypePos[m[2]!] : undefined;
    if (!m || !pos) continue;
    const key = `${pos}:${m[1]!.toLowerCase()}`;
    out.set(key, (out.get(key) ?? 0) + Number(m[3]));
  }
  return out;
}

/** Lookups remembered per process (lemma+pos -> offsets); cleared when full. */
const LOOKUP_CACHE_MAX = 50_000;

/**
 * The line of a sorted WordNet index file whose first field is `lemma` (byte order, the licence
 * header's lines start with a space and sort first), or undefined.
 */
export function findIndexLine(buf: Buffer, lemma: string): string | undefined {
  const want = Buffer.from(`${lemma} `, 'latin1');
  let lo = 0;
  let hi = buf.length;
  // Invariant: a line starting at or after lo and before hi may match.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    // The start of the line that holds mid.
    const start = mid === 0 ? 0 : buf.lastIndexOf(0x0a, mid - 1) + 1;
    let end = buf.indexOf(0x0a, start);
    if (end < 0) end = buf.length;
    const cmp = compareKey(buf, start, end, want);
    if (cmp === 0) return buf.toString('latin1', start, end);
    if (cmp < 0) lo = end + 1;
    else hi = start;
  }
  return undefined;
}

/** Compares the line buf[start, end) with `want` ("lemma "), as far as `want` goes. */
function compareKey(buf: Buffer, start: number, end: number, want: Buffer): number {
  // A header line (leading space) sorts before every lemma.
  if (buf[start] === 0x20) return -1;
  const n = Math.min(end - start, want.length);
  const c = buf.compare(want, 0, n, start, start + n);
  if (c !== 0) return c;
  return end - start >= want.length ? 0 : -1;
}

/** "offset lex ss_type w_cnt(hex) word lex_id ... p_cnt ptr offset pos src/tgt ... | gloss". */
function parseSynset(line: string): Synset | undefined {
  const bar = line.indexOf(' | ');
  const f = (bar < 0 ? line : line.slice(0, bar)).split(' ');
  const gloss = bar < 0 ? '' : line.slice(bar + 3).trim();
  const wCnt = parseInt(f[3] ?? '', 16);
  if (!Number.isFinite(wCnt)) return undefined;
  const words: string[] = [];
  for (let i = 0; i < wCnt; i++) {
    const w = f[4 + 2 * i];
    if (w) words.push(w.replace(/\(.*\)$/, '').replace(/_/g, ' '));
  }
  let i = 4 + 2 * wCnt;
  const pCnt = Number(f[i++]);
  const pointers: Synset['pointers'] = [];
  for (let k = 0; k < pCnt; k++, i += 4) {
    const pos = posOfCode[f[i + 2] ?? ''];
    if (pos) pointers.push({ symbol: f[i] ?? '', offset: Number(f[i + 1]), pos });
  }
  return { words, pointers, gloss };
}

const detachments: Record<WordnetPos, [string, string][]> = {
  noun: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  verb: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  adj: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  adv: [],
};

let shared: { dir: string; wn: Wordnet | undefined } | undefined;

/** One WordNet per process (index files are ~6 MB of text), opened on first use. */
export function sharedWordnet(dir: string): Wordnet | undefined {
  if (shared?.dir !== dir) {
    shared?.wn?.close();
    shared = { dir, wn: Wordnet.open(dir) };
  }
  return shared.wn;
}
