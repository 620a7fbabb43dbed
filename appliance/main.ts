import { loadConfig, ConfigError } from './config/index.js';
import { startAppliance } from './app.js';
import { startNodeControl } from './cluster/index.js';
import { createLogger } from './log.js';

/** Process entry point: config -> boot -> run until SIGTERM/SIGINT, then a graceful stop. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`appliance: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel, { pii: config.logPii });
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled promise rejection'));
  const app = await startAppliance(config, { log });
  // `appliance node drain|undrain` (cluster rolling upgrades): pid file, drain file, SIGUSR2.
  const nodeControl = startNodeControl(config.dataDir, app.modules.calls, log);
  const shutdown = (signal: string): void => {
    log.info({ signal }, 'shutting down');
    nodeControl.close();
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  // An installed TLS certificate replaced on disk: `systemctl reload` (SIGHUP) applies it at once.
  process.on('SIGHUP', () => {
    log.info({ reloaded: app.reloadTls() }, 'SIGHUP: TLS certificate checked');
  });
}

main().catch((err: unknown) => {
  process.stderr.write(
    `appliance: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
