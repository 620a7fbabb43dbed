import { pino, type Logger } from 'pino';

/**
 * Structured JSON logs. Secrets never reach a log line: known secret-bearing keys are redacted,
 * and PII (phone numbers, transcripts, DTMF digits) only travels in the `pii` field, which an
 * operator can strip with APPLIANCE_LOG_PII=0 (default: kept, the box is on-prem).
 */
export function createLogger(
  level: string,
  opts: { pii?: boolean; destination?: NodeJS.WritableStream } = {},
): Logger {
  const redact = [
    'password',
    '*.password',
    'token',
    '*.token',
    'accessToken',
    'refreshToken',
    'apiKey',
    '*.apiKey',
    'secret',
    '*.secret',
    'req.headers.authorization',
    'req.headers.cookie',
    'headers.authorization',
  ];
  if (opts.pii === false) redact.push('pii');
  return pino(
    { level, redact: { paths: redact, censor: '[redacted]' }, base: { service: 'appliance' } },
    opts.destination ?? process.stdout,
  );
}

export type { Logger };
