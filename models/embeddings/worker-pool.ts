/**
 * A small pool of worker threads running one script; requests are id-tagged messages,
 * replies resolve in any order. A worker that dies fails its requests and is replaced.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ModelError } from '../types.js';

interface Reply {
  id: number;
  ok: boolean;
  error?: string;
  result?: unknown;
}

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>;
}

/** Resolves `name` next to `base` as .js (compiled) or .ts (tsx/dev). */
export function siblingScript(base: string, name: string): URL {
  const js = new URL(`./${name}.js`, base);
  return existsSync(fileURLToPath(js)) ? js : new URL(`./${name}.ts`, base);
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private rr = 0;
  private closed = false;
  /** Crashes since the last successful reply; respawning stops after 3 (a broken script). */
  private crashes = 0;

  constructor(
    private readonly script: URL,
    private readonly size: number,
    private readonly workerData: unknown,
  ) {
    for (let i = 0; i < Math.max(1, size); i++) this.slots.push(this.spawn());
  }

  request<T>(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.closed) return Promise.reject(new ModelError('worker pool closed', 'unavailable'));
    // Least-loaded worker, round robin among ties.
    let best = 0;
    let bestLoad = Infinity;
    for (let k = 0; k < this.slots.length; k++) {
      const i = (this.rr + k) % this.slots.length;
      const load = this.slots[i]?.pending.size ?? Infinity;
      if (load < bestLoad) {
        best = i;
        bestLoad = load;
      }
    }
    this.rr = (best + 1) % this.slots.length;
    const slot = this.slots[best] as Slot;
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      slot.pending.set(id, { resolve: (v) => resolve(v as T), reject });
      slot.worker.ref(); // keep the process alive only while requests are outstanding
      slot.worker.postMessage({ ...message, id }, transfer);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    // Under tsx (tests, dev) a .ts worker needs the tsx loader registered in its own thread first.
    const worker = this.script.pathname.endsWith('.ts')
      ? new Worker(
          `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(this.script.href)}); });`,
          { eval: true, workerData: this.workerData },
        )
      : new Worker(this.script, { workerData: this.workerData });
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (r: Reply) => {
      const p = slot.pending.get(r.id);
      if (!p) return;
      slot.pending.delete(r.id);
      if (slot.pending.size === 0) worker.unref();
      this.crashes = 0;
      if (r.ok) p.resolve(r.result);
      else p.reject(new ModelError(r.error ?? 'worker request failed', 'engine-failed'));
    });
    let failed = false;
    const fail = (why: string): void => {
      if (failed) return; // 'error' is followed by 'exit'
      failed = true;
      this.crashes++;
      for (const p of slot.pending.values())
        p.reject(new ModelError(`embedding worker ${why}`, 'engine-failed'));
      slot.pending.clear();
      const i = this.slots.indexOf(slot);
      if (!this.closed && i >= 0 && this.crashes <= 3) this.slots[i] = this.spawn();
      else if (i >= 0) this.closed = true;
    };
    worker.on('error', (e) => fail(`failed: ${e.message}`));
    worker.on('exit', (code) => {
      if (!this.closed) fail(`exited (${code})`);
    });
    worker.unref();
    return slot;
  }
}
