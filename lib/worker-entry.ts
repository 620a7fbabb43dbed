import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The script a worker thread runs: the compiled `.js` beside the caller when it exists (the built
 * appliance), else its `.ts` twin loaded through tsx's API. Node 20 workers do not inherit tsx's
 * loader hooks (tests and `tsx` runs), so a tiny ESM bootstrap imports the entry with tsImport;
 * tsx is a devDependency and the built appliance never takes that path.
 */
export function workerEntry(js: URL): URL {
  if (existsSync(fileURLToPath(js))) return js;
  const ts = js.href.replace(/\.js$/, '.ts');
  const code =
    `const { tsImport } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});\n` +
    `await tsImport(${JSON.stringify(ts)}, ${JSON.stringify(ts)});\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}
