/**
 * The knowledge suite spoken, end to end: three caller voices the appliance does not use ask one
 * question each, through a real baresip call over G.711 u-law, of an agent trained only from its
 * business's uploaded document (HTML page, PDF, text FAQ). What baresip heard after the question
 * is transcribed (pocketsphinx, grammar of the call's agent sentences; method in
 * knowledge-suite/spoken.ts) and judged by the suite's scorer. Fails when fewer than
 * SUITE_THRESHOLDS.spoken of the questions are answered correctly. The full spoken figures per
 * voice come from `npm run bench:spoken`.
 */
import t from 'tap';
import { baresipSkipReason, haveBaresipModule } from '../../calls/test/helpers/baresip-call.js';
import { SUITE_THRESHOLDS } from './knowledge-suite/report.js';
import { describeFact } from './knowledge-suite/scorer.js';
import { callerVoices, spokenCall, spokenQuestions, type SpokenResult } from './knowledge-suite/spoken.js';

const skip =
  baresipSkipReason() ||
  (!haveBaresipModule('sndfile.so') && "baresip's sndfile module (the caller's ears) is missing");

/** One question per voice, each to another business; all three are plainly in the documents. */
const plan = [
  { voice: 'flite-awb', id: 'vet-t01' },
  { voice: 'flite-rms', id: 'plumber-h12' },
  { voice: 'flite-kal16', id: 'physio-t13' },
] as const;

t.test(
  'spoken questions through real calls are answered from the uploaded documents',
  { skip },
  async (t) => {
    const results: SpokenResult[] = [];
    for (const p of plan) {
      const voice = callerVoices.find((v) => v.name === p.voice);
      const [q] = spokenQuestions([p.id]);
      if (!voice || !q) throw new Error(`no voice ${p.voice} or question ${p.id}`);
      const { results: r, turns } = await spokenCall(q.business, voice, [q]);
      t.comment(turns.map((x) => `${x.speaker}: ${x.text}`).join(' | '));
      for (const x of r) {
        t.comment(
          `${x.voice} "${q.text}" -> appliance heard "${x.recognised}"; caller heard "${x.heard}": ` +
            `${x.judgement.verdict} (${x.judgement.reason}; want ${q.require.map(describeFact).join(' + ')})`,
        );
        t.not(x.judgement.verdict, 'invented-fact', `${x.voice}: no invented fact`);
      }
      results.push(...r);
    }
    const ok = results.filter((r) => r.judgement.ok).length;
    t.ok(
      ok / results.length >= SUITE_THRESHOLDS.spoken,
      `${ok}/${results.length} spoken questions answered correctly (>= ${SUITE_THRESHOLDS.spoken * 100} %)`,
    );
  },
);
