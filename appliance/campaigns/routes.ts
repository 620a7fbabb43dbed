import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError, conflict, notFound } from '../errors.js';
import { readTextBody } from '../http/body.js';
import { authedRoute, type Route } from '../http/route.js';
import { readMultipart } from '../knowledge/index.js';
import {
  maxCsvBytes,
  maxNumbersPerList,
  parseNumberCsv,
  parseNumberList,
  type ParsedNumbers,
} from './csv.js';
import { dncRoutes } from './dnc.js';
import { campaignReport, reportCsv } from './report.js';
import type { CampaignScheduler } from './scheduler.js';
import {
  campaignSchema,
  count,
  createCampaignBody,
  idParams,
  maxInvalidListed,
  numberSchema,
  page,
  reportSchema,
  uploadSchema,
} from './schemas.js';
import {
  addNumbers,
  allNumbers,
  campaignView,
  countNumbers,
  getCampaignRow,
  insertCampaign,
  listCampaigns,
  listNumbers,
  type CampaignRow,
  type NewCampaign,
} from './store.js';
import { campaignStates, numberStates, type CampaignAction } from './types.js';
import { defaultWindows, isValidTimeZone } from './window.js';

function parseCsvOr400(text: string): ParsedNumbers {
  try {
    return parseNumberCsv(text);
  } catch (err) {
    if (err instanceof RangeError)
      throw new AppError('payload_too_large', err.message, { details: { maxNumbers: maxNumbersPerList } });
    throw err;
  }
}

export interface CampaignRoutesDeps {
  app: Pick<AppContext, 'db' | 'now' | 'config'>;
  scheduler: CampaignScheduler;
}

