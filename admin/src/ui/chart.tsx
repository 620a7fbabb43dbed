import type { JSX } from 'preact';

/**
 * A small SVG bar chart (no charting library: keeps the bundle small). The numbers are also in a
 * visually hidden table so screen readers get the data, not a picture.
 */
export function BarChart({
  title,
  points,
  unit,
  tick = (label) => label.slice(5),
}: {
  title: string;
  points: { label: string; value: number }[];
  unit: string;
  /** The axis text of a label (default: a YYYY-MM-DD day without its year). */
  tick?: (label: string) => string;
}): JSX.Element {
  const w = 600;
  const h = 180;
  const pad = { l: 36, b: 22, t: 10, r: 6 };
  const max = Math.max(1, ...points.map((p) => p.value));
  const bw = points.length ? (w - pad.l - pad.r) / points.length : 0;
  const y = (v: number): number => h - pad.b - (v / max) * (h - pad.b - pad.t);
  const every = Math.max(1, Math.ceil(points.length / 8));
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      {points.length === 0 ? (
        <p class="muted">No data for this period yet.</p>
      ) : (
        <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`${title} bar chart`}>
          <line x1={pad.l} x2={w - pad.r} y1={h - pad.b} y2={h - pad.b} class="axis" />
          <text x={pad.l - 4} y={pad.t + 8} class="tick" text-anchor="end">
            {max}
          </text>
          <text x={pad.l - 4} y={h - pad.b} class="tick" text-anchor="end">
            0
          </text>
          {points.map((p, i) => (
            <g key={p.label}>
              <rect
                x={pad.l + i * bw + bw * 0.15}
                y={y(p.value)}
                width={bw * 0.7}
                height={Math.max(0, h - pad.b - y(p.value))}
                class="bar"
              >
                <title>{`${p.label}: ${p.value} ${unit}`}</title>
              </rect>
              {i % every === 0 && (
                <text x={pad.l + i * bw + bw / 2} y={h - 6} class="tick" text-anchor="middle">
                  {tick(p.label)}
                </text>
              )}
            </g>
          ))}
        </svg>
      )}
      <table class="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">{unit}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.label}>
              <td>{p.label}</td>
              <td>{p.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
