import type { Db, Queryable } from "../db/pool.js";
import { type SearchQuery, searchProviders } from "../db/providers.js";

// The search statement is the one that starts with the `filtered` CTE (the app's and the previous
// one both do); the others in its transaction are the SET LOCALs that choose the scan.
const isSearchStatement = (sql: string) => sql.includes("WITH filtered AS");

/**
 * The plan of the exact statement `searchProviders` sends, with the settings it makes in its
 * transaction: the SQL is not copied here, so the plan is the app's (or the app's rewritten by
 * `rewrite`). With `analyze` the statement runs (EXPLAIN ANALYZE, BUFFERS); without, it is only planned.
 */
export async function explainSearch(
  db: Db,
  query: SearchQuery,
  { rewrite, analyze = true }: { rewrite?: SqlRewrite | undefined; analyze?: boolean } = {},
): Promise<string[]> {
  const plan: string[] = [];
  await db.transaction(async (tx) => {
    const explaining: Queryable = {
      async query<R extends object>(text: string, params?: readonly unknown[]) {
        if (!isSearchStatement(text)) return tx.query<R>(text, params);
        const sql = rewrite ? rewrite(text) : text;
        const options = analyze ? "(ANALYZE, BUFFERS)" : "";
        const r = await tx.query<{ "QUERY PLAN": string }>(`EXPLAIN ${options} ${sql}`, params);
        for (const row of r.rows) plan.push(row["QUERY PLAN"]);
        return { rows: [], rowCount: 0 };
      },
    };
    await searchProviders(explaining, query);
  });
  if (plan.length === 0) throw new Error("no search statement was explained: update isSearchStatement");
  // The query vector is printed in full at every mention; a plan is read for its shape.
  return plan.map((line) => line.replace(/'\[[-0-9.,e]+\]'/g, "'[…]'"));
}

/** The lines of a plan that scan an HNSW index. */
export function hnswScans(plan: readonly string[]): string[] {
  return plan.filter((l) => /Index Scan using provider_embeddings_hnsw/.test(l)).map((l) => l.trim());
}

export function executionMs(plan: readonly string[]): number {
  const line = plan.find((l) => l.startsWith("Execution Time:"));
  return line ? Number(/([\d.]+) ms/.exec(line)?.[1]) : Number.NaN;
}

export function planningMs(plan: readonly string[]): number {
  const line = plan.find((l) => l.startsWith("Planning Time:"));
  return line ? Number(/([\d.]+) ms/.exec(line)?.[1]) : Number.NaN;
}

/** How long a CTE of the search took (its subquery scan's last-row time), from an analyzed plan. */
export function cteMs(plan: readonly string[], cte: "fts" | "vec"): number {
  const line = plan.find((l) => l.includes(`Subquery Scan on ${cte} `));
  const end = line && /actual time=[\d.]+\.\.([\d.]+)/.exec(line)?.[1];
  return end ? Number(end) : Number.NaN;
}

/**
 * The plan of one CTE (its subquery scan and everything under it), without the lines that are
 * noise when reading its shape (buffers, storage, window definitions), long conditions shortened.
 */
export function cteExcerpt(plan: readonly string[], cte: "fts" | "vec", width = 140): string[] {
  const start = plan.findIndex((l) => l.includes(`Subquery Scan on ${cte} `));
  if (start < 0) return [];
  const indent = (l: string) => l.length - l.trimStart().length;
  const base = indent(plan[start]!);
  const out: string[] = [];
  for (let i = start; i < plan.length; i++) {
    const line = plan[i]!;
    if (i > start && indent(line) <= base) break;
    if (/^\s*(Buffers|Storage|Window|Index Searches|Heap Blocks|Sort Method):/.test(line)) continue;
    // Estimated costs are dropped to keep lines short; the actual rows and times stay.
    const trimmed = line.slice(base).replace(/ \(cost=[^)]*\)/, "");
    out.push(trimmed.length > width ? `${trimmed.slice(0, width - 1)}…` : trimmed);
  }
  return out;
}

/** A change to the search statement's text, for measuring another statement than db/providers.ts's. */
export type SqlRewrite = (sql: string) => string;

/**
 * Runs `searchProviders` with its search statement rewritten, in the transaction and with the
 * settings `searchProviders` itself makes: the other statement differs from the app in that text only.
 */
export function searchWithRewrite(db: Db, query: SearchQuery, rewrite: SqlRewrite) {
  return db.transaction(async (tx) => {
    let rewritten = false;
    const rewriting: Queryable = {
      query: (text, params) => {
        if (!isSearchStatement(text)) return tx.query(text, params);
        rewritten = true;
        return tx.query(rewrite(text), params);
      },
    };
    const hits = await searchProviders(rewriting, query);
    if (!rewritten) throw new Error("no search statement to rewrite: update isSearchStatement");
    return hits;
  });
}
