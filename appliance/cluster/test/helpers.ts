import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Test } from 'tap';
import type { Kysely } from 'kysely';
import type { Logger } from '../../log.js';
import { subscribeOrChange } from '../../billing/index.js';
import type { Database, Dialect } from '../../db/index.js';
import { newId } from '../../ids.js';
import { freshDatabaseUrl } from '../../test/helpers/dialects.js';
import { startTestApi, type TestApi } from '../../test/helpers/app.js';

/**
 * Several appliance nodes over one database: each a real appliance (own data dir, own node id,
 * own HTTP port) on the database of the first. `overrides` apply to every node.
 */
export async function startNodes(
  t: Test,
  dialect: Dialect,
  count: number,
  overrides: Record<string, unknown> = {},
  now?: () => Date,
  log?: Logger,
): Promise<{ nodes: TestApi[]; databaseUrl: string; dataDirs: string[] }> {
  const { databaseUrl } = await freshDatabaseUrl(t, dialect);
  const nodes: TestApi[] = [];
  const dataDirs: string[] = [];
  for (let i = 0; i < count; i++) {
    // SQLite is one file in the data dir: nodes share it only by sharing the data dir.
    const { dataDir } =
      dialect === 'sqlite' && i > 0 ? { dataDir: dataDirs[0]! } : await freshDatabaseUrl(t, 'sqlite');
    dataDirs.push(dataDir);
    // Every node of a cluster holds the same master key (README "Cluster"): tokens, webhook
    // secrets and recordings made on one node are read on the others.
    if (i > 0 && dataDir !== dataDirs[0]) {
      mkdirSync(path.join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
      copyFileSync(
        path.join(dataDirs[0]!, 'keys', 'appliance.key'),
        path.join(dataDir, 'keys', 'appliance.key'),
      );
    }
    nodes.push(
      await startTestApi(
        t,
        dialect,
        {
          ...overrides,
          databaseUrl,
          dataDir,
          cluster: { nodeId: `node-${i + 1}`, ...(overrides.cluster as object) },
        },
        now,
        log,
      ),
    );
  }
  return { nodes, databaseUrl, dataDirs };
}

/** A business on the starter plan (100 included calls) at `at`. */
export async function subscribed(
  api: TestApi,
  db: Kysely<Database>,
  name: string,
  at: Date,
): Promise<string> {
  const a = await api.register(name);
  await db.transaction().execute((trx) => subscribeOrChange(trx, a.businessId, 'starter', at));
  // A webhook listening for call events, so they land in the outbox to be read.
  await db
    .insertInto('webhooks')
    .values({
      id: newId(),
      business_id: a.businessId,
      url: 'http://127.0.0.1:9/hook',
      events: JSON.stringify(['call.ended', 'transcript.ready']),
      secret_enc: 'v1.x.y.z',
      enabled: 1,
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
    })
    .execute();
  return a.businessId;
}
