#!/usr/bin/env node
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { runModelsCli } from '../models/index.js';
import { BackupError, createBackup, restoreBackup } from './backup/index.js';
import { nodeUsage, runKamailioConfigCli, runNodeCli, runNodesCli } from './cluster/index.js';
import { ConfigError, loadConfig } from './config/index.js';
import { migrateToLatest, openDb } from './db/index.js';
import { selfSignedPaths } from './http/tls.js';

/**
 * `appliance <command>`: operator tasks beside the service.
 *   appliance models list | import <dir|tar> | pull <name>
 *   appliance migrate          bring the database schema up to date
 *   appliance config           print the effective configuration (secrets masked)
 *   appliance backup FILE [--with-models]   online backup (database snapshot, key file, recordings,
 *                              knowledge, model list; the model files too with --with-models)
 *   appliance restore FILE [--force]        onto an empty data directory (and empty PostgreSQL
 *                              database), after checking every sha256; --force: over existing data
 *   appliance tls fingerprint  the HTTPS certificate's SHA-256 fingerprint (compare with the browser's)
 *   appliance node drain [--timeout S] | undrain | status   cluster node drain (node-cli.ts)
 *   appliance cluster kamailio-config DIR   write kamailio.cfg + dispatcher.list from cluster.front
 *   appliance cluster nodes [--json]       the nodes sharing the database, their heartbeat and live calls
 */
const usage = `usage: appliance models list|import <dir|tar>|pull <name> | migrate | config | backup FILE [--with-models] | restore FILE [--force] | tls fingerprint | ${nodeUsage} | cluster kamailio-config DIR | cluster nodes [--json]`;

async function main(argv: string[]): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`appliance: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'models':
      return runModelsCli(rest, {
        out: (l) => process.stdout.write(`${l}\n`),
        err: (l) => process.stderr.write(`${l}\n`),
        progress: (l) => process.stderr.write(process.stderr.isTTY ? `\r${l}` : `${l}\n`),
        modelsDir: config.modelsDir,
        probe: { llm: config.models.llm },
      });
    case 'node':
      return runNodeCli(rest, {
        dataDir: config.dataDir,
        out: (l) => process.stdout.write(`${l}\n`),
        err: (l) => process.stderr.write(`${l}\n`),
      });
    case 'cluster':
      if (rest[0] === 'nodes') {
        const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
        try {
          return await runNodesCli(rest.slice(1), db.kysely, config.cluster.nodeTimeoutS, {
            out: (l) => process.stdout.write(`${l}\n`),
          });
        } finally {
          await db.close();
        }
      }
      if (rest[0] !== 'kamailio-config') break;
      return runKamailioConfigCli(rest.slice(1), config, {
        out: (l) => process.stdout.write(`${l}\n`),
        err: (l) => process.stderr.write(`${l}\n`),
      });
    case 'migrate': {
      const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const applied = await migrateToLatest(db);
        process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'schema is up to date\n');
        return 0;
      } finally {
        await db.close();
      }
    }
    case 'config': {
      const masked = JSON.parse(JSON.stringify(config), (k, v: unknown) =>
        ['apiKey', 'password'].includes(k) && v
          ? '***'
          : k === 'databaseUrl' && typeof v === 'string'
            ? v.replace(/:[^:@/]+@/, ':***@')
            : v,
      ) as unknown;
      process.stdout.write(`${JSON.stringify(masked, null, 2)}\n`);
      return 0;
    }
    case 'tls': {
      if (rest[0] !== 'fingerprint') break;
      if (config.tls.mode === 'off') {
        process.stdout.write('TLS is off (tls.mode = off): the API/UI speak plain HTTP\n');
        return 0;
      }
      const file =
        config.tls.mode === 'installed' ? config.tls.certFile : selfSignedPaths(config.dataDir).certFile;
      if (!existsSync(file)) {
        process.stderr.write(`no certificate at ${file} yet: the appliance makes it at its first start\n`);
        return 1;
      }
      const x = new X509Certificate(readFileSync(file));
      process.stdout.write(
        `${config.tls.mode} certificate ${file}\nSHA-256 fingerprint: ${x.fingerprint256}\n` +
          `valid until: ${new Date(x.validTo).toISOString()}\nnames: ${x.subjectAltName ?? ''}\n`,
      );
      return 0;
    }
    case 'backup':
    case 'restore': {
      const file = rest.find((a) => !a.startsWith('--'));
      const flags = rest.filter((a) => a.startsWith('--'));
      const allowed = cmd === 'backup' ? ['--with-models'] : ['--force'];
      const bad = flags.find((f) => !allowed.includes(f));
      if (!file || bad) {
        process.stderr.write(`${bad ? `unknown option ${bad}\n` : ''}${usage}\n`);
        return 2;
      }
      const where = {
        dataDir: config.dataDir,
        databaseUrl: config.databaseUrl,
        modelsDir: config.modelsDir,
        tls: {
          ...(config.tls.mode === 'installed'
            ? { https: { certFile: config.tls.certFile, keyFile: config.tls.keyFile } }
            : {}),
          ...(config.sip.tls.certFile && config.sip.tls.keyFile
            ? { sip: { certFile: config.sip.tls.certFile, keyFile: config.sip.tls.keyFile } }
            : {}),
        },
      };
      try {
        if (cmd === 'backup') {
          const r = await createBackup({
            ...where,
            file,
            cacheDir: config.models.cacheDir,
            withModels: flags.includes('--with-models'),
          });
          process.stdout.write(
            `backup written: ${r.file} (${r.bytes} bytes, ${r.members} files, ${r.dialect}, schema ${r.migrations.at(-1) ?? 'empty'})\n`,
          );
        } else {
          const r = await restoreBackup({ ...where, file, force: flags.includes('--force') });
          process.stdout.write(
            `restored ${r.manifest.database.dialect} database and ${r.files} files from a backup of ${r.manifest.createdAt} (appliance ${r.manifest.applianceVersion}); start the appliance to finish (it migrates if needed)\n`,
          );
          for (const note of r.notes) process.stdout.write(`note: ${note}\n`);
        }
        return 0;
      } catch (err) {
        if (!(err instanceof BackupError)) throw err;
        process.stderr.write(`appliance ${cmd}: ${err.message}\n`);
        return 1;
      }
    }
    default:
      break;
  }
  process.stderr.write(`${usage}\n`);
  return cmd === undefined || cmd === 'help' || cmd === '--help' ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`appliance: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
