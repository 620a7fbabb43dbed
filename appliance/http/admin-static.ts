import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';

/**
 * Serves the admin web UI's built files (admin/dist) under /admin. A single-page app: any path
 * under /admin that is not a file gets index.html (the client router takes over), except under
 * /admin/assets/ where a missing file is a plain 404 (a stale script tag must not get HTML).
 * Hashed assets are cached for a year; index.html is never cached so a rebuild shows at once.
 */
export interface AdminStaticOptions {
  /** Directory holding index.html and assets/; default: <repo>/admin/dist. */
  dir?: string;
  /** URL prefix; default '/admin'. */
  prefix?: string;
  log?: Logger;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * The UI may only talk to this origin. blob: for media lets recordings (fetched with the bearer
 * token) play through an object URL; data: images for inline SVG icons.
 */
export const adminCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** <repo>/admin/dist, both when running from sources (tsx) and from the compiled dist/ tree. */
export function defaultAdminDir(): string {
  const here = import.meta.url.replace('/dist/appliance/', '/appliance/');
  return fileURLToPath(new URL('../../admin/dist/', here));
}

/** Splits a request path below the prefix into safe segments, or throws for anything odd. */
function safeSegments(rest: string): string[] {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    throw new AppError('bad_request', 'malformed path encoding');
  }
  if (decoded.includes('\0') || decoded.includes('\\'))
    throw new AppError('bad_request', 'invalid characters in path');
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..' || s.startsWith('.')))
    throw new AppError('not_found', 'no such file');
  return segments;
}

export function adminStatic(opts: AdminStaticOptions = {}): Middleware {
  const root = resolve(opts.dir ?? defaultAdminDir());
  const prefix = opts.prefix ?? '/admin';
  const index = resolve(root, 'index.html');

  const fileAt = async (path: string): Promise<{ size: number; mtimeMs: number } | undefined> => {
    try {
      const s = await stat(path);
      return s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : undefined;
    } catch {
      return undefined;
    }
  };

  return async (ctx, next) => {
    // Someone typing the box's address lands on the UI.
    if (ctx.path === '/' && (ctx.method === 'GET' || ctx.method === 'HEAD')) {
      ctx.redirect(`${prefix}/`);
      return;
    }
    if (ctx.path !== prefix && !ctx.path.startsWith(`${prefix}/`)) return next();
    // One metrics label for the whole UI: SPA paths carry ids.
    (ctx as { _matchedRoute?: string })._matchedRoute = `${prefix}/*`;
    ctx.set('Content-Security-Policy', adminCsp);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Referrer-Policy', 'no-referrer');
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      ctx.set('Allow', 'GET, HEAD');
      throw new AppError('method_not_allowed', 'the admin UI is read-only: GET or HEAD');
    }
    // Use the raw URL, not ctx.path: the router's view may already be normalised.
    const rawPath = (ctx.originalUrl.split('?')[0] ?? '').slice(prefix.length);
    const segments = safeSegments(rawPath);
    const target = resolve(root, ...segments);
    if (target !== root && !target.startsWith(root + sep)) throw new AppError('not_found', 'no such file');

    let path = target;
    let file = segments.length ? await fileAt(target) : undefined;
    const isAsset = segments[0] === 'assets';
    if (!file) {
      if (isAsset) throw new AppError('not_found', 'no such asset');
      path = index;
      file = await fileAt(index);
      if (!file) {
        opts.log?.warn({ dir: root }, 'admin UI requested but not built');
        throw new AppError(
          'unavailable',
          'the admin UI is not built on this appliance (npm run build:admin)',
        );
      }
    }
    const etag = `W/"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}"`;
    ctx.set('ETag', etag);
    ctx.set('Cache-Control', isAsset && path === target ? 'public, max-age=31536000, immutable' : 'no-cache');
    ctx.type = contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
    if (ctx.get('If-None-Match') === etag) {
      ctx.status = 304;
      return;
    }
    ctx.status = 200;
    // HEAD: Koa answers with headers only; opening a stream would leak its descriptor.
    if (ctx.method === 'GET') ctx.body = createReadStream(path);
    ctx.length = file.size;
  };
}
