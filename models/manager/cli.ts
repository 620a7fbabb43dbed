/**
 * `appliance models list | import <dir|tar> | pull <name>` — the appliance CLI delegates here.
 * Returns an exit code; never throws for user errors.
 */
import { probeEngines, type ModelRuntimeOptions } from '../runtime.js';
import { ModelError } from '../types.js';
import { progressBar, type ProgressFn } from './files.js';
import { ModelManager } from './manager.js';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Progress line updates (a TTY rewrites the line with '\r'); defaults to nothing. */
  progress?: (line: string) => void;
  modelsDir: string;
  /** Engine probe settings (pocketsphinx paths, llm) for `list`. */
  probe?: Pick<ModelRuntimeOptions, 'pocketsphinx' | 'llm' | 'whisperVariant'>;
}

const USAGE = 'usage: models list | models import <dir|bundle.tar[.gz]> | models pull <name>';

export async function runModelsCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [cmd, arg] = argv;
  const manager = new ModelManager({ modelsDir: io.modelsDir });
  let lastPct = -1;
  const onProgress: ProgressFn = (p) => {
    const pct = p.totalBytes ? Math.floor((p.doneBytes / p.totalBytes) * 100) : -1;
    if (pct === lastPct && pct >= 0) return;
    lastPct = pct;
    io.progress?.(progressBar(p.doneBytes, p.totalBytes, p.file.split('/').slice(-2).join('/')));
  };
  try {
    switch (cmd) {
      case 'list': {
        io.out(`models dir: ${manager.modelsDir}`);
        for (const m of await manager.list()) {
          const v = m.state === 'installed' ? (m.verified ? 'verified' : 'unverified') : '';
          io.out(`${m.kind.padEnd(10)} ${m.name.padEnd(34)} ${m.state}${v ? ` (${v})` : ''}`);
          for (const f of m.files)
            if (f.state !== 'ok')
              io.out(`             ${f.path}: ${f.state}${f.detail ? ` - ${f.detail}` : ''}`);
        }
        const probe = await probeEngines({ modelsDir: io.modelsDir, ...io.probe });
        io.out('engines:');
        for (const [kind, s] of Object.entries(probe.interfaces)) {
          const others = s.candidates
            .filter((c) => c.engine !== s.active)
            .map((c) => `${c.engine}: ${c.state}`);
          io.out(
            `  ${kind.padEnd(10)} ${s.active ?? 'none'}${others.length ? ` (${others.join('; ')})` : ''}`,
          );
        }
        return 0;
      }
      case 'import': {
        if (!arg) {
          io.err(USAGE);
          return 2;
        }
        const r = await manager.importBundle(arg, { onProgress });
        for (const i of r.installed)
          io.out(
            `installed ${i.path} (${i.verified ? 'sha256 verified' : 'unverified: no known sha256'}${i.bundleSum ? "; matches the bundle's SHA256SUMS" : ''})`,
          );
        for (const x of r.rejected) io.err(`rejected ${x.path}: ${x.reason}`);
        if (r.installed.length === 0 && r.rejected.length === 0)
          io.err('no known model files found in the bundle');
        return r.rejected.length > 0 || r.installed.length === 0 ? 1 : 0;
      }
      case 'pull': {
        if (!arg) {
          io.err(USAGE);
          return 2;
        }
        const r = await manager.pull(arg, { onProgress });
        for (const i of r.installed)
          io.out(`installed ${i.path} (${i.verified ? 'sha256 verified' : 'unverified: no known sha256'})`);
        for (const x of r.rejected) io.err(`rejected ${x.path}: ${x.reason}`);
        return r.rejected.length > 0 ? 1 : 0;
      }
      default:
        io.err(USAGE);
        return 2;
    }
  } catch (err) {
    io.err(`models ${cmd ?? ''}: ${err instanceof ModelError ? err.message : String(err)}`);
    return 1;
  }
}
