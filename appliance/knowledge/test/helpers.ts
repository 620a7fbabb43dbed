import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestApi } from '../../test/helpers/app.js';

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const fixture = (name: string): Buffer => readFileSync(path.join(fixturesDir, name));

export const bellaFiles = ['bella-napoli-faq.txt', 'bella-napoli-menu.csv', 'bella-napoli-about.html'];
export const northwindFiles = ['northwind-policy.md', 'northwind-services.pdf', 'northwind-aftercare.docx'];

export interface DocView {
  id: string;
  title: string;
  kind: string;
  status: string;
  error: string | null;
  chunksDone: number;
  chunksTotal: number;
  created: boolean;
  sha256: string;
}

/** multipart/form-data upload of real files through the API. */
export async function upload(
  api: TestApi,
  token: string,
  files: { name: string; bytes: Buffer; type?: string }[],
): Promise<{
  status: number;
  body: { items: DocView[]; error?: { code: string; details?: { file?: string } } };
}> {
  const form = new FormData();
  for (const f of files)
    form.append('file', new Blob([f.bytes], { type: f.type ?? 'application/octet-stream' }), f.name);
  const res = await fetch(`${api.baseUrl}/api/v1/knowledge/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as never) : ({} as never) };
}

export const uploadFixtures = (api: TestApi, token: string, names: string[]) =>
  upload(
    api,
    token,
    names.map((name) => ({ name, bytes: fixture(name) })),
  );

/** Polls /knowledge/status until every document is final; returns the items. */
export async function waitAllFinal(api: TestApi, token: string, timeoutMs = 60_000): Promise<DocView[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await api.call<{ items: DocView[] }>('GET', '/knowledge/status', { token });
    if (r.status !== 200) throw new Error(`status ${r.status}`);
    if (r.body.items.every((d) => d.status === 'ready' || d.status === 'failed')) return r.body.items;
    if (Date.now() > until) throw new Error(`documents not final: ${JSON.stringify(r.body.items)}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

export interface Passage {
  documentId: string;
  chunkId: string;
  position: number;
  title: string;
  text: string;
  score: number;
}

export async function query(api: TestApi, token: string, q: string, k = 3): Promise<Passage[]> {
  const r = await api.call<{ items: Passage[] }>('POST', '/knowledge/query', {
    token,
    body: { query: q, k },
  });
  if (r.status !== 200) throw new Error(`query ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.items;
}
