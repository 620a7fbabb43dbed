/**
 * The conversation engine: understands callers and answers from the business's own data, with
 * or without an LLM. Calls (voice) and the text channel use the same engine.
 */
export { createAgentEngine, type AgentEngine, type EngineDeps, type StartOptions } from './engine.js';
export { Conversation, type PreparedAnswer } from './conversation.js';
export {
  createAgentModule,
  type AgentModule,
  type AgentModuleDeps,
  type AgentModuleOptions,
} from './module.js';
export { speakable, spokenTime, joinList } from './speakable.js';
export { extractDigits, extractMessageText, extractName, extractPhone } from './slots.js';
export { sttGrammar, sttPhrases } from './stt-phrases.js';
export { heardTermMapper, sttKeyTerms } from './stt-terms.js';
export { expectedCalibrationError, fitTemperature, softmax, defaultTemperature } from './calibration.js';
export { numbersIn, ungroundedNumbers, groundingSet } from './grounding.js';
export { defaultLlmOptions, type LlmOptions } from './llm.js';
export type { ConversationState } from './state.js';
export type {
  AgentReply,
  Channel,
  Embedder,
  KnowledgePassage,
  KnowledgeSearch,
  LlmClient,
  LlmEvent,
  LlmMessage,
  ReplyAction,
  ReplyEvent,
  TakenMessage,
  Utterance,
} from './types.js';
