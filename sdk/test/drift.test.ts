/**
 * Drift check: the SDKs regenerated from this checkout's OpenAPI document (into a temp dir) must
 * equal the checked-in files, so a route schema change without `npm run gen:sdk` fails here. Also
 * pins what the generators read from the document: one method per operation, file upload, binary
 * download and 204 answers recognised.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { fetchOpenApi } from '../../scripts/api-types/generate.js';
import { repoRoot, sdkFiles, writeSdkFiles } from '../../scripts/sdk/generate.js';
import { sdkModel } from '../../scripts/sdk/model.js';

const doc = await fetchOpenApi();

t.test('checked-in SDKs equal a fresh generation', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sdk-drift-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const files = await sdkFiles(doc);
  const written = await writeSdkFiles(files, dir);
  t.equal(written.length, files.size, 'every file generated into the temp dir');
  for (const rel of files.keys()) {
    const fresh = await readFile(path.join(dir, rel), 'utf8');
    const current = await readFile(path.join(repoRoot, rel), 'utf8').catch(() => '');
    t.ok(current === fresh, `${rel} is up to date (else run npm run gen:sdk)`);
  }
});

t.test('the model reads the document the SDKs need', async (t) => {
  const model = sdkModel(doc);
  t.equal(model.prefix, '/api/v1');
  const paths = doc.paths as Record<string, Record<string, unknown>>;
  const count = Object.values(paths).reduce((n, item) => n + Object.keys(item).length, 0);
  t.equal(model.operations.length, count, 'one operation per method and path');
  t.equal(new Set(model.operations.map((o) => o.id)).size, count, 'method names are unique');
  const op = (id: string) => model.operations.find((o) => o.id === id);
  t.match(op('postKnowledgeUpload'), { body: 'multipart', response: 'json', role: 'editor' });
  t.match(op('getVoiceRecordingsIdAudio'), {
    body: 'none',
    response: 'binary',
    pathParams: [{ name: 'id' }],
  });
  t.match(op('deleteAgentsId'), { response: 'none' });
  t.match(op('postAuthRegister'), { body: 'json', role: 'public' });
  t.match(
    op('getConversations')?.queryParams.map((p) => p.name),
    ['agentId', 'channel'],
  );
});
