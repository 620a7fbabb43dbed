import { readFileSync } from 'node:fs';
import t from 'tap';
import { QR_MAX_VERSION, encodeQr, reedSolomon } from '../src/ui/qr.js';
import { decodeQr } from './helpers/qr-decode.js';

/**
 * The admin UI's QR encoder against libqrencode, module for module: byte mode, level M, versions
 * 1, 2, 7, 8, 9 and 10 (version information, two block sizes, 16-bit length), a UTF-8 text, and a
 * text where the mask choice turns on the finder-like-pattern rule at the symbol's edge. Then
 * every symbol reads back through the test decoder (its own tables, RS syndromes checked).
 */
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/qr-libqrencode.json', import.meta.url), 'utf8'),
) as { symbols: Array<{ text: string; rows: string[] }> };

t.test('byte-exact against libqrencode (qrencode -8 -l M)', async (t) => {
  t.ok(fixture.symbols.length >= 8);
  for (const { text, rows } of fixture.symbols) {
    const qr = encodeQr(text);
    const got = qr.modules.map((row) => row.map((d) => (d ? '#' : '.')).join(''));
    t.same(got, rows, `version ${qr.version}, mask ${qr.mask}: ${text.slice(0, 40)}`);
    const back = decodeQr(rows.map((r) => [...r].map((ch) => ch === '#')));
    t.equal(back.text, text, 'the reference symbol decodes to its text');
    t.equal(back.version, qr.version);
  }
});

t.test('Reed-Solomon: a known codeword (ISO/IEC 18004 annex I, "01234567" version 1-M)', async (t) => {
  const data = [
    0x10, 0x20, 0x0c, 0x56, 0x61, 0x80, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11,
  ];
  t.same(reedSolomon(data, 10), [0xa5, 0x24, 0xd4, 0xc1, 0xed, 0x36, 0xc7, 0x87, 0x2c, 0x55]);
});

t.test('every length up to the largest version round-trips; one more byte is refused', async (t) => {
  let last = 0;
  for (let len = 0; len <= 213; len++) {
    const text = Array.from({ length: len }, (_, i) => String.fromCharCode(32 + ((i * 7 + len) % 95))).join(
      '',
    );
    const qr = encodeQr(text);
    if (qr.version < last) t.fail(`version went down at ${len}`);
    last = qr.version;
    const back = decodeQr(qr.modules);
    if (back.text !== text) t.fail(`length ${len}: decoded ${JSON.stringify(back.text)}`);
  }
  t.equal(last, QR_MAX_VERSION, 'the largest text needs the largest version');
  t.throws(() => encodeQr('x'.repeat(214)), /too long for a QR code/);
});

t.test('the decoder catches a damaged symbol', async (t) => {
  const qr = encodeQr('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP');
  const bad = qr.modules.map((row) => [...row]);
  const size = qr.size;
  // A data module in the bottom-right corner (the first codeword's first bit).
  (bad[size - 1] as boolean[])[size - 1] = !bad[size - 1]?.[size - 1];
  t.throws(() => decodeQr(bad), /syndrome/);
});
