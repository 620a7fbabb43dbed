/**
 * The knowledge suite (issue 21): twenty-three businesses whose information exists only in one
 * uploaded document each (HTML, PDF, DOCX, plain-text FAQ, Markdown) and caller questions with
 * checkable answer specs, split into a tune part and a held-out part. See README.md beside this
 * file.
 */
export * from './spec.js';
export { suiteBusinesses, suiteBusiness, documentBytes, documentsDir } from './businesses.js';
export { tuneQuestions } from './tune.js';
export { heldoutQuestions } from './heldout.js';
export { tuneMoreQuestions } from './tune-more.js';
export { heldoutMoreQuestions } from './heldout-more.js';
export { tuneFreshQuestions } from './tune-fresh.js';
export { heldoutFreshQuestions } from './heldout-fresh.js';
export { tuneBlindQuestions } from './tune-blind.js';
export { heldoutBlindQuestions } from './heldout-blind.js';
export { heldoutBlind2Questions } from './heldout-blind2.js';
export { tuneBlind3Questions } from './tune-blind3.js';
export { heldoutBlind3Questions } from './heldout-blind3.js';
export { tuneBlind4Questions } from './tune-blind4.js';
export { heldoutBlind4Questions } from './heldout-blind4.js';
export { tuneBlind5Questions } from './tune-blind5.js';
export { heldoutBlind5Questions } from './heldout-blind5.js';
export { tuneBlind6Questions } from './tune-blind6.js';
export { heldoutBlind6Questions } from './heldout-blind6.js';
export { tuneBlind7Questions } from './tune-blind7.js';
export { heldoutBlind7Questions } from './heldout-blind7.js';
