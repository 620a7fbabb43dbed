/**
 * Energy VAD fallback: frame level vs. an adaptive noise floor. The floor falls fast to quieter
 * frames and rises slowly (~3 dB/s) so steady background noise is absorbed but speech is not.
 */
import type { EngineStatus } from '../types.js';
import type { VadEngine, VadScorer } from './types.js';

const FRAME = 512;

export interface EnergyVadOptions {
  /** dB above the noise floor at which probability is 0.5. Default 10 dB. */
  marginDb?: number;
  /** Absolute floor: frames quieter than this are never speech. Default -55 dBFS. */
  minLevelDbfs?: number;
}

export class EnergyVadEngine implements VadEngine {
  readonly name = 'energy';
  readonly frameSamples = FRAME;
  constructor(private readonly opts: EnergyVadOptions = {}) {}

  status(): EngineStatus {
    return { engine: this.name, state: 'ready' };
  }

  createScorer(): VadScorer {
    const margin = this.opts.marginDb ?? 10;
    const minLevel = this.opts.minLevelDbfs ?? -55;
    const riseDbPerFrame = 3 * (FRAME / 16000);
    let floorDb = -70;
    let frames = 0;
    return {
      score(frame: Float32Array): Promise<number> {
        let acc = 0;
        for (let i = 0; i < frame.length; i++) acc += (frame[i] ?? 0) * (frame[i] ?? 0);
        const db = 10 * Math.log10(acc / Math.max(1, frame.length) + 1e-12);
        // First 10 frames (~320 ms) only learn the floor.
        if (frames++ < 10) floorDb = frames === 1 ? db : Math.min(floorDb, db);
        else floorDb = db < floorDb ? db : floorDb + riseDbPerFrame;
        if (db < minLevel) return Promise.resolve(0);
        const p = 1 / (1 + Math.exp(-(db - floorDb - margin) / 2));
        return Promise.resolve(p);
      },
      reset(): void {
        floorDb = -70;
        frames = 0;
      },
    };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
