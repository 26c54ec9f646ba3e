/**
 * Inline SVG charts for the eval report: no library, no CDN, so the report is one file that opens
 * anywhere (and diffs well in CI artefacts).
 */

export function esc(s: unknown): string {
  return String(s).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

const fmt = (v: number, digits = 0) => (Number.isFinite(v) ? v.toFixed(digits) : "–");
export const pct = (v: number) =>
  Number.isFinite(v) ? `${(v * 100).toFixed(v === 1 || v === 0 ? 0 : 1)}%` : "–";

function rateColour(v: number): string {
  if (!Number.isFinite(v)) return "#9aa5b1";
  if (v >= 0.999) return "#2f9e44";
  if (v >= 0.8) return "#74b816";
  if (v >= 0.5) return "#f59f00";
  return "#e03131";
}

/** Horizontal bars, one per label; `value` in [0, max]. */
export function barChart(
  items: { label: string; value: number; text?: string; colour?: string }[],
  { max = 1, width = 560, unit = (v: number) => pct(v), title = "", valueW = 90 } = {},
): string {
  const row = 26;
  const labelW = 130;
  const barW = width - labelW - valueW;
  const h = items.length * row + 10;
  const bars = items
    .map((it, i) => {
      const y = 5 + i * row;
      const w = max > 0 && Number.isFinite(it.value) ? Math.max(1, (it.value / max) * barW) : 0;
      const colour = it.colour ?? rateColour(max === 1 ? it.value : 1);
      return `<text x="${labelW - 8}" y="${y + 16}" text-anchor="end" class="lbl">${esc(it.label)}</text>
<rect x="${labelW}" y="${y + 3}" width="${barW}" height="18" fill="#f1f3f5"/>
<rect x="${labelW}" y="${y + 3}" width="${fmt(w, 1)}" height="18" fill="${colour}"><title>${esc(it.label)}: ${esc(it.text ?? unit(it.value))}</title></rect>
<text x="${labelW + barW + 6}" y="${y + 16}" class="val">${esc(it.text ?? unit(it.value))}</text>`;
    })
    .join("\n");
  return `<svg viewBox="0 0 ${width} ${h}" width="${width}" height="${h}" role="img" aria-label="${esc(title)}">${bars}</svg>`;
}

/** A line with dots through (x, y) points, y in [0, 1]. */
export function lineChart(
  points: { x: number; y: number }[],
  { width = 420, height = 220, xLabel = "k", yLabel = "" } = {},
): string {
  if (!points.length) return `<p class="muted">No data.</p>`;
  const pad = { l: 44, r: 16, t: 12, b: 34 };
  const xs = points.map((p) => p.x);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  // A single point sits in the middle rather than on the axis.
  const xAt = (x: number) =>
    x1 === x0 ? (pad.l + width - pad.r) / 2 : pad.l + ((x - x0) / (x1 - x0)) * (width - pad.l - pad.r);
  const yAt = (y: number) => pad.t + (1 - y) * (height - pad.t - pad.b);
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (g) =>
        `<line x1="${pad.l}" x2="${width - pad.r}" y1="${yAt(g)}" y2="${yAt(g)}" class="grid"/><text x="${pad.l - 6}" y="${yAt(g) + 4}" text-anchor="end" class="tick">${pct(g)}</text>`,
    )
    .join("");
  const ticks = points
    .map(
      (p) =>
        `<text x="${xAt(p.x)}" y="${height - pad.b + 16}" text-anchor="middle" class="tick">${p.x}</text>`,
    )
    .join("");
  const path = points.map((p, i) => `${i ? "L" : "M"}${fmt(xAt(p.x), 1)},${fmt(yAt(p.y), 1)}`).join(" ");
  const dots = points
    .map(
      (p) =>
        `<circle cx="${fmt(xAt(p.x), 1)}" cy="${fmt(yAt(p.y), 1)}" r="4" fill="#1971c2"><title>${xLabel}=${p.x}: ${pct(p.y)}</title></circle><text x="${fmt(xAt(p.x), 1)}" y="${fmt(yAt(p.y) - 8, 1)}" text-anchor="middle" class="val">${pct(p.y)}</text>`,
    )
    .join("");
  return `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(yLabel)}">
${grid}${ticks}<text x="${(pad.l + width - pad.r) / 2}" y="${height - 4}" text-anchor="middle" class="lbl">${esc(xLabel)}</text>
<path d="${path}" fill="none" stroke="#1971c2" stroke-width="2"/>${dots}</svg>`;
}

