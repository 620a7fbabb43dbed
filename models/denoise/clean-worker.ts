/**
 * Worker thread of the caller-audio cleaner: holds every call's chain (denoiser + AGC state) and
 * cleans their 20 ms frames off the main event loop. Messages:
 * {id, op:'process', stream, pcm, denoise, agc} -> the cleaned samples (transferred);
 * {id, op:'close', stream}. A stream unknown here (first frame, or a respawned worker) starts fresh.
 */
import { parentPort } from 'node:worker_threads';
import { CallerAudioChain } from './chain.js';
import { loadRnnoise } from './rnnoise.js';

interface Request {
  id: number;
  op: 'process' | 'close';
  stream: number;
  pcm?: Int16Array;
  denoise?: boolean;
  agc?: boolean;
}

const chains = new Map<number, CallerAudioChain>();
const rnnoise = loadRnnoise();
rnnoise.catch(() => undefined);

parentPort?.on('message', (msg: Request) => {
  void (async () => {
    try {
      if (msg.op === 'close') {
        chains.get(msg.stream)?.destroy();
        chains.delete(msg.stream);
        return parentPort?.postMessage({ id: msg.id, ok: true, result: null });
      }
      let chain = chains.get(msg.stream);
      if (!chain) {
        const m = msg.denoise ? await rnnoise : undefined;
        chain = new CallerAudioChain(m, { denoise: msg.denoise ?? false, agc: msg.agc ?? false });
        chains.set(msg.stream, chain);
      }
      const out = chain.process(msg.pcm ?? new Int16Array(0));
      parentPort?.postMessage({ id: msg.id, ok: true, result: out }, [out.buffer as ArrayBuffer]);
    } catch (err) {
      parentPort?.postMessage({ id: msg.id, ok: false, error: (err as Error).message });
    }
  })();
});
