/**
 * A request to the media worker failed; `code` carries the worker-side code (e.g. PORTS_EXHAUSTED)
 * or the engine's own (WORKER_DIED, ENGINE_RESTARTING, ENGINE_CLOSED).
 */
export class MediaEngineError extends Error {
  readonly code: string | undefined;
  constructor(name: string, message: string, code?: string) {
    super(message);
    this.name = name;
    this.code = code;
  }
}
