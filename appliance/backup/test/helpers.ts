/**
 * Shared by the backup/restore and upgrade tests: data made through the public API (businesses,
 * agents, a knowledge upload, a chat conversation), a table-by-table dump to compare databases,
 * and the CLI run as an operator runs it.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../db/index.js';
import { fixturesDir } from '../../knowledge/test/helpers.js';
import { repoRoot } from '../../test/helpers/shared.js';

export interface Tenant {
  token: string;
  businessId: string;
  agentId: string;
  conversationId: string;
  documentId: string;
}

async function api<T>(
  baseUrl: string,
  method: string,
  p: string,
  token?: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${baseUrl}/api/v1${p}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A business with an agent, a knowledge document (ready) and a chat conversation, via HTTP only. */
export async function seedTenant(baseUrl: string, name: string, number: string): Promise<Tenant> {
  const email = `owner-${name.toLowerCase().replace(/\W/g, '')}-${process.pid}@example.test`;
  const reg = await api<{ accessToken: string; businessId: string }>(
    baseUrl,
    'POST',
    '/auth/register',
    undefined,
    {
      businessName: name,
      email,
      password: 'correct horse battery staple',
    },
  );
  const token = reg.accessToken;
  const agent = await api<{ id: string }>(baseUrl, 'POST', '/agents', token, {
    name: `${name} agent`,
    numbers: [number],
  });
  const form = new FormData();
  form.append('file', new Blob([readFileSync(path.join(fixturesDir, 'bella-napoli-faq.txt'))]), 'faq.txt');
  const up = await fetch(`${baseUrl}/api/v1/knowledge/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const upBody = (await up.json()) as { items: Array<{ id: string }> };
  if (up.status >= 300 || !upBody.items[0]) throw new Error(`upload: ${up.status} ${JSON.stringify(upBody)}`);
  const documentId = upBody.items[0].id;
  for (const until = Date.now() + 120_000; ;) {
    const st = await api<{ items: Array<{ id: string; status: string }> }>(
      baseUrl,
      'GET',
      '/knowledge/status',
      token,
    );
    const doc = st.items.find((d) => d.id === documentId);
    if (doc?.status === 'ready') break;
    if (doc?.status === 'failed' || Date.now() > until)
      throw new Error(`document not ready: ${JSON.stringify(doc)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const chat = await api<{ conversationId: string }>(baseUrl, 'POST', `/agents/${agent.id}/chat`, token, {
    message: 'When are you open?',
  });
  return {
    token,
    businessId: reg.businessId,
    agentId: agent.id,
    conversationId: chat.conversationId,
    documentId,
  };
}

/** What a tenant sees through the API: its agents, conversations, documents and recordings. */
export async function apiView(baseUrl: string, token: string): Promise<unknown> {
  const get = (p: string) => api<unknown>(baseUrl, 'GET', p, token);
  return {
    agents: await get('/agents'),
    conversations: await get('/conversations'),
    knowledge: await get('/knowledge'),
    recordings: await get('/voice/recordings'),
  };
}

/** The decrypted audio of a recording, downloaded through the API. */
export async function downloadRecording(baseUrl: string, token: string, id: string): Promise<Buffer> {
  const res = await fetch(`${baseUrl}/api/v1/voice/recordings/${id}/audio`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`recording ${id}: ${res.status} ${await res.text()}`);
  return Buffer.from(await res.arrayBuffer());
}

/** A stereo 8 kHz 16-bit WAV of `seconds`, a tone per channel. */
export function stereoWav(seconds: number): Buffer {
  const frames = 8000 * seconds;
  const b = Buffer.alloc(44 + frames * 4);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + frames * 4, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(2, 22);
  b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(32000, 28);
  b.writeUInt16LE(4, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(frames * 4, 40);
  for (let i = 0; i < frames; i++) {
    b.writeInt16LE(Math.round(3000 * Math.sin(i / 5)), 44 + i * 4);
    b.writeInt16LE(Math.round(2000 * Math.sin(i / 9)), 46 + i * 4);
  }
  return b;
}

/** Every table's rows, each row as sorted-key JSON, rows sorted: equal dumps mean equal data. */
export async function dumpTables(db: Db): Promise<Record<string, string[]>> {
  const tables =
    db.dialect === 'sqlite'
      ? await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
          db.kysely,
        )
      : await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(
          db.kysely,
        );
  const out: Record<string, string[]> = {};
  for (const { name } of tables.rows.sort((a, b) => a.name.localeCompare(b.name))) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db.kysely);
    out[name] = rows.rows
      .map((r) =>
        JSON.stringify(
          Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b))),
          (_k, v: unknown) =>
            v instanceof Date ? v.toISOString() : Buffer.isBuffer(v) ? v.toString('base64') : v,
        ),
      )
      .sort();
  }
  return out;
}

/** `appliance <args>` through the CLI entry point, as an operator runs it (async: the service may run beside). */
export function applianceCli(
  args: string[],
  env: Record<string, string>,
  cwd = repoRoot,
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(cwd, 'appliance', 'cli.ts'), ...args],
      { cwd, env: { ...process.env, APPLIANCE_LOG_LEVEL: 'silent', ...env }, timeout: 300_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, out: stdout, err: stderr });
      },
    );
  });
}
