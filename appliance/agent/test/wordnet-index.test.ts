/**
 * WordNet index lookups search the sorted index files in place (lexicon/wordnet.ts). A small
 * fixture pins the edge cases (licence header, first and last line, prefixes, absent lemmas); on
 * the real files (wordnet-base) every lemma of index.verb and a sample of index.noun must be found
 * with the line a full parse gives, and words that are not lemmas must not.
 */
import { readFileSync, existsSync } from 'node:fs';
import t from 'tap';
import { findIndexLine } from '../lexicon/wordnet.js';

const fixture = Buffer.from(
  [
    '  1 This software and database is being provided to you, the LICENSEE, by  ',
    '  2 Princeton University under the following license.',
    'a n 1 0 1 0 00000001  ',
    'ab n 1 0 1 0 00000002  ',
    'abc n 1 0 1 0 00000003  ',
    "abc's n 1 0 1 0 00000004  ",
    'abcd n 1 0 1 0 00000005  ',
    'dental_care n 1 0 1 0 00000006  ',
    'zymurgy n 1 0 1 0 00000007  ',
    '',
  ].join('\n'),
  'latin1',
);

t.test('fixture: found lines, prefixes and absences', async (t) => {
  for (const [lemma, off] of [
    ['a', '00000001'],
    ['ab', '00000002'],
    ['abc', '00000003'],
    ["abc's", '00000004'],
    ['abcd', '00000005'],
    ['dental_care', '00000006'],
    ['zymurgy', '00000007'],
  ] as const)
    t.match(findIndexLine(fixture, lemma), new RegExp(`^${lemma} n .* ${off}`), lemma);
  for (const lemma of ['', ' ', '1', 'aa', 'abce', 'dental', 'zz', 'zymurgy_x', 'This'])
    t.equal(findIndexLine(fixture, lemma), undefined, `absent: "${lemma}"`);
  t.equal(findIndexLine(Buffer.alloc(0), 'a'), undefined, 'empty file');
});

const dir = '/usr/share/wordnet';
t.test(
  'real index files: the same lines a full parse finds',
  { skip: !existsSync(`${dir}/index.verb`) && 'wordnet-base is not installed' },
  async (t) => {
    for (const pos of ['verb', 'noun'] as const) {
      const buf = readFileSync(`${dir}/index.${pos}`);
      const lines = buf
        .toString('latin1')
        .split('\n')
        .filter((l) => l && !l.startsWith(' '));
      // Every verb lemma; every 37th noun (the noun file has ~117k lines).
      const step = pos === 'verb' ? 1 : 37;
      let bad = 0;
      for (let i = 0; i < lines.length; i += step) {
        const line = lines[i] ?? '';
        if (findIndexLine(buf, line.slice(0, line.indexOf(' '))) !== line) bad++;
      }
      t.equal(bad, 0, `${pos}: every sampled lemma found with its own line`);
      for (const w of ['runn', 'qqq', 'abcxyz', 'zzzz'])
        t.equal(findIndexLine(buf, w), undefined, `${pos}: "${w}" absent`);
    }
  },
);
