/**
 * Upgrading keeps every byte, both dialects: the previous release (helpers/release.ts: a git tag
 * built in a temp dir) runs on a new data dir / database and makes data through its API
 * (businesses, agents, knowledge, a conversation) and an encrypted recording with its own code.
 * Then a migration that fails half-way is tried on that data: the old release still starts on it
 * and shows the same things. Then this version starts on it: every row of every table is still
 * there (columns a new migration adds aside), the API shows the same, the recording decrypts.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql, type Kysely } from 'kysely';
import t, { type Test } from 'tap';
import { apiView, downloadRecording, dumpTables, seedTenant, stereoWav } from '../backup/test/helpers.js';
import { migrateToLatest, migrations, openDb } from '../db/index.js';
import { startTestApi } from './helpers/app.js';
import { dialects, sharedPostgres } from './helpers/dialects.js';
import {
  previousRelease,
  releaseModule,
  releaseNodeArgs,
  startRelease,
  type Release,
} from './helpers/release.js';
import { sharedModelsDir } from './helpers/shared.js';

const run = promisify(execFile);

/** An ended call of `businessId` with a recording, written by the release's own code. */
async function recordWithRelease(
  release: Release,
  box: { dataDir: string; databaseUrl: string },
  tenant: { businessId: string; agentId: string },
  wavFile: string,
): Promise<string> {
  const mod = (p: string) => JSON.stringify(releaseModule(release, p));
  const script = `
    import { randomUUID } from 'node:crypto';
    import { openDb } from ${mod('db/index.js')};
    import { MasterKey } from ${mod('auth/keyfile.js')};
    import { encryptRecording } from ${mod('calls/recordings.js')};
    import { insertCall, insertRecording } from ${mod('calls/store.js')};
    const e = process.env;
    const db = openDb({ databaseUrl: e.U_URL, dataDir: e.U_DIR });
    const key = MasterKey.loadOrCreate(e.U_DIR).derive('recordings');
    const callId = randomUUID(), recId = randomUUID();
    await insertCall(db.kysely, { id: callId, businessId: e.U_BIZ, agentId: e.U_AGENT, direction: 'inbound',
      caller: '+15557654321', dialed: '5550101', state: 'ended', billing: 'included', startedAt: new Date().toISOString() });
    const enc = await encryptRecording(key, e.U_DIR, e.U_BIZ, recId, e.U_WAV);
    await insertRecording(db.kysely, { id: recId, businessId: e.U_BIZ, callId, conversationId: null, agentId: e.U_AGENT,
      file: enc.file, bytes: enc.bytes, durationMs: 2000, sampleRateHz: 8000, createdAt: new Date().toISOString() });
    await db.close();
    process.stdout.write(recId);
  `;
  const r = await run(process.execPath, [...releaseNodeArgs(release), '--input-type=module', '-e', script], {
    cwd: release.dir,
    env: {
      ...process.env,
      U_URL: box.databaseUrl,
      U_DIR: box.dataDir,
      U_BIZ: tenant.businessId,
      U_AGENT: tenant.agentId,
      U_WAV: wavFile,
    },
  });
  return r.stdout.trim();
}

/** Rows of `after` cut to the columns `before` had (a new migration may add columns). */
function project(
  before: Record<string, string[]>,
  after: Record<string, string[]>,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [table, rows] of Object.entries(before)) {
    const cols = rows[0] ? Object.keys(JSON.parse(rows[0]) as object) : undefined;
    out[table] = (after[table] ?? [])
      .map((r) => {
        const o = JSON.parse(r) as Record<string, unknown>;
        return JSON.stringify(cols ? Object.fromEntries(cols.map((c) => [c, o[c]])) : o);
      })
      .sort();
  }
  return out;
}

