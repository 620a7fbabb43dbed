/**
 * Checks on what a test caller heard (baresip, a browser, a softphone through the front door):
 * how long the agent spoke, and answer texts as the phrases a grammar-constrained transcription
 * returns.
 */

/** Seconds of 20 ms frames louder than -40 dBFS: the agent speaking. */
export function loudS(pcm: Int16Array, rateHz: number): number {
  const frame = Math.round(rateHz / 50);
  let loud = 0;
  for (let i = 0; i + frame <= pcm.length; i += frame) {
    let acc = 0;
    for (let j = i; j < i + frame; j++) acc += (pcm[j] ?? 0) ** 2;
    if (10 * Math.log10(acc / frame / 32768 ** 2 + 1e-12) > -40) loud++;
  }
  return loud * 0.02;
}

/** A sentence as a grammar phrase: lower case, no punctuation, single spaces. */
export const phrase = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[.,;:!?]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
