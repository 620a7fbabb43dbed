import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * Recordings at rest: AES-256-GCM in independently authenticated chunks, so a download can be
 * decrypted and verified as it streams (one GCM tag over a whole file would release unverified
 * plaintext before the tag at the end is checked).
 *
 * Layout: header = "VREC" | version (1 byte) | chunk size (u32 BE) | base nonce (12 bytes);
 * then chunks = length (u32 BE) | ciphertext | tag (16 bytes). Chunk i uses the base nonce with
 * i XORed into its last 4 bytes, and authenticates (header, i, last-chunk flag) as AAD, so chunks
 * cannot be reordered, dropped from the end, or moved between files.
 */
const MAGIC = Buffer.from('VREC');
const VERSION = 1;
const HEADER_BYTES = 4 + 1 + 4 + 12;
const TAG_BYTES = 16;
/** Plaintext bytes per chunk (64 KiB: ~2 s of 16 kHz stereo audio). */
export const DEFAULT_CHUNK_BYTES = 64 * 1024;

export class RecordingIntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordingIntegrityError';
  }
}

function nonceFor(base: Buffer, index: number): Buffer {
  const n = Buffer.from(base);
  n.writeUInt32BE((n.readUInt32BE(8) ^ index) >>> 0, 8);
  return n;
}

function aad(header: Buffer, index: number, last: boolean): Buffer {
  const tail = Buffer.alloc(5);
  tail.writeUInt32BE(index, 0);
  tail[4] = last ? 1 : 0;
  return Buffer.concat([header, tail]);
}

/** Encrypting transform: plaintext in, the format above out. */
export function createEncryptStream(key: Buffer, chunkBytes = DEFAULT_CHUNK_BYTES): Transform {
  if (key.length !== 32) throw new Error('recording key must be 32 bytes');
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header[4] = VERSION;
  header.writeUInt32BE(chunkBytes, 5);
  randomBytes(12).copy(header, 9);
  const base = header.subarray(9, 21);
  let index = 0;
  let pending: Buffer = Buffer.alloc(0);
  let headerSent = false;
  const seal = (plain: Buffer, last: boolean): Buffer => {
    const c = createCipheriv('aes-256-gcm', key, nonceFor(base, index));
    c.setAAD(aad(header, index, last));
    const body = Buffer.concat([c.update(plain), c.final()]);
    index += 1;
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length, 0);
    return Buffer.concat([len, body, c.getAuthTag()]);
  };
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      if (!headerSent) {
        this.push(header);
        headerSent = true;
      }
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      // Keep at least one byte back so the final chunk is always sealed with the last flag.
      while (pending.length > chunkBytes) {
        this.push(seal(pending.subarray(0, chunkBytes), false));
        pending = pending.subarray(chunkBytes);
      }
      cb();
    },
    flush(cb: TransformCallback) {
      if (!headerSent) this.push(header);
      this.push(seal(pending, true));
      cb();
    },
  });
}

/** Decrypting transform: verifies each chunk before releasing it; errors on any tampering or truncation. */
export function createDecryptStream(key: Buffer): Transform {
  let buf: Buffer = Buffer.alloc(0);
  let header: Buffer | undefined;
  let base: Buffer | undefined;
  let chunkBytes = 0;
  let index = 0;
  let sawLast = false;
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      try {
        if (!header) {
          if (buf.length < HEADER_BYTES) return cb();
          header = Buffer.from(buf.subarray(0, HEADER_BYTES));
          if (!header.subarray(0, 4).equals(MAGIC) || header[4] !== VERSION)
            throw new RecordingIntegrityError('not an encrypted recording (bad header)');
          chunkBytes = header.readUInt32BE(5);
          base = header.subarray(9, 21);
          buf = buf.subarray(HEADER_BYTES);
        }
        while (buf.length >= 4) {
          if (sawLast) throw new RecordingIntegrityError('data after the final chunk');
          const len = buf.readUInt32BE(0);
          if (len > chunkBytes) throw new RecordingIntegrityError('chunk larger than the declared size');
          if (buf.length < 4 + len + TAG_BYTES) break;
          const body = buf.subarray(4, 4 + len);
          const tag = buf.subarray(4 + len, 4 + len + TAG_BYTES);
          // A short chunk can only be the last one; a full one may still be the last.
          const plain = open(body, tag, len < chunkBytes ? [true] : [false, true]);
          this.push(plain);
          buf = buf.subarray(4 + len + TAG_BYTES);
        }
        cb();
      } catch (err) {
        cb(err as Error);
      }
    },
    flush(cb: TransformCallback) {
      if (!header || !sawLast || buf.length > 0)
        return cb(new RecordingIntegrityError('recording is truncated'));
      cb();
    },
  });

  function open(body: Buffer, tag: Buffer, candidates: boolean[]): Buffer {
    for (const last of candidates) {
      try {
        const d = createDecipheriv('aes-256-gcm', key, nonceFor(base as Buffer, index));
        d.setAAD(aad(header as Buffer, index, last));
        d.setAuthTag(tag);
        const plain = Buffer.concat([d.update(body), d.final()]);
        index += 1;
        sawLast = last;
        return plain;
      } catch {
        /* try the other flag */
      }
    }
    throw new RecordingIntegrityError(`chunk ${index} failed authentication`);
  }
}
