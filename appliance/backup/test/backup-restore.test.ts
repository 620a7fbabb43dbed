/**
 * `appliance backup` while the service runs and `appliance restore` onto a new box, on SQLite and
 * PostgreSQL: businesses, agents, conversations, knowledge and an encrypted recording made
 * through the API; the backup taken by the CLI beside the running service (and again under chat
 * traffic); restored into a new data directory (and a new PostgreSQL database); a new service on
 * it shows the same rows, accepts the old access token (same key file) and the recording still
 * decrypts to the original WAV. Damaged, truncated and tampered files are refused and nothing
 * is written.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect } from 'node:tls';
import t, { type Test } from 'tap';
import { encryptRecording } from '../../calls/index.js';
import { insertCall, insertRecording } from '../../calls/store.js';
import { postgresTableCount, type Dialect } from '../../db/index.js';
import { startTestApi } from '../../test/helpers/app.js';
import { dialects, sharedPostgres } from '../../test/helpers/dialects.js';
import { apiView, applianceCli, downloadRecording, dumpTables, seedTenant, stereoWav } from './helpers.js';
import { testCert } from '../../../lib/test/helpers/tls-cert.js';

let dbn = 0;

/** A new, empty place to restore to: a data dir that does not exist yet (and a new PG database). */
async function newBox(
  t: Test,
  dialect: Dialect,
  work: string,
): Promise<{ dataDir: string; databaseUrl: string }> {
  const dataDir = path.join(work, `box-${++dbn}`);
  if (dialect === 'sqlite') return { dataDir, databaseUrl: '' };
  const pgc = await sharedPostgres(t);
  return { dataDir, databaseUrl: await pgc.createDatabase(`restore_${process.pid}_${dbn}`) };
}

/** Nothing was written: no data dir (or an empty one) and no tables in the PG database. */
async function untouched(
  t: Test,
  box: { dataDir: string; databaseUrl: string },
  what: string,
): Promise<void> {
  t.ok(!existsSync(box.dataDir) || readdirSync(box.dataDir).length === 0, `${what}: data dir untouched`);
  if (box.databaseUrl)
    t.equal(await postgresTableCount(box.databaseUrl), 0, `${what}: PG database untouched`);
  t.same(
    readdirSync(path.dirname(box.dataDir)).filter((f) => f.startsWith('.appliance-restore-')),
    [],
    `${what}: no unpacked files left behind`,
  );
}

/** SHA-256 fingerprint of the certificate a TLS listener on the loopback really serves. */
function servedFingerprint(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      const fp = s.getPeerCertificate().fingerprint256;
      s.end();
      resolve(fp);
    });
    s.on('error', reject);
  });
}

const mode = (file: string): number => statSync(file).mode & 0o777;

