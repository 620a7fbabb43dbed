/**
 * Issue 23.2: decompression bombs. A small DOCX whose document.xml inflates to 24 MB and a
 * small PDF with a 16 MB Flate content stream used to be parsed on the main thread (seconds of
 * blocked event loop, ~1 GB RSS). Now each document fails with a readable reason, the main
 * thread keeps answering (/healthz and a 10 ms timer are measured while the upload is
 * processed) and RSS stays bounded.
 */
import { deflateRawSync, deflateSync, crc32 } from 'node:zlib';
import t from 'tap';
import { startTestApi, type TestApi } from '../../test/helpers/app.js';
import { extractIsolated } from '../sandbox.js';
import { fixture, upload, waitAllFinal } from './helpers.js';

/** A zip (deflated entries) written by hand: what a .docx is. */
function zip(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = deflateRawSync(e.data, { level: 9 });
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(e.data.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(cd, name);
    offset += 30 + name.length + body.length;
  }
  const cdBuf = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBuf, eocd]);
}

function docx(paragraphs: number): Buffer {
  const para = '<w:p><w:r><w:t>Opening hours are nine to five every weekday.</w:t></w:r></w:p>';
  const doc =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
    para.repeat(paragraphs) +
    '</w:body></w:document>';
  return zip([
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
    },
    { name: 'word/document.xml', data: Buffer.from(doc) },
  ]);
}

/** A one-page PDF whose page content is `content`, Flate-compressed (xref offsets exact). */
function pdf(content: Buffer): Buffer {
  const stream = deflateSync(content, { level: 9 });
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  const obj = (n: number, body: Buffer | string): void => {
    offsets[n] = at;
    const b = Buffer.concat([Buffer.from(`${n} 0 obj\n`), Buffer.from(body), Buffer.from('\nendobj\n')]);
    parts.push(b);
    at += b.length;
  };
  obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  obj(
    3,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
  );
  obj(
    4,
    Buffer.concat([
      Buffer.from(`<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`),
      stream,
      Buffer.from('\nendstream'),
    ]),
  );
  obj(5, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const xref =
    `xref\n0 6\n0000000000 65535 f \n` +
    offsets
      .slice(1)
      .map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)
      .join('') +
    `trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`;
  parts.push(Buffer.from(xref));
  return Buffer.concat(parts);
}

/** Processes one upload while measuring the main thread: max timer delay, max /healthz time, RSS. */
async function measured(
  api: TestApi,
  token: string,
  file: { name: string; bytes: Buffer },
): Promise<{
  status: string;
  error: string | null;
  maxTimerDelayMs: number;
  maxHealthMs: number;
  rssGrowthMb: number;
}> {
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  let maxRss = rss0;
  let maxDelay = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    maxDelay = Math.max(maxDelay, now - last - 10);
    last = now;
    maxRss = Math.max(maxRss, process.memoryUsage().rss);
  }, 10);
  let maxHealth = 0;
  let probing = true;
  const prober = (async () => {
    while (probing) {
      const t0 = performance.now();
      const r = await fetch(`${api.baseUrl}/healthz`);
      await r.text();
      maxHealth = Math.max(maxHealth, performance.now() - t0);
      await new Promise((res) => setTimeout(res, 20));
    }
  })();
  try {
    const up = await upload(api, token, [file]);
    if (up.status !== 201 && up.status !== 202)
      throw new Error(`upload ${up.status} ${JSON.stringify(up.body)}`);
    const id = up.body.items[0]?.id;
    const docs = await waitAllFinal(api, token, 120_000);
    const d = docs.find((x) => x.id === id);
    return {
      status: d?.status ?? 'missing',
      error: d?.error ?? null,
      maxTimerDelayMs: Math.round(maxDelay),
      maxHealthMs: Math.round(maxHealth),
      rssGrowthMb: Math.round((maxRss - rss0) / 1048576),
    };
  } finally {
    probing = false;
    await prober;
    clearInterval(timer);
  }
}

