/**
 * Twilio calls through Media Streams (issue 18): a business's Twilio account, the signed voice
 * webhook answering `<Connect><Stream>` TwiML, status callbacks, and the Media Streams WebSocket
 * whose calls run as bridged legs of the calls module.
 */
export { createTwilioModule, type TwilioModule } from './module.js';
export { twilioSignature, validTwilioSignature, urlVariants, type FormParams } from './signature.js';
export { parseStreamMessage, StreamMessageError, type StreamMessage } from './stream-messages.js';
