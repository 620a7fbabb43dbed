/**
 * The plan limit notice: a call answered over the business's plan limit hears a short spoken
 * notice, then the appliance hangs up.
 */
import type { MediaSession } from '../../media/index.js';
import type { ActiveCall } from '../../sip/index.js';
import type { SpeechEngines } from './ports.js';

export const PLAN_LIMIT_NOTICE = "We're sorry, this line cannot take calls right now. Goodbye.";

/** Headroom after the notice's own duration before hanging up anyway (no `played` event), ms. */
const NOTICE_GRACE_MS = 2000;

/**
 * Plays the notice on the started `media` (no speech engines or a failed synthesis: silence),
 * waits until it was played or the caller hung up, then sends BYE and stops the media.
 */
export async function playPlanLimitNotice(
  call: ActiveCall,
  media: MediaSession,
  speech: () => SpeechEngines | undefined,
): Promise<void> {
  try {
    const engines = speech();
    const audio = engines
      ? await engines.tts.synthesize(PLAN_LIMIT_NOTICE).catch(() => undefined)
      : undefined;
    if (audio && audio.pcm.length > 0 && call.state !== 'ended') {
      const durationMs = (audio.pcm.length / audio.sampleRateHz) * 1000;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, durationMs + NOTICE_GRACE_MS);
        const done = (): void => {
          clearTimeout(timer);
          unsub();
          resolve();
        };
        const unsub = call.on((ev) => ev.kind === 'hangup' && done());
        media.once('played', done);
        media.play(audio.pcm, audio.sampleRateHz);
      });
    }
  } finally {
    if (call.state !== 'ended') await call.hangup();
    await media.stop().catch(() => undefined);
  }
}
