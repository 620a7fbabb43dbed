import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The admin UI: Preact + TypeScript, built to admin/dist and served by the appliance under /admin.
 * No CDN or remote assets: everything is bundled so the box works air-gapped.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/admin/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Small bundle; inline nothing so the strict CSP (no inline scripts/styles) holds.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' } },
});