t.test('decompression bombs fail clearly without blocking the main thread', async (t) => {
  const api = await startTestApi(t);
  const a = await api.register('Bombs');

  const bombDocx = docx(300_000); // document.xml: ~24 MB
  t.ok(bombDocx.length < 200_000, `the .docx is small (${bombDocx.length} bytes)`);
  const d = await measured(api, a.token, { name: 'bomb.docx', bytes: bombDocx });
  t.comment(JSON.stringify(d));
  t.equal(d.status, 'failed', 'the DOCX bomb fails');
  t.match(d.error, /decompression bomb|expands to more than/, `a readable reason: ${d.error}`);
  t.ok(d.maxTimerDelayMs < 1000, `main-thread timer delay stayed low (${d.maxTimerDelayMs} ms)`);
  t.ok(d.maxHealthMs < 1000, `/healthz kept answering (${d.maxHealthMs} ms max)`);
  t.ok(d.rssGrowthMb < 400, `RSS grew by ${d.rssGrowthMb} MB`);

  const ops = Buffer.from('BT /F1 12 Tf 72 712 Td (Opening hours nine to five) Tj ET\n'.repeat(280_000)); // ~16 MB
  const bombPdf = pdf(ops);
  t.ok(bombPdf.length < 200_000, `the PDF is small (${bombPdf.length} bytes)`);
  const p = await measured(api, a.token, { name: 'bomb.pdf', bytes: bombPdf });
  t.comment(JSON.stringify(p));
  t.equal(p.status, 'failed', 'the PDF bomb fails');
  t.match(p.error, /decompression bomb|expands to more than/, `a readable reason: ${p.error}`);
  t.ok(p.maxTimerDelayMs < 1000, `main-thread timer delay stayed low (${p.maxTimerDelayMs} ms)`);
  t.ok(p.maxHealthMs < 1000, `/healthz kept answering (${p.maxHealthMs} ms max)`);
  t.ok(p.rssGrowthMb < 400, `RSS grew by ${p.rssGrowthMb} MB`);

  // Ordinary documents still go through, in the same worker path.
  const ok = await measured(api, a.token, { name: 'small.docx', bytes: docx(20) });
  t.equal(ok.status, 'ready', 'a normal DOCX is indexed');
  const okPdf = await measured(api, a.token, {
    name: 'small.pdf',
    bytes: pdf(Buffer.from('BT /F1 12 Tf 72 712 Td (We open at nine every weekday.) Tj ET\n')),
  });
  t.equal(okPdf.status, 'ready', `a normal PDF is indexed (${okPdf.error})`);
});

t.test('the extraction worker: time, memory and page limits, and real fixtures', async (t) => {
  const fx = await extractIsolated('docx', fixture('northwind-aftercare.docx'));
  t.ok(fx.blocks.length > 0, 'the DOCX fixture extracts in the worker');
  const fp = await extractIsolated('pdf', fixture('northwind-services.pdf'));
  t.ok(fp.blocks.length > 0, 'the PDF fixture extracts in the worker');
  const limits = { timeoutMs: 45_000, maxMemoryMb: 512, maxInflatedBytes: 64 * 1048576, maxPages: 2000 };
  await t.rejects(
    extractIsolated('pdf', fixture('northwind-services.pdf'), { ...limits, maxPages: 0 }),
    /pages/,
    'page limit',
  );
  await t.rejects(
    extractIsolated('docx', docx(300_000), { ...limits, maxInflatedBytes: 1024 * 1024 }),
    /expands to more than 1 MiB/,
    'declared size over the limit: refused before inflating',
  );
  // No compression at all: a million HTML elements make a DOM bigger than a 32 MB heap.
  const big = Buffer.from(`<html><body>${'<p>a</p>'.repeat(1_000_000)}</body></html>`);
  await t.rejects(
    extractIsolated('html', big, { ...limits, maxMemoryMb: 32, timeoutMs: 60_000 }),
    /needed more than 32 MiB of memory/,
    'a reader that needs more heap than allowed is stopped',
  );
  await t.rejects(
    extractIsolated('html', big, { ...limits, timeoutMs: 1 }),
    /took longer than/,
    'a reader over its time is stopped',
  );
});
