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
  if (length !== undefined && length > maxBytes) throw tooLarge(maxBytes);
  const type = ctx.request.type;
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new AppError('unsupported_media_type', 'request body must be application/json', {
      details: { received: type || null },
    });
  }
  const text = (await readLimited(ctx, maxBytes)).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new AppError('malformed_json', 'request body is not valid JSON', {
      details: { reason: err instanceof Error ? err.message : String(err) },
    });
  }
}

const tooLarge = (maxBytes: number): AppError =>
  new AppError('payload_too_large', `request body exceeds ${maxBytes} bytes`, { details: { maxBytes } });

/** The body's bytes up to `maxBytes`; past it 413 at once, the rest drained unread, the connection closed. */
async function readLimited(ctx: Context, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      ctx.req.unpipe();
      ctx.req.resume();
      ctx.set('Connection', 'close');
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A text body (e.g. text/csv) with a byte limit, as UTF-8; the caller checks the media type. */
export async function readTextBody(ctx: Context, maxBytes: number): Promise<string> {
  if (ctx.request.length !== undefined && ctx.request.length > maxBytes) throw tooLarge(maxBytes);
  return (await readLimited(ctx, maxBytes)).toString('utf8');
}
