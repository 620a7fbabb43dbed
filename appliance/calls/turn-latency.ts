/**
 * Merges the call's measured stages (endpointing, STT, TTS first audio, voice-to-voice) into the
 * latency JSON the agent engine stored on the last agent turn of the conversation.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { TurnTimings } from './call-session.js';

export async function mergeTurnLatency(
  db: Kysely<Database>,
  businessId: string,
  conversationId: string,
  t: TurnTimings,
): Promise<void> {
  const row = await db
    .selectFrom('conversation_turns')
    .select(['id', 'latency'])
    .where('business_id', '=', businessId)
    .where('conversation_id', '=', conversationId)
    .where('speaker', '=', 'agent')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return;
  let prev: Record<string, unknown> = {};
  try {
    const v: unknown = row.latency ? JSON.parse(row.latency) : {};
    if (v && typeof v === 'object') prev = v as Record<string, unknown>;
  } catch {
    /* unreadable: replaced */
  }
  // The engine's own agentMs (utterance in -> reply done) is kept; ours is the time to the first sentence.
  const { agentMs, ...rest } = t;
  const merged = {
    ...prev,
    ...rest,
    ...(prev.agentMs === undefined && agentMs !== undefined ? { agentMs } : {}),
  };
  await db
    .updateTable('conversation_turns')
    .set({
      latency: JSON.stringify(merged),
      // Copied out for the analytics' SQL percentiles (migration 0013).
      ...(typeof merged.voiceToVoiceMs === 'number' ? { voice_to_voice_ms: merged.voiceToVoiceMs } : {}),
    })
    .where('id', '=', row.id)
    .where('business_id', '=', businessId)
    .execute();
}
