/** Per-call codec adapters: one stateful encoder/decoder pair behind a common shape. */
import type { CodecName, NegotiatedCodec } from '../types.js';
import { decodePcma, decodePcmu, encodePcma, encodePcmu } from './g711.js';
import { G722Decoder, G722Encoder } from './g722.js';

export interface AudioCodec {
  readonly name: CodecName;
  /** PCM sample rate of the audio carried (8000 for G.711, 16000 for G.722). */
  readonly audioRateHz: number;
  /** RTP timestamp clock (8000 for all three). */
  readonly rtpClockHz: number;
  encode(pcm: Int16Array): Uint8Array;
  decode(payload: Uint8Array): Int16Array;
  /** Number of PCM samples a payload of `bytes` decodes to. */
  samplesForBytes(bytes: number): number;
}

export class UnsupportedCodecError extends Error {
  constructor(name: string) {
    super(`unsupported codec ${name}`);
    this.name = 'UnsupportedCodecError';
  }
}

export function createCodec(spec: Pick<NegotiatedCodec, 'name'>): AudioCodec {
  switch (spec.name) {
    case 'PCMU':
      return {
        name: 'PCMU',
        audioRateHz: 8000,
        rtpClockHz: 8000,
        encode: encodePcmu,
        decode: decodePcmu,
        samplesForBytes: (b) => b,
      };
    case 'PCMA':
      return {
        name: 'PCMA',
        audioRateHz: 8000,
        rtpClockHz: 8000,
        encode: encodePcma,
        decode: decodePcma,
        samplesForBytes: (b) => b,
      };
    case 'G722': {
      const enc = new G722Encoder();
      const dec = new G722Decoder();
      return {
        name: 'G722',
        audioRateHz: 16000,
        rtpClockHz: 8000,
        encode: (pcm) => enc.encode(pcm),
        decode: (p) => dec.decode(p),
        samplesForBytes: (b) => b * 2,
      };
    }
    default:
      throw new UnsupportedCodecError(String((spec as { name: unknown }).name));
  }
}