for (const dialect of dialects) {
  t.test(`TLS certificates survive backup and restore: same fingerprints [${dialect}]`, async (t) => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'appliance-backup-tls-'));
    t.teardown(() => rmSync(work, { recursive: true, force: true }));
    const src = await startTestApi(t, dialect, { tls: { mode: 'self-signed' } });
    const selfSigned = await servedFingerprint(src.app.httpPort);
    t.equal(selfSigned, src.app.tls()?.fingerprint256, 'the source box serves its self-signed certificate');
    // An operator's certificate outside the data directory (as under /etc), for HTTPS and SIP.
    const etc = path.join(work, 'etc');
    mkdirSync(etc);
    const pair = (name: string): { certFile: string; keyFile: string; fingerprint: string } => {
      const c = testCert({ dir: etc, name, cn: `${name}.example.test`, san: 'IP:127.0.0.1', days: 30 });
      return { certFile: c.certFile, keyFile: c.keyFile, fingerprint: c.fingerprint256 };
    };
    const https = pair('https');
    const sip = pair('sip');
    const env = (box: { dataDir: string; databaseUrl: string }, extra: Record<string, string> = {}) => ({
      APPLIANCE_DATA_DIR: box.dataDir,
      APPLIANCE_DATABASE_URL: box.databaseUrl,
      APPLIANCE_MODELS_DIR: src.app.ctx.config.modelsDir,
      ...extra,
    });
    const srcBox = { dataDir: src.app.ctx.config.dataDir, databaseUrl: src.app.ctx.config.databaseUrl };

    // 1. The self-signed certificate (in the data directory).
    const file1 = path.join(work, 'self-signed.tar.gz');
    t.equal((await applianceCli(['backup', file1], env(srcBox))).code, 0, 'backup of the self-signed box');
    const box1 = await newBox(t, dialect, work);
    const rs1 = await applianceCli(['restore', file1], env(box1));
    t.equal(rs1.code, 0, `restore exits 0 ${rs1.err}`);
    t.equal(mode(path.join(box1.dataDir, 'tls', 'self-signed.key')), 0o600, 'restored key is 0600');
    const r1 = await startTestApi(t, dialect, {
      dataDir: box1.dataDir,
      databaseUrl: box1.databaseUrl,
      tls: { mode: 'self-signed' },
    });
    t.equal(
      await servedFingerprint(r1.app.httpPort),
      selfSigned,
      'restored box serves the same self-signed certificate',
    );

    // 2. Installed pairs outside the data directory: copied in, and put where the new box's
    //    configuration names them.
    const installedEnv = {
      APPLIANCE_TLS: 'installed',
      APPLIANCE_TLS_CERT: https.certFile,
      APPLIANCE_TLS_KEY: https.keyFile,
      APPLIANCE_SIP_TLS_CERT: sip.certFile,
      APPLIANCE_SIP_TLS_KEY: sip.keyFile,
    };
    const file2 = path.join(work, 'installed.tar.gz');
    const bk2 = await applianceCli(['backup', file2], env(srcBox, installedEnv));
    t.equal(bk2.code, 0, `backup with installed certificates ${bk2.err}`);
    const newEtc = path.join(work, 'new-etc');
    const target = {
      certFile: path.join(newEtc, 'tls', 'server.crt'),
      keyFile: path.join(newEtc, 'tls', 'server.key'),
    };
    const box2 = await newBox(t, dialect, work);
    const rs2 = await applianceCli(
      ['restore', file2],
      env(box2, {
        APPLIANCE_TLS: 'installed',
        APPLIANCE_TLS_CERT: target.certFile,
        APPLIANCE_TLS_KEY: target.keyFile,
      }),
    );
    t.equal(rs2.code, 0, `restore exits 0 ${rs2.err}`);
    t.ok(existsSync(target.keyFile), 'the installed key is put where the new config names it');
    t.equal(existsSync(target.keyFile) && mode(target.keyFile), 0o600, 'installed key restored 0600');
    const sipCrt = path.join(box2.dataDir, 'tls', 'restored', 'sip.crt');
    t.match(
      rs2.out,
      /note: .*sip\.crt/,
      'the SIP pair, not configured on the new box, is put aside with a note',
    );
    t.ok(
      existsSync(sipCrt) && readFileSync(sipCrt).equals(readFileSync(sip.certFile)),
      'SIP certificate kept',
    );
    t.equal(
      existsSync(sipCrt) && mode(path.join(box2.dataDir, 'tls', 'restored', 'sip.key')),
      0o600,
      'SIP key restored 0600',
    );
    if (existsSync(target.keyFile)) {
      const r2 = await startTestApi(t, dialect, {
        dataDir: box2.dataDir,
        databaseUrl: box2.databaseUrl,
        tls: { mode: 'installed', ...target },
      });
      t.equal(
        await servedFingerprint(r2.app.httpPort),
        https.fingerprint,
        'restored box serves the same installed certificate',
      );
    }

    // A different file already at the configured place is not overwritten without --force.
    const box3 = await newBox(t, dialect, work);
    const clash = { certFile: https.certFile, keyFile: sip.keyFile };
    const rs3 = await applianceCli(
      ['restore', file2],
      env(box3, {
        APPLIANCE_TLS: 'installed',
        APPLIANCE_TLS_CERT: clash.certFile,
        APPLIANCE_TLS_KEY: clash.keyFile,
      }),
    );
    t.equal(rs3.code, 1, 'a different key at the configured path is refused');
    t.match(rs3.err, /exists with another certificate or key/);
    await untouched(t, box3, 'clashing TLS file');
    t.ok(readFileSync(sip.keyFile).length > 0, 'the existing key is left as it was');
  });

  t.test(`backup while running, restore onto a new box [${dialect}]`, async (t) => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'appliance-backup-'));
    t.teardown(() => rmSync(work, { recursive: true, force: true }));
    const api = await startTestApi(t, dialect);
    const ctx = api.app.ctx;
    const a = await seedTenant(api.baseUrl, 'Alpha Pizza', '5550001');
    const b = await seedTenant(api.baseUrl, 'Bravo Plumbing', '5550002');

    // A finished call of A with its recording, encrypted with the key file as calls do.
    const callId = randomUUID();
    await insertCall(ctx.db.kysely, {
      id: callId,
      businessId: a.businessId,
      agentId: a.agentId,
      direction: 'inbound',
      caller: '+15551234567',
      dialed: '5550001',
      state: 'ended',
      billing: 'included',
      startedAt: new Date().toISOString(),
    });
    const original = stereoWav(2);
    const plain = path.join(work, 'call.wav');
    writeFileSync(plain, original);
    const recId = randomUUID();
    const enc = await encryptRecording(
      ctx.masterKey.derive('recordings'),
      ctx.config.dataDir,
      a.businessId,
      recId,
      plain,
    );
    await insertRecording(ctx.db.kysely, {
      id: recId,
      businessId: a.businessId,
      callId,
      conversationId: a.conversationId,
      agentId: a.agentId,
      file: enc.file,
      bytes: enc.bytes,
      durationMs: 2000,
      sampleRateHz: 8000,
      createdAt: new Date().toISOString(),
    });
    t.ok((await downloadRecording(api.baseUrl, a.token, recId)).equals(original), 'recording plays before');

    const env = (box: { dataDir: string; databaseUrl: string }): Record<string, string> => ({
      APPLIANCE_DATA_DIR: box.dataDir,
      APPLIANCE_DATABASE_URL: box.databaseUrl,
      APPLIANCE_MODELS_DIR: ctx.config.modelsDir,
    });
    const srcBox = { dataDir: ctx.config.dataDir, databaseUrl: ctx.config.databaseUrl };
    const before = await dumpTables(ctx.db);
    const viewA = await apiView(api.baseUrl, a.token);
    const viewB = await apiView(api.baseUrl, b.token);

    // This node's run state (cluster drain, appliance/cluster/node-control.ts) stays out of backups.
    for (const f of ['appliance.pid', 'drain', 'node-state.json'])
      writeFileSync(path.join(srcBox.dataDir, f), '1\n');
    // Backup by the CLI, a separate process, while this service keeps its database open.
    const file = path.join(work, 'box.tar.gz');
    const bk = await applianceCli(['backup', file], env(srcBox));
    t.equal(bk.code, 0, `backup exits 0 ${bk.err}`);
    t.match(bk.out, /backup written: .*box\.tar\.gz/);
    const after = await dumpTables(ctx.db);
    t.equal(
      (await applianceCli(['backup', file], env(srcBox))).code,
      1,
      'an existing backup file is not overwritten',
    );

    // What is in it: a manifest with the sha256 of every member.
    const peek = path.join(work, 'peek');
    mkdirSync(peek);
    execFileSync('tar', ['-xzf', file, '-C', peek]);
    const manifest = JSON.parse(readFileSync(path.join(peek, 'manifest.json'), 'utf8')) as {
      database: { dialect: string; migrations: string[] };
      members: Array<{ path: string; sha256: string }>;
      modelsIncluded: boolean;
    };
    t.equal(manifest.database.dialect, dialect);
    t.ok(manifest.database.migrations.includes('0001_core'), 'applied migrations recorded');
    const paths = manifest.members.map((m) => m.path);
    for (const want of ['data/keys/appliance.key', `data/${enc.file}`, 'models/installed.json'])
      t.ok(paths.includes(want), `${want} is backed up`);
    t.ok(
      paths.some((p) => p.startsWith(`data/knowledge/${a.businessId}/`)),
      'knowledge originals are backed up',
    );
    t.notOk(
      paths.some((p) => p.startsWith('models/files/')),
      'model weights only with --with-models',
    );
    t.notOk(
      paths.some((p) => /appliance\.db-(wal|shm)$|recordings\/incoming\//.test(p)),
      'no live db or plaintext files',
    );
    t.notOk(
      paths.some((p) => /^data\/(appliance\.pid|drain|node-state\.json)$/.test(p)),
      'no node run state (a restored box must not start drained)',
    );
    t.ok(manifest.members.every((m) => /^[0-9a-f]{64}$/.test(m.sha256)));

    // Damaged files restore nothing.
    const bytes = readFileSync(file);
    const cases: Array<[string, Buffer, RegExp]> = [
      ['truncated', bytes.subarray(0, Math.floor(bytes.length / 2)), /damaged|truncated|missing/],
      [
        'bit flip',
        Buffer.from(bytes.map((x, i) => (i === Math.floor(bytes.length / 2) ? x ^ 0x40 : x))),
        /damaged|sha256/,
      ],
      ['not a backup', Buffer.from('hello, this is not a tar file\n'.repeat(50)), /damaged/],
    ];
    // A well-formed archive whose recording was altered: only the sha256 can tell.
    const recInPeek = path.join(peek, 'data', ...enc.file.split('/'));
    const rec = readFileSync(recInPeek);
    rec[rec.length - 10] = (rec[rec.length - 10] ?? 0) ^ 1;
    writeFileSync(recInPeek, rec);
    const tampered = path.join(work, 'tampered.tar.gz');
    execFileSync('tar', ['-czf', tampered, '-C', peek, '.']);
    cases.push(['tampered member', readFileSync(tampered), /fails its sha256 check/]);
    for (const [what, content, msg] of cases) {
      const bad = path.join(work, `bad-${what.replace(/\W/g, '_')}.tar.gz`);
      writeFileSync(bad, content);
      const box = await newBox(t, dialect, work);
      const r = await applianceCli(['restore', bad], env(box));
      t.equal(r.code, 1, `${what}: restore fails`);
      t.match(r.err, msg, `${what}: clear error (${r.err.trim()})`);
      await untouched(t, box, what);
    }

    // Restore onto a new box, then a new service on it.
    const box = await newBox(t, dialect, work);
    const rs = await applianceCli(['restore', file], env(box));
    t.equal(rs.code, 0, `restore exits 0 ${rs.err}`);
    t.match(rs.out, /restored/);
    const again = await applianceCli(['restore', file], env(box));
    t.equal(again.code, 1, 'a non-empty data dir is refused without --force');
    t.match(again.err, /not empty/);
    const restored = await startTestApi(t, dialect, { dataDir: box.dataDir, databaseUrl: box.databaseUrl });
    const got = await dumpTables(restored.app.ctx.db);
    t.same(Object.keys(got), Object.keys(before), 'same tables');
    const moved = Object.keys(before).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (moved.length) t.comment(`tables the running service changed during the backup: ${moved.join(', ')}`);
    for (const key of [
      'businesses',
      'users',
      'agents',
      'agent_numbers',
      'conversations',
      'calls',
      'recordings',
    ])
      t.notOk(moved.includes(key), `${key} was quiet during the backup`);
    // `nodes` is cluster membership (migration 0012): the restored service registers itself beside
    // the old box's row, which stays as a lost node (its heartbeat stopped at the backup).
    for (const k of Object.keys(before))
      if (!moved.includes(k) && k !== 'nodes')
        t.same(got[k], before[k], `${k}: same rows (${before[k]?.length ?? 0})`);
    // The old box's heartbeat runs on during the backup (every few seconds): its row is restored
    // as the backup read it, with a heartbeat between the dumps before and after; the rest alike.
    const row = (r: string): Record<string, unknown> => JSON.parse(r) as Record<string, unknown>;
    const oldNodes = (before.nodes ?? []).map(row);
    const newNodes = (got.nodes ?? []).map(row);
    for (const old of oldNodes) {
      const id = old['id'];
      const was = (after.nodes ?? []).map(row).find((r) => r['id'] === id) ?? {};
      const { heartbeat_at: beat, ...rest } = newNodes.find((r) => r['id'] === id) ?? {};
      const { heartbeat_at: beat0, ...rest0 } = old;
      t.same(rest, rest0, `nodes: the old box's row ${String(id)} is restored`);
      t.ok(
        String(beat) >= String(beat0) && String(beat) <= String(was['heartbeat_at']),
        `nodes: its heartbeat is the backup's (${String(beat0)} <= ${String(beat)} <= ${String(was['heartbeat_at'])})`,
      );
    }
    t.equal(newNodes.length, oldNodes.length + 1, 'nodes: plus one row, the restored service itself');
    t.same(
      await apiView(restored.baseUrl, a.token),
      viewA,
      "A's agents, conversations, documents, recordings",
    );
    t.same(await apiView(restored.baseUrl, b.token), viewB, "B's too (the old token works: same key file)");
    t.ok(
      (await downloadRecording(restored.baseUrl, a.token, recId)).equals(original),
      'the restored recording decrypts to the original WAV',
    );
    const q = await restored.call<{ items: Array<{ documentId: string }> }>('POST', '/knowledge/query', {
      token: a.token,
      body: { query: 'opening hours', k: 3 },
    });
    t.equal(q.status, 200);
    t.equal(q.body.items[0]?.documentId, a.documentId, 'knowledge search answers from the restored document');

    // Under traffic: chats keep writing while the backup runs; the copy is consistent in itself.
    let stop = false;
    let chats = 0;
    const traffic = (async () => {
      while (!stop) {
        const r = await api.call('POST', `/agents/${b.agentId}/chat`, {
          token: b.token,
          body: { message: 'Do you fix boilers?' },
        });
        if (r.status === 200) chats++;
      }
    })();
    const busyFile = path.join(work, 'busy.tar.gz');
    const busy = await applianceCli(['backup', busyFile], env(srcBox));
    stop = true;
    await traffic;
    t.equal(busy.code, 0, `backup under traffic exits 0 ${busy.err}`);
    t.ok(chats > 0, `${chats} chats ran during the backup`);
    const box2 = await newBox(t, dialect, work);
    t.equal((await applianceCli(['restore', busyFile], env(box2))).code, 0);
    const r2 = await startTestApi(t, dialect, { dataDir: box2.dataDir, databaseUrl: box2.databaseUrl });
    const convs = await r2.call<{ total: number; items: Array<{ id: string }> }>(
      'GET',
      '/conversations?limit=100',
      {
        token: b.token,
      },
    );
    const n0 = (viewB as { conversations: { total: number } }).conversations.total;
    t.ok(
      convs.body.total >= n0 && convs.body.total <= n0 + chats,
      `B has ${convs.body.total} conversations (${n0}..${n0 + chats})`,
    );
    const opened = [];
    for (const c of convs.body.items)
      opened.push((await r2.call('GET', `/conversations/${c.id}`, { token: b.token })).status);
    t.ok(
      opened.every((s) => s === 200),
      `every restored conversation opens with its turns (${opened.length})`,
    );
  });
}
