/** The TypeScript SDK's public door: the generated client and types, the runtime's error and options. */
export { VoiceApplianceClient } from './client.js';
export { ApiError, type ClientOptions, type UploadFile } from './runtime.js';
export type * from './types.js';
