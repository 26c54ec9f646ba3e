import { splitPredicate } from "./scenario.js";
import {
  type ChangeKind,
  describeChange,
  describeRow,
  formatValue,
  type RowChange,
  type RowView,
  TABLE_NAMES,
  type TableName,
  type Value,
} from "./tables.js";

/**
 * Judges the database: the rows a conversation changed against the rows a scenario expects.
 * Each expected row must match a different changed row (a maximum bipartite matching, so the
 * order of expectations does not matter); with `noOtherWrites`, every changed row must be
 * expected. Failures name the table, the row and the field that differs.
 */

export type RowExpectation = Record<string, unknown>;

/** Maps people and fixture refs named in an expectation to what the views hold. */
export type ResolveValue = (field: string, value: unknown) => unknown;

export interface DbVerdict {
  ok: boolean;
  reasons: string[];
  /** Expected rows found / expected; changed rows that were not expected. */
  matched: number;
  expected: number;
  extra: RowChange[];
}

const CHANGE_KINDS: ChangeKind[] = ["inserted", "updated", "deleted"];

interface Mismatch {
  key: string;
  expected: unknown;
  got: Value | undefined;
}

const norm = (v: unknown) => (typeof v === "string" ? v.trim().toLowerCase() : v);

function equals(got: Value | undefined, want: unknown): boolean {
  if (got === undefined) return false;
  if (want === null) return got === null;
  if (typeof want === "number") return typeof got === "number" && Math.abs(got - want) < 1e-9;
  if (typeof want === "boolean") return got === want;
  return norm(String(got)) === norm(String(want));
}

function texts(want: unknown): string[] {
  return (Array.isArray(want) ? want : [want]).map((w) => String(w).toLowerCase());
}

/** Whether one predicate (`priceCentsBetween: [4000, 5000]`) holds for a row. */
function holds(row: RowView, key: string, want: unknown, resolve: ResolveValue): boolean {
  const { field, op } = splitPredicate(key);
  const got = row[field];
  const value = resolve(field, want);
  switch (op) {
    case "eq":
      return equals(got, value);
    case "Not":
      return !equals(got, value);
    case "Includes":
      return got != null && texts(value).every((t) => String(got).toLowerCase().includes(t));
    case "Excludes":
      return got == null || texts(value).every((t) => !String(got).toLowerCase().includes(t));
    case "Matches":
      return got != null && new RegExp(String(value), "i").test(String(got));
    case "Between": {
      if (!Array.isArray(value) || value.length !== 2 || got == null) return false;
      const [lo, hi] = value as [unknown, unknown];
      if (typeof got === "number") return got >= Number(lo) && got <= Number(hi);
      return String(got) >= String(lo) && String(got) <= String(hi);
    }
  }
}

function mismatches(
  change: RowChange,
  expectation: RowExpectation,
  resolve: ResolveValue,
): Mismatch[] | undefined {
  const kind = expectation.change as ChangeKind | undefined;
  if (kind ? change.change !== kind : change.change === "deleted") return undefined;
  const out: Mismatch[] = [];
  for (const [key, want] of Object.entries(expectation)) {
    if (key === "change") continue;
    if (!holds(change.row, key, want, resolve))
      out.push({
        key,
        expected: resolve(splitPredicate(key).field, want),
        got: change.row[splitPredicate(key).field],
      });
  }
  return out;
}

/** Kuhn's algorithm: the largest set of (expectation, change) pairs that fit, each used once. */
function maximumMatching(fits: boolean[][], changes: number): (number | undefined)[] {
  const ownerOf: (number | undefined)[] = new Array(changes).fill(undefined);
  const tryAssign = (e: number, seen: boolean[]): boolean => {
    for (let c = 0; c < changes; c++) {
      if (!fits[e]![c] || seen[c]) continue;
      seen[c] = true;
      const owner = ownerOf[c];
      if (owner === undefined || tryAssign(owner, seen)) {
        ownerOf[c] = e;
        return true;
      }
    }
    return false;
  };
  for (let e = 0; e < fits.length; e++) tryAssign(e, new Array(changes).fill(false));
  const byExpectation: (number | undefined)[] = new Array(fits.length).fill(undefined);
  ownerOf.forEach((e, c) => {
    if (e !== undefined) byExpectation[e] = c;
  });
  return byExpectation;
}

function describeExpectation(e: RowExpectation): string {
  return `{${Object.entries(e)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.map(formatValue).join(", ")}]` : formatValue(v)}`)
    .join(", ")}}`;
}

export function judgeDb(
  expected: Partial<Record<TableName, RowExpectation[]>>,
  changes: RowChange[],
  {
    noOtherWrites = true,
    resolve = (_f: string, v: unknown) => v,
  }: { noOtherWrites?: boolean; resolve?: ResolveValue } = {},
): DbVerdict {
  const reasons: string[] = [];
  const extra: RowChange[] = [];
  let matched = 0;
  let total = 0;
  for (const table of TABLE_NAMES) {
    const wants = expected[table] ?? [];
    const got = changes.filter((c) => c.table === table);
    total += wants.length;
    for (const w of wants) {
      if (w.change !== undefined && !CHANGE_KINDS.includes(w.change as ChangeKind))
        reasons.push(`${table}: unknown change kind ${formatValue(w.change)} (inserted, updated or deleted)`);
    }
    const explained = wants.map((w) => got.map((c) => mismatches(c, w, resolve)));
    const fits = explained.map((row) => row.map((m) => m !== undefined && m.length === 0));
    const assignment = maximumMatching(fits, got.length);
    const used = new Set<number>();
    assignment.forEach((c, e) => {
      if (c === undefined) {
        reasons.push(`${table}: ${missingReason(table, wants[e]!, got, explained[e]!)}`);
      } else {
        used.add(c);
        matched++;
      }
    });
    got.forEach((c, i) => {
      if (!used.has(i)) extra.push(c);
    });
  }
  if (noOtherWrites) for (const c of extra) reasons.push(`unexpected write: ${describeChange(c)}`);
  return { ok: reasons.length === 0, reasons, matched, expected: total, extra };
}

function missingReason(
  table: TableName,
  want: RowExpectation,
  got: RowChange[],
  explained: (Mismatch[] | undefined)[],
): string {
  const head = `expected ${want.change ?? "a new or changed"} row ${describeExpectation(want)}`;
  if (!got.length) return `${head}, but the conversation changed no ${table} row`;
  // The closest candidate: the right kind of change with the fewest differing fields.
  let best: { change: RowChange; diff: Mismatch[] } | undefined;
  got.forEach((c, i) => {
    const m = explained[i];
    if (m && (!best || m.length < best.diff.length)) best = { change: c, diff: m };
  });
  if (!best) return `${head}; the ${table} rows changed were: ${got.map(describeChange).join("; ")}`;
  const fields = best.diff.map((d) => splitPredicate(d.key).field);
  const diffs = best.diff
    .map(
      (d) =>
        `${d.key} expected ${Array.isArray(d.expected) ? `[${d.expected.join(", ")}]` : formatValue(d.expected)}, got ${formatValue(d.got ?? null)}`,
    )
    .join("; ");
  const closest =
    best.diff.length === 0
      ? "matches a row already claimed by another expectation"
      : `closest is ${best.change.change} ${describeRow(table, best.change.row, fields)}: ${diffs}`;
  return `${head}: ${closest}`;
}