t.test('upgrade from the previous release', async (t) => {
  // APPLIANCE_UPGRADE_BUILD=1 (npm run verify:upgrade): the previous release compiled, as shipped.
  const release = await previousRelease(undefined, { build: process.env.APPLIANCE_UPGRADE_BUILD === '1' });
  if ('missing' in release) {
    t.pass(`skipped: ${release.missing}`);
    return;
  }
  t.comment(
    `previous release ${release.commit.slice(0, 12)} ${release.built ? 'compiled (dist/)' : 'from its sources (tsx)'}, ready in ${release.buildS.toFixed(0)} s`,
  );
  for (const dialect of dialects) {
    await t.test(dialect, async (t) => {
      const t0 = Date.now();
      t.teardown(() => t.comment(`${dialect}: ${((Date.now() - t0) / 1000).toFixed(0)} s`));
      const work = mkdtempSync(path.join(os.tmpdir(), 'appliance-upgrade-'));
      t.teardown(() => rmSync(work, { recursive: true, force: true }));
      const box = {
        dataDir: path.join(work, 'data'),
        databaseUrl:
          dialect === 'postgres'
            ? await (await sharedPostgres(t)).createDatabase(`upgrade_${process.pid}`)
            : '',
      };
      const modelsDir = sharedModelsDir();

      // The old release makes data.
      const old = await startRelease(release, { ...box, modelsDir });
      let a, b;
      try {
        a = await seedTenant(old.baseUrl, 'Old Alpha', '5550101');
        b = await seedTenant(old.baseUrl, 'Old Bravo', '5550102');
      } catch (err) {
        await old.stop();
        throw err;
      }
      const original = stereoWav(2);
      const wavFile = path.join(work, 'call.wav');
      writeFileSync(wavFile, original);
      const recId = await recordWithRelease(release, box, a, wavFile);
      const viewA = await apiView(old.baseUrl, a.token);
      const viewB = await apiView(old.baseUrl, b.token);
      t.equal(
        (viewA as { recordings: { total: number } }).recordings.total,
        1,
        'the old release lists its recording',
      );
      t.ok((await downloadRecording(old.baseUrl, a.token, recId)).equals(original), 'and plays it');
      await old.stop();
      const db0 = openDb(box);
      const before = await dumpTables(db0);

      // A newer version whose migration fails half-way: the old data stays usable.
      const backupDir = path.join(box.dataDir, 'backups');
      const failed = await migrateToLatest(db0, {
        backupDir,
        migrations: {
          ...migrations,
          '0900_broken': {
            up: async (db: Kysely<unknown>) => {
              await db.schema.createTable('half_done').addColumn('id', 'text').execute();
              await sql`update agents set name = 'clobbered'`.execute(db);
              throw new Error('injected failure');
            },
          },
        },
      }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      t.match(
        failed?.message,
        /0900_broken failed: injected failure.*kept in .*pre-migrate-/,
        'the failure names the copy',
      );
      t.equal(
        readdirSync(backupDir).filter((f) => f.startsWith('pre-migrate-')).length,
        1,
        'copy made before migrating',
      );
      t.same(await dumpTables(db0), before, 'the data is as the old release left it');
      await db0.close();
      const again = await startRelease(release, { ...box, modelsDir });
      try {
        t.same(
          await apiView(again.baseUrl, a.token),
          viewA,
          'the old release starts on it and shows the same',
        );
        t.ok(
          (await downloadRecording(again.baseUrl, a.token, recId)).equals(original),
          'the recording still plays there',
        );
      } finally {
        await again.stop();
      }
      const settled = await dumpTables(openDbClosing(t, box));

      // This version on the old data.
      const api = await startTestApi(t, dialect, box);
      const after = await dumpTables(api.app.ctx.db);
      // Every old row is kept with its old columns' values; new rows (this version's migrations,
      // seeds) and new columns may be added.
      const projected = project(settled, after);
      for (const table of Object.keys(settled)) {
        const kept = new Set(projected[table]);
        t.same(
          (settled[table] ?? []).filter((r) => !kept.has(r)),
          [],
          `${table}: every row kept (${settled[table]?.length ?? 0})`,
        );
      }
      // The API shows everything it showed before; fields this version added (with their
      // defaults, e.g. an agent's behaviour.endOfTurn) may come on top.
      t.has(await apiView(api.baseUrl, a.token), viewA, "A's agents, conversations, documents, recordings");
      t.has(await apiView(api.baseUrl, b.token), viewB, "B's too (old tokens: same key file)");
      t.ok(
        (await downloadRecording(api.baseUrl, a.token, recId)).equals(original),
        'the old recording decrypts',
      );
    });
  }
});

/** Opens the database for one read and closes it at teardown. */
function openDbClosing(t: Test, box: { dataDir: string; databaseUrl: string }) {
  const db = openDb(box);
  t.teardown(() => db.close());
  return db;
}
