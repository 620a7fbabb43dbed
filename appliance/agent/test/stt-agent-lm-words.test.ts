/**
 * The interpolated per-agent model with the agent's own words added to the dictionary, on a
 * business document of the knowledge suite and a caller voice over G.711: the helper used to
 * interpolate the default search's copy of the general LM, and after WORD additions (the vet
 * page's "petplan", "trupanion", "okafor", ...) the decoder read past the LM trie and died with
 * SIGSEGV on a plain question ("Can you deal with my Petplan insurer for me?"), so a caller's
 * question was lost and the decoder restarted. The helper now interpolates a private copy.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { decodePcmu, encodePcmu, resample } from '../../../media/index.js';
import {
  DEFAULT_PS_HELPER,
  DEFAULT_PS_MODEL_DIR,
  FliteTts,
  PocketsphinxEngine,
} from '../../../models/index.js';
import { documentsDir } from './knowledge-suite/businesses.js';

const flite = new FliteTts('awb');
/** APPLIANCE_PS_HELPER: another helper build (e.g. the old one, to see this test fail on it). */
const helperPath = process.env['APPLIANCE_PS_HELPER'] || DEFAULT_PS_HELPER;
const skip =
  (!existsSync(helperPath) && 'pocketsphinx helper not built') ||
  (!existsSync(path.join(DEFAULT_PS_MODEL_DIR, 'en-us.lm.bin')) && 'pocketsphinx-en-us missing') ||
  (flite.status().state !== 'ready' && 'flite missing');

t.test('agent words added before the interpolated model do not crash the decoder', { skip }, async (t) => {
  const html = readFileSync(path.join(documentsDir, 'maple-grove-vet.html'), 'utf8');
  // The page's lines as phrases: several words the dictionary lacks (petplan, trupanion, okafor).
  const phrases = html
    .replace(/<[^>]+>/g, '\n')
    .replace(/&[a-z]+;/g, ' ')
    .split(/\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const engine = await PocketsphinxEngine.load({ poolSize: 1, helperPath });
  t.teardown(() => engine.close());
  const a = await flite.synthesize('Can you deal with my Petplan insurer for me?');
  await flite.close();
  // As a call hands it over: 8 kHz u-law, then the call path's 16 kHz.
  const phone = decodePcmu(encodePcmu(resample(a.pcm, a.sampleRateHz, 8000)));
  const pcm = resample(phone, 8000, 16000);
  const pids = engine.helperPids();
  for (let i = 0; i < 2; i++) {
    const r = await engine.transcribe({ pcm, sampleRateHz: 16000 }, { bias: { phrases, mode: 'lm' } });
    t.match(r.text, /petplan/, `utterance ${i + 1}: the agent's word is heard ("${r.text}")`);
  }
  t.same(engine.helperPids(), pids, 'the decoder never restarted');
});
