/**
 * Public API of the models layer: VAD, STT, TTS, embeddings, LLM engines, the warm runtime
 * that selects among them, and model file management (list / import / pull, CLI).
 */
export { MODEL_KINDS, ENGINE_STATES, ModelError } from './types.js';
export type { ModelKind, EngineState, EngineStatus, PcmAudio } from './types.js';
export {
  resample,
  parseWav,
  encodeWav,
  int16ToFloat32,
  float32ToInt16,
  concatPcm,
  rmsDbfs,
} from './audio/pcm.js';

export {
  createModelRuntime,
  probeEngines,
  VAD_ENGINES,
  STT_ENGINES,
  TTS_ENGINES,
  EMBEDDING_ENGINES,
} from './runtime.js';
export type {
  ModelRuntime,
  ModelRuntimeOptions,
  RuntimeStatus,
  LlmConfig,
  VadEngineName,
  SttEngineName,
  TtsEngineName,
  EmbeddingEngineName,
} from './runtime.js';

export { VadStream } from './vad/stream.js';
export { Endpointer } from './vad/endpointer.js';
export { SileroVadEngine } from './vad/silero.js';
export { EnergyVadEngine } from './vad/energy.js';
export type { VadEngine, VadScorer, VadOptions, VadEvent } from './vad/types.js';

export { PocketsphinxEngine, DEFAULT_PS_MODEL_DIR, DEFAULT_PS_HELPER } from './stt/pocketsphinx.js';
export { agentLm, buildArpa, corpusSentences, CALLER_PATTERNS } from './stt/agent-lm.js';
export { FUNCTION_WORDS, keyTerms, rescoreNbest } from './stt/rescore.js';
export { PhoneticMatcher, phoneDistance, type TermMapping } from './stt/phonetic.js';
export { PronunciationDictionary } from './stt/pronounce.js';
export { WhisperEngine, whisperStatus } from './stt/whisper.js';
export { wordErrorRate, normalizeWords } from './stt/text.js';
export type { SttEngine, SttStream, SttResult, SttBias, SttRequestOptions, SttChannel } from './stt/types.js';
export { sttChannel } from './stt/types.js';

export { FliteTts, EspeakTts } from './tts/cli-engines.js';
export { FestivalTts } from './tts/festival.js';
export { PiperTts, piperStatus } from './tts/piper.js';
export { speak } from './tts/stream.js';
export type { SpeakOptions } from './tts/stream.js';
export { splitSentences } from './tts/sentences.js';
export { cutLeadQuiet, KEPT_LEAD_MS } from './tts/lead-quiet.js';
export type { TtsEngine, TtsChunk, TtsSynthOptions } from './tts/types.js';

export { WinkSifEngine } from './embeddings/wink.js';
export { MiniLmEngine, miniLmStatus } from './embeddings/minilm.js';
export { WordPieceTokenizer } from './embeddings/wordpiece.js';
export { cosine } from './embeddings/types.js';
export type { EmbeddingEngine, EmbedOptions } from './embeddings/types.js';

export { OpenAiChatEngine } from './llm/openai.js';
export { LlamaCppEngine } from './llm/llama-cpp.js';
export type { LlmEngine, ChatEvent, ChatMessage, ChatRequest, ChatTool, ChatRole } from './llm/types.js';

export { ModelManager } from './manager/manager.js';
export type { ModelStatus, InstallReport, FileState, ModelState } from './manager/manager.js';
export { MODEL_MANIFEST, findModel } from './manager/manifest.js';
export type { ModelEntry, ModelFile } from './manager/manifest.js';
export { runModelsCli } from './manager/cli.js';
export type { CliIo } from './manager/cli.js';
export { progressBar } from './manager/files.js';

export { CallerAudioCleaner } from './denoise/cleaner.js';
export type { CallerAudioStream } from './denoise/cleaner.js';
export { CallerAudioChain, type CallerAudioOptions } from './denoise/chain.js';
export { Agc, type AgcOptions } from './denoise/agc.js';
export { RnnoiseDenoiser, loadRnnoise } from './denoise/rnnoise.js';
export { SpeexDenoiser, speexAvailable } from './denoise/speex.js';
