import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, upload } from '../api/client';
import type { BodyOf, KnowledgeDoc, Passage, ResponseOf } from '../api/types';
import { ErrorNotice } from '../ui/errors';
import { Field, Form } from '../ui/form';
import { useAction, useGet } from '../ui/hooks';
import { announce } from '../ui/live';
import { bytes, show } from '../ui/format';
import { Async, Badge, Page } from '../ui/page';
import { field, Table } from '../ui/table';

type DocStatus = KnowledgeDoc['status'];
const finalStatuses: readonly DocStatus[] = ['ready', 'failed'];
const isFinal = (s: DocStatus): boolean => finalStatuses.includes(s);
const docName = (r: KnowledgeDoc): string => r.title || r.filename || '—';

/** Documents the agents answer from: upload (with progress), status per document, delete, and search. */
export function KnowledgePage(): JSX.Element {
  const [poll, setPoll] = useState(false);
  // Poll every 1.5 s while any document is still being processed.
  const docs = useGet<ResponseOf<'getKnowledge'>>('/knowledge?limit=200', poll ? 1500 : undefined);
  const rows = docs.data?.items ?? [];
  const pending = rows.some((r) => !isFinal(r.status));
  useEffect(() => setPoll(pending), [pending]);
  const prevStatus = useRef(new Map<string, DocStatus>());
  useEffect(() => {
    for (const r of rows) {
      const before = prevStatus.current.get(r.id);
      if (before && before !== r.status && isFinal(r.status)) announce(`${docName(r)}: ${r.status}`);
      prevStatus.current.set(r.id, r.status);
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
      await upload<ResponseOf<'postKnowledgeUpload'>>('/knowledge/upload', form, setProgress);
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
  const [hits, setHits] = useState<Passage[] | null>(null);
  const search = useAction(async () => {
    const body: BodyOf<'postKnowledgeQuery'> = { query, k: 5 };
    const found = (await api<ResponseOf<'postKnowledgeQuery'>>('POST', '/knowledge/query', body)).items;
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
          <Table<KnowledgeDoc>
            caption="Documents"
            rows={rows}
            empty="No documents yet."
            columns={[
              {
                label: 'Name',
                render: (r) => (
                  <>
                    {docName(r)}
                    {r.filename !== null && r.filename !== r.title && (
                      <small class="muted"> ({r.filename})</small>
                    )}
                  </>
                ),
              },
              {
                label: 'Status',
                render: (r) => (
                  <>
                    <Badge value={r.status} />
                    {!isFinal(r.status) && r.chunksTotal > 0 && (
                      <small class="muted">
                        {' '}
                        {r.chunksDone}/{r.chunksTotal}
                      </small>
                    )}
                  </>
                ),
              },
              field('Kind', 'kind'),
              { label: 'Size', render: (r) => bytes(r.sizeBytes) },
              field('Passages', 'chunksTotal'),
              field('Error', 'error'),
              field('Added', 'createdAt'),
              {
                label: 'Actions',
                render: (r) => (
                  <button type="button" class="link danger" onClick={() => void del.run(r.id, docName(r))}>
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
              <p>{show(h.text)}</p>
              <small class="muted">
                {h.title || h.documentId} · score {h.score.toFixed(3)}
              </small>
            </li>
          ))}
        </ol>
      )}
    </Page>
  );
}
