export { createAnalyticsModule, type AnalyticsModule } from './module.js';
export { isUnanswered, recordUnanswered, listGaps, type GapView } from './gaps.js';
export { gapTokens, jaccard, sameGapJaccard } from './gap-text.js';
export {
  buildPostCallRecord,
  outcomes,
  parsePostCall,
  postCallRecordOf,
  readPostCall,
  postCallView,
  saveLlmFields,
  savePostCallRecord,
  type Outcome,
  type PostCallDraft,
  type PostCallRecord,
} from './post-call.js';
export {
  grounded,
  PostCallExtractor,
  postCallLlmBudgetMs,
  postCallPromptTitle,
  type FieldSource,
  type PostCallLlm,
} from './post-call-llm.js';
