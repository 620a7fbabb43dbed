/**
 * Issue 23.10: non-ASCII upload file names came back garbled (read as latin1). Both ways a
 * client may send them: raw UTF-8 in `filename=` (browsers, fetch) and RFC 5987 `filename*=`.
 */
import t from 'tap';
import { startTestApi } from '../../test/helpers/app.js';
import { upload, type DocView } from './helpers.js';

const name = 'Öffnungszeiten café 日本 – menü.txt';
const text = Buffer.from('We are open from nine to five on weekdays.\n');

t.test('non-ASCII file names survive the upload', async (t) => {
  const api = await startTestApi(t);
  const a = await api.register('Names Utf8');

  const viaFetch = await upload(api, a.token, [{ name, bytes: text, type: 'text/plain' }]);
  t.equal(viaFetch.status, 201, JSON.stringify(viaFetch.body));
  const doc = viaFetch.body.items[0] as DocView & { filename: string | null };
  t.equal(doc.filename, name, 'raw UTF-8 filename= is read as UTF-8');
  t.equal(doc.title, 'Öffnungszeiten café 日本 – menü', 'and the title derived from it');

  // RFC 5987 / RFC 7578 extended parameter, as some clients send it.
  const boundary = '----probe5987';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="fallback.txt"; ` +
        `filename*=UTF-8''${encodeURIComponent('Größe ½.txt')}\r\nContent-Type: text/plain\r\n\r\n`,
    ),
    Buffer.from('Sizes are small, medium and large.\n'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const r = await fetch(`${api.baseUrl}/api/v1/knowledge/upload`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${a.token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    body,
  });
  const j = (await r.json()) as { items: (DocView & { filename: string })[] };
  t.equal(r.status, 201);
  t.equal(j.items[0]?.filename, 'Größe ½.txt', 'filename* wins and is decoded');

  const list = await api.call<{ items: { filename: string | null }[] }>('GET', '/knowledge', {
    token: a.token,
  });
  t.ok(
    list.body.items?.some((d) => d.filename === name),
    'the stored name reads back unchanged',
  );
});
