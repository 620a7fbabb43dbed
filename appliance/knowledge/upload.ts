import Busboy from 'busboy';
import type { Context } from 'koa';
import { AppError } from '../errors.js';

export interface UploadedFile {
  filename: string;
  bytes: Buffer;
}

export interface UploadLimits {
  /** Per file (default 20 MiB). */
  maxFileBytes: number;
  /** Files per request (default 20). */
  maxFiles: number;
}

export const defaultUploadLimits: UploadLimits = { maxFileBytes: 20 * 1024 * 1024, maxFiles: 20 };

/**
 * Reads a multipart/form-data upload with busboy. Every file part is collected in memory up to
 * the per-file limit; crossing it, or sending too many files, is a 413 naming the file, and the
 * rest of the request is drained (not parsed) so the connection answers promptly.
 */
export function readMultipart(ctx: Context, limits: UploadLimits): Promise<UploadedFile[]> {
  return new Promise((resolve, reject) => {
    let bb: Busboy.Busboy;
    try {
      bb = Busboy({
        headers: ctx.req.headers,
        // Browsers and fetch send file names as raw UTF-8 (not RFC 5987); busboy's default reads
        // them as latin1, which garbled every non-ASCII name. `filename*=` still wins when sent.
        defParamCharset: 'utf8',
        limits: {
          fileSize: limits.maxFileBytes,
          files: limits.maxFiles,
          fields: 20,
          parts: limits.maxFiles + 20,
        },
      });
    } catch (err) {
      reject(
        new AppError('bad_request', 'malformed multipart/form-data request', {
          details: { reason: err instanceof Error ? err.message : String(err) },
        }),
      );
      return;
    }
    const files: UploadedFile[] = [];
    let failed = false;
    const fail = (err: AppError): void => {
      if (failed) return;
      failed = true;
      ctx.req.unpipe(bb);
      ctx.req.resume();
      ctx.set('Connection', 'close');
      reject(err);
    };
    bb.on('file', (_field, stream, info) => {
      const filename = (info.filename || `file${files.length + 1}`).slice(0, 255);
      const parts: Buffer[] = [];
      stream.on('data', (d: Buffer) => {
        if (!failed) parts.push(d);
      });
      stream.on('limit', () => {
        stream.resume();
        fail(
          new AppError('payload_too_large', `file "${filename}" exceeds ${limits.maxFileBytes} bytes`, {
            details: { file: filename, maxFileBytes: limits.maxFileBytes },
          }),
        );
      });
      // Busboy destroys a file stream with the form's error (truncated body): without this
      // listener that error would be uncaught and take the process down.
      stream.on('error', (err: Error) =>
        fail(
          new AppError('bad_request', 'malformed multipart/form-data request', {
            details: { file: filename, reason: err.message },
          }),
        ),
      );
      stream.on('close', () => {
        if (!failed) files.push({ filename, bytes: Buffer.concat(parts) });
      });
    });
    bb.on('filesLimit', () =>
      fail(
        new AppError('payload_too_large', `at most ${limits.maxFiles} files per upload`, {
          details: { maxFiles: limits.maxFiles },
        }),
      ),
    );
    bb.on('partsLimit', () =>
      fail(
        new AppError('payload_too_large', 'too many parts in the upload', {
          details: { maxFiles: limits.maxFiles },
        }),
      ),
    );
    bb.on('error', (err: unknown) =>
      fail(
        new AppError('bad_request', 'malformed multipart/form-data request', {
          details: { reason: err instanceof Error ? err.message : String(err) },
        }),
      ),
    );
    bb.on('close', () => {
      if (failed) return;
      if (files.length === 0) {
        reject(new AppError('validation_failed', 'the upload holds no file', { details: { field: 'file' } }));
        return;
      }
      resolve(files);
    });
    ctx.req.on('error', (err) =>
      fail(new AppError('bad_request', 'the upload was interrupted', { details: { reason: err.message } })),
    );
    ctx.req.pipe(bb);
  });
}
