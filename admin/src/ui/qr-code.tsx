import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { encodeQr } from './qr';

/** Quiet zone around the symbol, in modules (ISO/IEC 18004 asks for 4). */
const QUIET = 4;

/**
 * `text` drawn as a QR code in SVG, encoded here in the browser (ui/qr.ts): nothing is fetched
 * and the text (a TOTP secret) never leaves the page. One path of horizontal runs of dark
 * modules, one unit per module, so it scales sharply at any size.
 */
export function QrCode({ text, label, px = 240 }: { text: string; label: string; px?: number }): JSX.Element {
  const { size, d } = useMemo(() => {
    const qr = encodeQr(text);
    const parts: string[] = [];
    qr.modules.forEach((row, y) => {
      for (let x = 0; x < row.length;) {
        if (!row[x]) {
          x++;
          continue;
        }
        let len = 1;
        while (row[x + len]) len++;
        parts.push(`M${x} ${y}h${len}v1h-${len}z`);
        x += len;
      }
    });
    return { size: qr.size, d: parts.join('') };
  }, [text]);
  const full = size + 2 * QUIET;
  return (
    <svg
      class="qr"
      role="img"
      aria-label={label}
      data-testid="qr-code"
      width={px}
      height={px}
      viewBox={`${-QUIET} ${-QUIET} ${full} ${full}`}
      shape-rendering="crispEdges"
    >
      <rect x={-QUIET} y={-QUIET} width={full} height={full} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
