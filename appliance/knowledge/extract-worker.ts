/**
 * The extraction worker: one document per worker thread, started by sandbox.ts with V8 heap
 * limits. Bomb checks first (inflate-limits.ts), then the parsers (extract.ts). The answer is
 * one message: the extracted blocks, or a readable reason.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { extract, ExtractError } from './extract.js';
import { checkPdfStreams, checkZip, InflateLimitError } from './inflate-limits.js';
import type { DocumentKind } from './types.js';

export interface ExtractJob {
  kind: DocumentKind;
  bytes: Uint8Array;
  maxInflatedBytes: number;
  maxPages: number;
}

export type ExtractReply =
  { ok: true; extracted: Awaited<ReturnType<typeof extract>> } | { ok: false; message: string };

async function run(job: ExtractJob): Promise<ExtractReply> {
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  try {
    const limits = { maxInflatedBytes: job.maxInflatedBytes };
    if (job.kind === 'docx') checkZip(bytes, limits);
    if (job.kind === 'pdf') checkPdfStreams(bytes, limits);
    return { ok: true, extracted: await extract(job.kind, bytes, { maxPages: job.maxPages }) };
  } catch (err) {
    if (err instanceof InflateLimitError || err instanceof ExtractError)
      return { ok: false, message: err.message };
    return {
      ok: false,
      message: `cannot read the ${job.kind} file: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

const port = parentPort;
if (port) void run(workerData as ExtractJob).then((r) => port.postMessage(r));
