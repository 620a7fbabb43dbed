/**
 * `appliance cluster kamailio-config DIR`: writes DIR/kamailio.cfg and DIR/dispatcher.list from
 * `cluster.front` (kamailio.ts); run Kamailio with `kamailio -f DIR/kamailio.cfg`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config/index.js';
import { FrontConfigError, kamailioConfig } from './kamailio.js';

export interface KamailioCliIo {
  out(line: string): void;
  err(line: string): void;
}

/** Writes both files into `dir` (made if missing); returns their paths. */
export function writeKamailioConfig(
  front: AppConfig['cluster']['front'],
  dir: string,
): { cfgFile: string; listFile: string } {
  const abs = path.resolve(dir);
  const listFile = path.join(abs, 'dispatcher.list');
  const cfgFile = path.join(abs, 'kamailio.cfg');
  const files = kamailioConfig(front, listFile);
  mkdirSync(abs, { recursive: true });
  writeFileSync(listFile, files.dispatcherList);
  writeFileSync(cfgFile, files.cfg);
  return { cfgFile, listFile };
}

export function runKamailioConfigCli(args: string[], config: AppConfig, io: KamailioCliIo): number {
  const [dir] = args;
  if (!dir) {
    io.err('usage: appliance cluster kamailio-config DIR');
    return 2;
  }
  try {
    const { cfgFile, listFile } = writeKamailioConfig(config.cluster.front, dir);
    io.out(`wrote ${cfgFile} and ${listFile} (${config.cluster.front.nodes.length} nodes)`);
    io.out(`check: kamailio -c -f ${cfgFile}; run: kamailio -f ${cfgFile}`);
    return 0;
  } catch (err) {
    if (err instanceof FrontConfigError) {
      io.err(`appliance: ${err.message}`);
      return 2;
    }
    throw err;
  }
}
