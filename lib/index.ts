/**
 * The shared leaf below every layer: small, pure building blocks that both `media/` and `models/`
 * (and `sip/`) need and that must exist only once. It imports nothing of the project.
 */
export { Resampler, resample, resampleAligned, type ResamplerOptions } from './audio/resampler.js';
export { parseWav, wavHeader, encodeWav, monoOf, WavFormatError, type WavData } from './audio/wav.js';
export { DTMF_DIGITS, isDtmfDigit, type DtmfDigit } from './telephony.js';
export { prng } from './prng.js';
export { workerEntry } from './worker-entry.js';
