/**
 * Phone calls: the agent answers the PBX's callers. Module `calls` (SIP stack + RTP engine +
 * speech engines + call manager + voice API); the per-call orchestrator and its ports are
 * exported for benchmarks and tests.
 */
export { createCallsModule, type CallsModule } from './module.js';
export { CallManager, PLAN_LIMIT_NOTICE, type LiveCall, type CallManagerDeps } from './call-manager.js';
export {
  CallSession,
  CALL_VAD,
  endReasons,
  type CallEnd,
  type CallSessionDeps,
  type EndReason,
  type TurnTimings,
} from './call-session.js';
export {
  callChannels,
  ULAW_FRAME_BYTES,
  type BridgedChannel,
  type BridgedLeg,
  type BridgedLegEvents,
  type BridgedLegRequest,
  type CallChannel,
} from './bridged-leg.js';
export { isBackchannel, BACKCHANNEL_MAX_MS } from './backchannel.js';
export { speechFromEngines } from './speech.js';
export { callMetrics, latencyStages, type CallMetrics, type LatencyStage } from './metrics.js';
export { sweepRecordings } from './retention.js';
export {
  endNodeCalls,
  liveCallsByNode,
  LIVE_CALL_STATES,
  sweepLostNodeCalls,
  type NodeEndReason,
} from './node-calls.js';
export { encryptRecording, decryptedStream } from './recordings.js';
export { createEncryptStream, createDecryptStream, RecordingIntegrityError } from './recording-crypto.js';
export {
  DEFAULT_VOICE_SETTINGS,
  findCall,
  insertCallEvent,
  updateCall,
  type VoiceSettings,
  type RecordingView,
} from './store.js';
export { maskNumber, callStatusEvents } from './routes.js';
export type {
  AgentBrain,
  AgentBehaviour,
  AgentConversation,
  CallerCrm,
  SpeechEngines,
  SpeechToText,
  TextToSpeech,
  VoiceActivityDetector,
  WebCallRouter,
  ConversationChannel,
} from './ports.js';
export { WEB_CALL_PREFIX } from './ports.js';
