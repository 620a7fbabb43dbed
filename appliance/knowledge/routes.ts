import { z } from 'zod';
import { AppError } from '../errors.js';
import { readJsonBody } from '../http/body.js';
import { zodDetails } from '../http/errors.js';
import { authedRoute, type Route } from '../http/route.js';
import { idParams, pageQuery } from '../routes/common.js';
import { documentStatuses, type KnowledgeSearch } from './types.js';
import type { KnowledgeService } from './service.js';
import { readMultipart, type UploadLimits } from './upload.js';

const documentView = z.object({
  id: z.string(),
  title: z.string(),
  filename: z.string().nullable(),
  kind: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  status: z.enum(documentStatuses),
  error: z.string().nullable(),
  chunksDone: z.number().int(),
  chunksTotal: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** The JSON form of an upload: pasted text. */
export const pastedTextBody = z.strictObject({
  title: z.string().trim().min(1).max(300),
  text: z.string().min(1),
});

export const queryBody = z.strictObject({
  query: z.string().trim().min(1).max(2000),
  k: z.number().int().min(1).max(50).default(5),
});

const passage = z.object({
  documentId: z.string(),
  chunkId: z.string(),
  position: z.number().int(),
  title: z.string(),
  text: z.string(),
  score: z.number(),
});

const uploadResult = z.object({
  items: z.array(documentView.extend({ created: z.boolean() })),
});

/** Routes under /knowledge; `search` is the module's (metered) KnowledgeSearch. */
export function knowledgeRoutes(
  service: KnowledgeService,
  limits: UploadLimits,
  search: KnowledgeSearch,
): Route[] {
  return [
    authedRoute({
      method: 'post',
      path: '/knowledge/upload',
      tag: 'knowledge',
      summary:
        'Upload documents (multipart/form-data, one or more files: txt, md, html, csv, pdf, docx) or pasted text (JSON {title, text}); ingestion runs in the background',
      auth: 'editor',
      bodyKind: 'raw',
      rawContentType: 'multipart/form-data',
      responses: {
        201: { description: 'stored and queued for ingestion', schema: uploadResult },
        200: { description: 'every file was already uploaded: the existing documents', schema: uploadResult },
        413: { description: 'a file is too large, or too many files' },
        415: { description: 'a file is not a supported type (details name it)' },
      },
      handler: async ({ ctx, principal }) => {
        const type = ctx.request.type;
        let uploads;
        if (type === 'multipart/form-data') {
          uploads = await readMultipart(ctx, limits);
        } else if (type === 'application/json') {
          const raw = await readJsonBody(ctx, limits.maxFileBytes + 64 * 1024);
          const r = pastedTextBody.safeParse(raw);
          if (!r.success)
            throw new AppError('validation_failed', 'invalid body', {
              details: { in: 'body', issues: zodDetails(r.error) },
            });
          const bytes = Buffer.from(r.data.text, 'utf8');
          if (bytes.length > limits.maxFileBytes)
            throw new AppError(
              'payload_too_large',
              `text "${r.data.title}" exceeds ${limits.maxFileBytes} bytes`,
              {
                details: { file: r.data.title, maxFileBytes: limits.maxFileBytes },
              },
            );
          uploads = [{ filename: `${r.data.title}.txt`, title: r.data.title, bytes, kind: 'txt' as const }];
        } else {
          throw new AppError(
            'unsupported_media_type',
            'send multipart/form-data files or a JSON {title, text} body',
            {
              details: { received: type || null },
            },
          );
        }
        const results = await service.ingest(principal, uploads, ctx.ip);
        return {
          status: results.some((r) => r.created) ? 201 : 200,
          body: { items: results.map((r) => ({ ...r.document, created: r.created })) },
        };
      },
    }),
    authedRoute({
      method: 'get',
      path: '/knowledge',
      tag: 'knowledge',
      summary: "List the business's knowledge documents",
      auth: 'viewer',
      query: pageQuery,
      responses: {
        200: {
          description: 'documents',
          schema: z.object({ items: z.array(documentView), total: z.number().int() }),
        },
      },
      handler: async ({ principal, query }) => ({ body: await service.list(principal.businessId, query) }),
    }),
    authedRoute({
      method: 'get',
      path: '/knowledge/status',
      tag: 'knowledge',
      summary: 'Ingestion state and progress of every document, and the index version',
      auth: 'viewer',
      responses: {
        200: {
          description: 'status',
          schema: z.object({
            indexVersion: z.number().int(),
            items: z.array(
              documentView.pick({
                id: true,
                title: true,
                status: true,
                error: true,
                chunksDone: true,
                chunksTotal: true,
              }),
            ),
          }),
        },
      },
      handler: async ({ principal }) => {
        const all = await service.list(principal.businessId, { limit: 1000, offset: 0 });
        return {
          body: {
            indexVersion: await search.indexVersion(principal.businessId),
            items: all.items.map((d) => ({
              id: d.id,
              title: d.title,
              status: d.status,
              error: d.error,
              chunksDone: d.chunksDone,
              chunksTotal: d.chunksTotal,
            })),
          },
        };
      },
    }),
    authedRoute({
      method: 'post',
      path: '/knowledge/query',
      tag: 'knowledge',
      summary: "Hybrid (keyword + vector) search of the business's knowledge: top-k passages",
      auth: 'viewer',
      body: queryBody,
      responses: {
        200: { description: 'passages, best first', schema: z.object({ items: z.array(passage) }) },
      },
      handler: async ({ principal, body }) => ({
        body: { items: await search.query(principal.businessId, body.query, { k: body.k }) },
      }),
    }),
    authedRoute({
      method: 'get',
      path: '/knowledge/{id}',
      tag: 'knowledge',
      summary: 'One document, with its chunk count',
      auth: 'viewer',
      params: idParams,
      responses: {
        200: { description: 'document', schema: documentView.extend({ chunkCount: z.number().int() }) },
      },
      handler: async ({ principal, params }) => ({
        body: await service.get(principal.businessId, params.id),
      }),
    }),
    authedRoute({
      method: 'delete',
      path: '/knowledge/{id}',
      tag: 'knowledge',
      summary: 'Delete a document: gone from search at once, its file and vectors removed',
      auth: 'editor',
      params: idParams,
      responses: { 204: { description: 'deleted' } },
      handler: async ({ principal, params, ctx }) => {
        await service.remove(principal, params.id, ctx.ip);
        return { status: 204 };
      },
    }),
  ];
}