/** Routes under /campaigns and /dnc; every query is scoped by the caller's business. */
export function campaignRoutes({ app, scheduler }: CampaignRoutesDeps): Route[] {
  const db = app.db.kysely;
  const boxMax = app.config.sip.maxConcurrentCalls;
  const view = async (businessId: string, row: CampaignRow) =>
    campaignView(row, (await countNumbers(db, businessId, [row.id])).get(row.id) ?? 0);
  const load = async (businessId: string, id: string): Promise<CampaignRow> => {
    const row = await getCampaignRow(db, businessId, id);
    if (!row) throw notFound('campaign');
    return row;
  };
  /**
   * Adds a parsed list to a campaign (an existing one, or one created in the same transaction);
   * the campaign's id and the upload's figures.
   */
  const upload = async (businessId: string, target: string | NewCampaign, parsed: ParsedNumbers) => {
    const { id, added } = await db.transaction().execute(async (trx) => {
      let id: string;
      if (typeof target === 'string') {
        const c = await getCampaignRow(trx, businessId, target);
        if (!c) throw notFound('campaign');
        if (c.status === 'completed' || c.status === 'cancelled')
          throw conflict(`numbers cannot be added to a ${c.status} campaign`, { status: c.status });
        id = c.id;
      } else id = await insertCampaign(trx, businessId, target, app.now());
      return { id, added: await addNumbers(trx, businessId, id, parsed.entries, app.now()) };
    });
    return {
      id,
      figures: {
        added: added.added,
        duplicates: parsed.duplicates + added.duplicates,
        dncSkipped: added.dncSkipped,
        invalidCount: parsed.invalid.length,
        invalid: parsed.invalid.slice(0, maxInvalidListed),
      },
    };
  };
  const actionRoute = (action: Exclude<CampaignAction, 'complete'>, summary: string): Route =>
    authedRoute({
      method: 'post',
      path: `/campaigns/{id}/${action}`,
      tag: 'campaigns',
      summary,
      auth: 'editor',
      params: idParams,
      responses: {
        200: { description: 'the campaign in its new state', schema: campaignSchema },
        409: { description: 'not allowed from the campaign state (details: status, action)' },
      },
      handler: async ({ principal, params }) => ({
        body: await view(
          principal.businessId,
          await scheduler.transition(principal.businessId, params.id, action),
        ),
      }),
    });

  return [
    ...dncRoutes(db, app.now),
    authedRoute({
      method: 'post',
      path: '/campaigns',
      tag: 'campaigns',
      summary: 'Create a campaign (draft) with its numbers as a JSON list or CSV text',
      auth: 'editor',
      body: createCampaignBody,
      responses: {
        201: { description: 'created', schema: z.object({ campaign: campaignSchema, upload: uploadSchema }) },
      },
      handler: async ({ principal, body }) => {
        const businessId = principal.businessId;
        if (body.concurrency > boxMax)
          throw new AppError('validation_failed', `concurrency is at most ${boxMax} on this box`, {
            details: {
              in: 'body',
              issues: [{ path: 'concurrency', message: `at most ${boxMax}`, code: 'too_big' }],
            },
          });
        const agent = await db
          .selectFrom('agents')
          .select('id')
          .where('business_id', '=', businessId)
          .where('id', '=', body.agentId)
          .executeTakeFirst();
        if (!agent) throw notFound('agent');
        const business = await db
          .selectFrom('businesses')
          .select('timezone')
          .where('id', '=', businessId)
          .executeTakeFirst();
        const tz =
          body.timeZone ??
          (business?.timezone && isValidTimeZone(business.timezone) ? business.timezone : 'UTC');
        const parsed: ParsedNumbers = { entries: [], invalid: [], duplicates: 0 };
        const fromList = body.numbers ? parseNumberList(body.numbers) : parsed;
        const fromCsv = body.csv ? parseCsvOr400(body.csv) : parsed;
        // JSON list first, then the CSV's rows (lines numbered after the list's).
        const offset = body.numbers?.length ?? 0;
        const seen = new Set(fromList.entries.map((e) => e.number));
        const merged: ParsedNumbers = {
          entries: [...fromList.entries],
          invalid: [...fromList.invalid, ...fromCsv.invalid.map((r) => ({ ...r, line: r.line + offset }))],
          duplicates: fromList.duplicates + fromCsv.duplicates,
        };
        for (const e of fromCsv.entries) {
          if (seen.has(e.number)) merged.duplicates++;
          else merged.entries.push({ ...e, line: e.line + offset });
        }
        if (merged.entries.length > maxNumbersPerList)
          throw new AppError('payload_too_large', `a list holds at most ${maxNumbersPerList} numbers`);
        const { id, figures } = await upload(
          businessId,
          {
            name: body.name,
            agentId: body.agentId,
            timeZone: tz,
            windows: body.windows ?? defaultWindows,
            concurrency: body.concurrency,
            maxAttempts: body.maxAttempts,
            retryBackoffS: body.retryBackoffS,
            voicemailMessage: body.voicemailMessage,
            amd: body.amd,
          },
          merged,
        );
        return {
          status: 201,
          body: { campaign: await view(businessId, await load(businessId, id)), upload: figures },
        };
      },
    }),
    authedRoute({
      method: 'get',
      path: '/campaigns',
      tag: 'campaigns',
      summary: "List the business's campaigns, newest first",
      auth: 'viewer',
      query: z.strictObject({ ...page, status: z.enum(campaignStates).optional() }),
      responses: {
        200: { description: 'campaigns', schema: z.object({ items: z.array(campaignSchema), total: count }) },
      },
      handler: async ({ principal, query }) => ({
        body: await listCampaigns(db, principal.businessId, {
          limit: query.limit,
          offset: query.offset,
          ...(query.status ? { status: query.status } : {}),
        }),
      }),
    }),
    authedRoute({
      method: 'get',
      path: '/campaigns/{id}',
      tag: 'campaigns',
      summary: 'One campaign',
      auth: 'viewer',
      params: idParams,
      responses: { 200: { description: 'the campaign', schema: campaignSchema } },
      handler: async ({ principal, params }) => ({
        body: await view(principal.businessId, await load(principal.businessId, params.id)),
      }),
    }),
    authedRoute({
      method: 'post',
      path: '/campaigns/{id}/numbers',
      tag: 'campaigns',
      summary:
        'Add numbers from a CSV (text/csv body, or multipart/form-data with one file): a number/phone column or the first one, optional name',
      auth: 'editor',
      params: idParams,
      bodyKind: 'raw',
      rawContentType: 'text/csv',
      responses: {
        200: {
          description: 'what was added, skipped and refused (invalid rows with their lines)',
          schema: uploadSchema,
        },
        413: { description: 'more than 100 000 rows or 8 MiB' },
        415: { description: 'neither text/csv nor multipart/form-data' },
      },
      handler: async ({ principal, params, ctx }) => {
        await load(principal.businessId, params.id);
        const type = ctx.request.type;
        let text: string;
        if (type === 'multipart/form-data') {
          const [file] = await readMultipart(ctx, { maxFileBytes: maxCsvBytes, maxFiles: 1 });
          text = file?.bytes.toString('utf8') ?? '';
        } else if (type === 'text/csv' || type === 'text/plain') text = await readTextBody(ctx, maxCsvBytes);
        else
          throw new AppError(
            'unsupported_media_type',
            'send text/csv or multipart/form-data with one CSV file',
            {
              details: { received: type || null },
            },
          );
        return { body: (await upload(principal.businessId, params.id, parseCsvOr400(text))).figures };
      },
    }),
    actionRoute('start', 'Start calling (draft -> running)'),
    actionRoute('pause', 'Pause: no new calls; calls under way finish (running -> paused)'),
    actionRoute('resume', 'Resume a paused campaign (paused -> running)'),
    actionRoute('cancel', 'Cancel: numbers not yet called are cancelled; calls under way finish'),
    authedRoute({
      method: 'get',
      path: '/campaigns/{id}/numbers',
      tag: 'campaigns',
      summary: "Per-number results (attempts, outcome, last call, next attempt), in the list's order",
      auth: 'viewer',
      params: idParams,
      query: z.strictObject({ ...page, status: z.enum(numberStates).optional() }),
      responses: {
        200: { description: 'numbers', schema: z.object({ items: z.array(numberSchema), total: count }) },
      },
      handler: async ({ principal, params, query }) => {
        await load(principal.businessId, params.id);
        return {
          body: await listNumbers(db, principal.businessId, params.id, {
            limit: query.limit,
            offset: query.offset,
            ...(query.status ? { status: query.status } : {}),
          }),
        };
      },
    }),
    authedRoute({
      method: 'get',
      path: '/campaigns/{id}/report',
      tag: 'campaigns',
      summary: 'Campaign figures (JSON), or every number with its result as CSV with ?format=csv',
      auth: 'viewer',
      params: idParams,
      query: z.strictObject({ format: z.enum(['json', 'csv']).default('json') }),
      responses: {
        200: {
          description: 'report (JSON), or text/csv with ?format=csv',
          schema: reportSchema,
          contentType: 'text/csv',
        },
      },
      handler: async ({ principal, params, query }) => {
        const c = await load(principal.businessId, params.id);
        if (query.format === 'json') return { body: await campaignReport(db, principal.businessId, c.id) };
        const csv = reportCsv(await allNumbers(db, principal.businessId, c.id));
        return {
          body: csv,
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="campaign-${c.id}.csv"`,
          },
        };
      },
    }),
  ];
}
