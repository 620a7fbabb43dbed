/**
 * What `/healthz` and `GET /system/status` say beyond "the process answers": the reasons the box
 * cannot do its main job (take calls). A box that serves the API and the admin UI but cannot
 * answer calls is `degraded`, not down: `/healthz` stays HTTP 200 (a load balancer in front of
 * the API keeps sending it requests; the PBX learns about calls from SIP itself, where INVITEs
 * get 503 meanwhile) and lists the reasons; 503 is kept for starting and stopping.
 */

/** Why calls cannot be taken now. */
export const healthProblemCodes = [
  /** Telephony is still starting (the speech engines load in the background after start). */
  'telephony-starting',
  /** No speech-to-text engine loaded (e.g. the pocketsphinx helper was not built). */
  'no-stt',
  /** No text-to-speech engine loaded. */
  'no-tts',
  /** The model runtime failed to load at all. */
  'models-unavailable',
  /** The RTP engine is down (its thread died and is restarting, or it could not start). */
  'media-down',
  /** The SIP stack is not listening (e.g. the port is taken). */
  'sip-not-listening',
] as const;
export type HealthProblemCode = (typeof healthProblemCodes)[number];

export interface HealthProblem {
  readonly code: HealthProblemCode;
  /** For the operator: what is wrong and, where known, how to fix it. */
  readonly message: string;
}

export interface HealthReport {
  readonly status: 'ok' | 'degraded';
  /** Each problem with the module that reports it; empty when ok. */
  readonly reasons: (HealthProblem & { readonly module: string })[];
}

/** Every module's problems, in module order. */
export function healthReport(
  modules: Iterable<{ readonly name: string; health?(): readonly HealthProblem[] }>,
): HealthReport {
  const reasons: HealthReport['reasons'][number][] = [];
  for (const m of modules) for (const p of m.health?.() ?? []) reasons.push({ module: m.name, ...p });
  return { status: reasons.length ? 'degraded' : 'ok', reasons };
}
