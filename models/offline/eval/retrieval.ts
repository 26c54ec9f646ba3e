/**
 * Retrieval eval of the offline embeddings: each labelled consumer query retrieves the nearest
 * provider description of a small catalogue; top-1 category and service accuracy are reported and
 * written to BENCHMARKS.md.
 *
 *   npm run eval:embeddings
 */
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { z } from "zod";
import { machineLine, markdownTable, writeBenchmarkSection } from "../../../bench/report.js";
import { OFFLINE_EMBEDDING_MODEL, OfflineEmbeddings } from "../embeddings.js";
import { loadWordVectors, type WordVectors } from "../word-vectors.js";

const Category = z.enum(["haircut", "cleaning", "plumbing"]);
const CatalogueEntry = z.object({
  id: z.string(),
  category: Category,
  service: z.string(),
  text: z.string(),
});
const LabelledQuery = z.object({ query: z.string(), category: Category, service: z.string().nullable() });
type CatalogueEntry = z.infer<typeof CatalogueEntry>;
type LabelledQuery = z.infer<typeof LabelledQuery>;

function readJson<T>(name: string, schema: z.ZodType<T>): T {
  return schema.parse(JSON.parse(readFileSync(new URL(name, import.meta.url), "utf8")));
}

interface RetrievalResult {
  categoryAccuracy: number;
  serviceAccuracy: number;
  serviceQueries: number;
  queriesPerSecond: number;
  misses: { query: LabelledQuery; got: CatalogueEntry }[];
}

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

async function evaluate(
  embeddings: OfflineEmbeddings,
  catalogue: CatalogueEntry[],
  queries: LabelledQuery[],
): Promise<RetrievalResult> {
  const docs = await embeddings.embedDocuments(catalogue.map((c) => c.text));
  // Vectors are unit length, so the dot product is the cosine.
  const top1 = (q: number[]) => {
    let best = 0;
    for (let i = 1; i < docs.length; i++) if (dot(q, docs[i]!) > dot(q, docs[best]!)) best = i;
    return catalogue[best]!;
  };
  const hits = await Promise.all(
    queries.map(async (q) => ({ query: q, got: top1(await embeddings.embedQuery(q.query)) })),
  );

  // Throughput of the whole query path (embed + scan the catalogue), repeated to rise above timer noise.
  const rounds = 50;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const q of queries) top1(embeddings.embed(q.query));
  const seconds = (performance.now() - t0) / 1000;

  const withService = hits.filter((h) => h.query.service !== null);
  return {
    categoryAccuracy: hits.filter((h) => h.got.category === h.query.category).length / hits.length,
    serviceAccuracy: withService.filter((h) => h.got.service === h.query.service).length / withService.length,
    serviceQueries: withService.length,
    queriesPerSecond: (rounds * queries.length) / seconds,
    misses: hits.filter(
      (h) => h.got.category !== h.query.category || (h.query.service && h.got.service !== h.query.service),
    ),
  };
}

/**
 * Utterances written by someone else for the NLU (models/offline/corpus), read when present: an
 * independent check that the configuration chosen on retrieval-queries.json generalises.
 */
function independentQueries(): LabelledQuery[] {
  const dir = new URL("../corpus/", import.meta.url);
  const files = ["train.jsonl", "test.jsonl"].map((f) => new URL(f, dir)).filter((f) => existsSync(f));
  const Utterance = z.object({ text: z.string(), intent: z.string() });
  return files.flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => Utterance.parse(JSON.parse(line)))
      .flatMap((u) => {
        const category = Category.safeParse(u.intent);
        return category.success ? [{ query: u.text, category: category.data, service: null }] : [];
      }),
  );
}

async function main(): Promise<void> {
  const catalogue = readJson("./catalogue.json", z.array(CatalogueEntry));
  const queries = readJson("./retrieval-queries.json", z.array(LabelledQuery));
  const independent = independentQueries();

  const t0 = performance.now();
  const vectors: WordVectors = loadWordVectors();
  const loadMs = performance.now() - t0;
  const t1 = performance.now();
  const defaultEmbeddings = new OfflineEmbeddings(vectors);
  const constructMs = performance.now() - t1;
  console.log(
    `loaded ${vectors.size} word vectors in ${loadMs.toFixed(1)} ms, embeddings ready ${constructMs.toFixed(1)} ms later`,
  );

  const variants: { name: string; embeddings: OfflineEmbeddings }[] = [
    { name: "SIF a = 1e-4, common component removed (default)", embeddings: defaultEmbeddings },
    {
      name: "SIF a = 1e-3, no removal (first version)",
      embeddings: new OfflineEmbeddings(vectors, { sifA: 1e-3, removeCommonComponent: false }),
    },
    {
      name: "plain mean (baseline)",
      embeddings: new OfflineEmbeddings(vectors, { weighting: "uniform", removeCommonComponent: false }),
    },
  ];
  const rows: (string | number)[][] = [];
  let primary: RetrievalResult | undefined;
  for (const { name, embeddings } of variants) {
    const r = await evaluate(embeddings, catalogue, queries);
    const ind = independent.length > 0 ? await evaluate(embeddings, catalogue, independent) : undefined;
    primary ??= r;
    console.log(
      `${name}: category ${r.categoryAccuracy.toFixed(3)}, service ${r.serviceAccuracy.toFixed(3)}, ` +
        `independent category ${ind?.categoryAccuracy.toFixed(3) ?? "-"}, ${Math.round(r.queriesPerSecond)} queries/s`,
    );
    rows.push([
      name,
      r.categoryAccuracy.toFixed(3),
      `${r.serviceAccuracy.toFixed(3)} (of ${r.serviceQueries})`,
      ind ? ind.categoryAccuracy.toFixed(3) : "—",
      Math.round(r.queriesPerSecond),
    ]);
  }
  console.log("\nmisses of the default (query -> retrieved):");
  for (const { query, got } of primary!.misses) {
    console.log(
      `  "${query.query}" [${query.category}/${query.service ?? "-"}] -> ${got.id} [${got.category}/${got.service}]`,
    );
  }

  writeBenchmarkSection(
    "offline-embeddings",
    [
      "## Offline embeddings: retrieval",
      "",
      `\`npm run eval:embeddings\`: model \`${OFFLINE_EMBEDDING_MODEL}\` (GloVe 100-d, ${vectors.size} words, int8). ` +
        `${queries.length} labelled consumer queries (models/offline/eval/retrieval-queries.json) each retrieve ` +
        `the top-1 of ${catalogue.length} provider descriptions (catalogue.json); service accuracy counts only ` +
        "queries labelled with a service. The default was chosen among these variants on the same queries, " +
        `so its figures are optimistic; the independent column is ${independent.length} haircut/cleaning/plumbing ` +
        "utterances of the NLU corpus (models/offline/corpus), written by someone else; it was looked at once, " +
        "to pick between two ways of removing the common component, so it is not cleanly held out either. " +
        "Queries/s is embed + scan of the catalogue, single thread.",
      "",
      markdownTable(
        [
          "sentence vector",
          "category accuracy",
          "service accuracy",
          "independent category accuracy",
          "queries/s",
        ],
        rows,
      ),
      "",
      `Word-vector table load: ${loadMs.toFixed(1)} ms (first load in the process), then ` +
        `${constructMs.toFixed(1)} ms to set up the embeddings (the common direction); timings are single runs ` +
        `with the machine's 1-minute load average at ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores. ` +
        `${machineLine()}.`,
    ].join("\n"),
  );
  console.log("\nwrote the offline-embeddings section of BENCHMARKS.md");
}

await main();
