#!/usr/bin/env node
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { runModelsCli } from '../models/index.js';
import { ConfigError, loadConfig } from './config/index.js';
import { migrateToLatest, openDb } from './db/index.js';
import { selfSignedPaths } from './http/tls.js';

/**
 * `appliance <command>`: operator tasks beside the service.
 *   appliance models list | import <dir|tar> | pull <name>
 *   appliance migrate          bring the database schema up to date
 *   appliance config           print the effective configuration (secrets masked)
 *   appliance tls fingerprint  the HTTPS certificate's SHA-256 fingerprint (compare with the browser's)
 */
const usage =
  'usage: appliance models list|import <dir|tar>|pull <name> | migrate | config | tls fingerprint';

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
