import type { KnowledgeEvent, KnowledgeListener } from './types.js';

/**
 * The tiny hook for `knowledge.ready` / `knowledge.failed` / `knowledge.deleted`: the webhooks
 * module subscribes with `onEvent(listener)` on the knowledge module (or the process-wide
 * `onKnowledgeEvent`). A listener that throws is isolated: the others still run, ingestion goes on.
 */
export class KnowledgeEvents {
  private readonly listeners = new Set<KnowledgeListener>();

  on(listener: KnowledgeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(e: KnowledgeEvent, onError?: (err: unknown) => void): void {
    for (const l of [...this.listeners, ...globalListeners]) {
      try {
        l(e);
      } catch (err) {
        onError?.(err);
      }
    }
  }
}

const globalListeners = new Set<KnowledgeListener>();

/** Process-wide subscription to every knowledge module's events; returns the unsubscribe function. */
export function onKnowledgeEvent(listener: KnowledgeListener): () => void {
  globalListeners.add(listener);
  return () => globalListeners.delete(listener);
}
