import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, upload } from '../api/client';
import type { Loose } from '../api/types';
import { ErrorNotice } from '../ui/errors';
import { Field, Form } from '../ui/form';
import { useAction, useGet } from '../ui/hooks';
import { announce } from '../ui/live';
import { itemsOf, LooseTable, pick, show } from '../ui/loose';
import { Async, Badge, Page } from '../ui/page';

const finalStatuses = ['ready', 'failed'];
const docName = (r: Loose): string => show(pick(r, 'title', 'filename', 'name'));

/** Documents the agents answer from: upload (with progress), status per document, delete, and search. */
export function KnowledgePage(): JSX.Element {
  const [poll, setPoll] = useState(false);
  // Poll every 1.5 s while any document is still being processed.
  const docs = useGet<unknown>('/knowledge?limit=200', poll ? 1500 : undefined);
  const rows = itemsOf(docs.data);
  const pending = rows.some((r) => !finalStatuses.includes(String(r.status)));
  useEffect(() => setPoll(pending), [pending]);
  const prevStatus = useRef(new Map<string, string>());
  useEffect(() => {
    for (const r of rows) {
      const before = prevStatus.current.get(String(r.id));
      if (before && before !== r.status && finalStatuses.includes(String(r.status)))
        announce(`${docName(r)}: ${String(r.status)}`);
      prevStatus.current.set(String(r.id), String(r.status));
    }
  }, [docs.data]);

  const fileInput = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const up = useAction(async () => {
    const files = [...(fileInput.current?.files ?? [])];
    if (files.length === 0) throw new Error('Choose a file to upload first.');
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    setProgress(0);
    try {
      await upload<Loose>('/knowledge/upload', form, setProgress);
      announce(`${files.map((f) => f.name).join(', ')} uploaded; processing`);
      if (fileInput.current) fileInput.current.value = '';
    } finally {
      setProgress(null);
      docs.reload();
    }
  });
  const del = useAction(async (id: string, name: string) => {
    if (!confirm(`Delete ${name}? Agents stop using it.`)) return;
    await api('DELETE', `/knowledge/${id}`);
    announce(`${name} deleted`);
    docs.reload();
  });

  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<Loose[] | null>(null);
  const search = useAction(async () => {
    const found = itemsOf(await api<unknown>('POST', '/knowledge/query', { query, k: 5 }));
    setHits(found);
    announce(`${found.length} passages found`);
  });

  return (
    <Page title="Knowledge">
      <Form onSubmit={up.run} label="Upload documents" class="card">
        <div class="field">
          <label for="kb-file">Documents (PDF, Word, HTML, Markdown, CSV or text)</label>
          <input
            id="kb-file"
            ref={fileInput}
            type="file"
            multiple
            accept=".pdf,.docx,.html,.htm,.md,.txt,.csv"
          />
        </div>
        {progress !== null && (
          <div aria-live="polite">
            <progress max={1} value={progress} aria-label="Upload progress" /> {Math.round(progress * 100)}%
          </div>
        )}
        <button type="submit" class="primary" disabled={up.busy}>
          {up.busy ? 'Uploading…' : 'Upload'}
        </button>
        <ErrorNotice error={up.error} />
      </Form>

      <h2>Documents</h2>
      <ErrorNotice error={del.error} />
      <Async state={docs}>
        {() => (
          <LooseTable
            caption="Documents"
            rows={rows}
            empty="No documents yet."
            columns={[
              {
                label: 'Name',
                keys: ['title'],
                render: (r) => (
                  <>
                    {docName(r)}
                    {typeof r.filename === 'string' && r.filename !== r.title && (
                      <small class="muted"> ({r.filename})</small>
                    )}
                  </>
                ),
              },
              {
                label: 'Status',
                keys: ['status'],
                render: (r) => (
                  <>
                    <Badge value={show(r.status)} />
                    {!finalStatuses.includes(String(r.status)) &&
                      typeof r.chunksTotal === 'number' &&
                      r.chunksTotal > 0 && (
                        <small class="muted">
                          {' '}
                          {show(r.chunksDone)}/{show(r.chunksTotal)}
                        </small>
                      )}
                  </>
                ),
              },
              { label: 'Kind', keys: ['kind'] },
              { label: 'Size', keys: ['sizeBytes'], render: (r) => bytes(r.sizeBytes) },
              { label: 'Passages', keys: ['chunksTotal'] },
              { label: 'Error', keys: ['error'] },
              { label: 'Added', keys: ['createdAt'] },
              {
                label: 'Actions',
                keys: [],
                render: (r) => (
                  <button
                    type="button"
                    class="link danger"
                    onClick={() => void del.run(String(r.id), docName(r))}
                  >
                    Delete <span class="sr-only">{docName(r)}</span>
                  </button>
                ),
              },
            ]}
          />
        )}
      </Async>

      <h2>Search</h2>
      <p class="muted">Ask a question to see the passages an agent would use to answer it.</p>
      <Form onSubmit={search.run} label="Search the knowledge base" class="card inline-form">
        <Field label="Question" type="search" value={query} onValue={setQuery} />
        <button type="submit" disabled={search.busy || !query.trim()}>
          Search
        </button>
      </Form>
      <ErrorNotice error={search.error} />
      {hits && (
        <ol class="passages" aria-label="Passages the agent would use">
          {hits.length === 0 && <li class="muted">Nothing relevant found.</li>}
          {hits.map((h, i) => (
            <li key={i} class="card">
              <p>{show(pick(h, 'text'))}</p>
              <small class="muted">
                {show(pick(h, 'title', 'documentId'))} · score{' '}
                {typeof h.score === 'number' ? h.score.toFixed(3) : show(h.score)}
              </small>
            </li>
          ))}
        </ol>
      )}
    </Page>
  );
}

function bytes(v: unknown): string {
  if (typeof v !== 'number') return '—';
  if (v < 1024) return `${v} B`;
  if (v < 1024 * 1024) return `${(v / 1024).toFixed(1)} KiB`;
  return `${(v / 1024 / 1024).toFixed(1)} MiB`;
}