/**
 * Counts of values in equal-width bins, as columns. Bins stop at the 95th percentile, and the last
 * column holds everything above it, so that a few slow outliers do not squash the rest.
 */
export function histogram(
  values: number[],
  { bins = 12, width = 420, height = 200, unit = "ms" } = {},
): string {
  if (!values.length) return `<p class="muted">No data.</p>`;
  const sorted = [...values].sort((a, b) => a - b);
  const cap = sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))]! || 1;
  const overflow = sorted.at(-1)! > cap;
  const step = cap / (overflow ? bins - 1 : bins);
  const counts = new Array(bins).fill(0) as number[];
  for (const v of values) counts[Math.min(bins - 1, Math.floor(v / step))]!++;
  const top = Math.max(...counts);
  const pad = { l: 34, r: 18, t: 10, b: 34 };
  const colW = (width - pad.l - pad.r) / bins;
  const H = height - pad.t - pad.b;
  const cols = counts
    .map((c, i) => {
      const h = top ? (c / top) * H : 0;
      const from = Math.round(i * step);
      const label = overflow && i === bins - 1 ? `≥ ${from}` : `${from}–${Math.round((i + 1) * step)}`;
      return `<rect x="${fmt(pad.l + i * colW + 1, 1)}" y="${fmt(pad.t + H - h, 1)}" width="${fmt(colW - 2, 1)}" height="${fmt(h, 1)}" fill="${overflow && i === bins - 1 ? "#adb5bd" : "#5c7cfa"}"><title>${label} ${unit}: ${c}</title></rect>`;
    })
    .join("");
  const ticks = [0, Math.floor(bins / 2)]
    .map(
      (b) =>
        `<text x="${fmt(pad.l + b * colW, 1)}" y="${height - pad.b + 16}" text-anchor="middle" class="tick">${Math.round(b * step)}</text>`,
    )
    .join("");
  const more = `<text x="${fmt(width - pad.r, 1)}" y="${height - pad.b + 16}" text-anchor="end" class="tick">${overflow ? `≥ ${Math.round((bins - 1) * step)}` : Math.round(bins * step)}</text>`;
  return `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="histogram">
<line x1="${pad.l}" x2="${width - pad.r}" y1="${pad.t + H}" y2="${pad.t + H}" class="grid"/>
<text x="${pad.l - 6}" y="${pad.t + 10}" text-anchor="end" class="tick">${top}</text>${cols}${ticks}${more}
<text x="${(pad.l + width - pad.r) / 2}" y="${height - 4}" text-anchor="middle" class="lbl">${esc(unit)}</text></svg>`;
}

/** Expected (rows) × actual (columns) counts, shaded by share of the row. */
export function confusionMatrix(labels: string[], matrix: number[][]): string {
  if (!labels.length) return `<p class="muted">No routes were judged.</p>`;
  const head = labels.map((l) => `<th>${esc(l)}</th>`).join("");
  const rows = labels
    .map((e, i) => {
      const total = matrix[i]!.reduce((a, b) => a + b, 0);
      const cells = labels
        .map((a, j) => {
          const n = matrix[i]![j]!;
          const share = total ? n / total : 0;
          const good = i === j;
          const bg =
            n === 0
              ? "#fff"
              : good
                ? `rgba(47,158,68,${0.15 + 0.75 * share})`
                : `rgba(224,49,49,${0.15 + 0.75 * share})`;
          return `<td style="background:${bg}" title="expected ${esc(e)}, routed to ${esc(a)}: ${n}">${n || ""}</td>`;
        })
        .join("");
      return `<tr><th>${esc(e)}</th>${cells}</tr>`;
    })
    .join("");
  return `<table class="matrix"><thead><tr><th class="corner">expected ↓ / actual →</th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}
