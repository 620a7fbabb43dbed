import type { Context } from 'koa';
import { AppError } from '../errors.js';

/**
 * Reads a JSON request body with a byte limit. Oversized bodies are refused as soon as the limit
 * is crossed (413) without buffering the rest; wrong media types get 415; broken JSON 400.
 */
export async function readJsonBody(ctx: Context, maxBytes: number): Promise<unknown> {
  const length = ctx.request.length;
  const hasBody = (length !== undefined && length > 0) || ctx.get('transfer-encoding') !== '';
  if (!hasBody) return undefined;
  if (length !== undefined && length > maxBytes) {
    throw new AppError('payload_too_large', `request body exceeds ${maxBytes} bytes`, {
      details: { maxBytes },
    });
  }
  const type = ctx.request.type;
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new AppError('unsupported_media_type', 'request body must be application/json', {
      details: { received: type || null },
    });
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      ctx.req.unpipe();
      ctx.req.resume();
      ctx.set('Connection', 'close');
      throw new AppError('payload_too_large', `request body exceeds ${maxBytes} bytes`, {
        details: { maxBytes },
      });
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new AppError('malformed_json', 'request body is not valid JSON', {
      details: { reason: err instanceof Error ? err.message : String(err) },
    });
  }
}
