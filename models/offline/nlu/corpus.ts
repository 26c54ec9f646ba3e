import { readFileSync } from "node:fs";
import { z } from "zod";
import { INTENTS, type Intent } from "./intents.js";
import { CATEGORIES } from "./lexicon/services.js";
import type { ShownOption } from "./slots/types.js";

const CORPUS_DIR = new URL("../corpus/", import.meta.url);

const localMinute = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "wall clock like 2026-05-14T17:00");
const localWindow = z.object({ start: localMinute, end: localMinute }).strict();

/** Expected slots as labelled: times are wall clock in the split's zone, without `text`. */
export const labelledSlotsSchema = z
  .object({
    category: z.enum(CATEGORIES),
    service: z.string(),
    bedrooms: z.number(),
    bathrooms: z.number(),
    urgent: z.boolean(),
    when: localWindow,
    budget: z.object({ maxCents: z.number().int(), targetCents: z.number().int() }).partial().strict(),
    zip: z.string().regex(/^\d{5}$/),
    reference: z.union([
      z.object({ kind: z.literal("ordinal"), index: z.number().int() }).strict(),
      z.object({ kind: z.enum(["cheapest", "best_rated", "earliest", "latest"]) }).strict(),
      z.object({ kind: z.literal("option"), id: z.string() }).strict(),
    ]),
    act: z.enum(["affirm", "deny"]),
    correction: z.boolean(),
    rating: z.number().int().min(1).max(5),
    reviewText: z.string(),
    prices: z.array(z.object({ service: z.string(), priceCents: z.number().int() }).strict()),
    durations: z.array(z.object({ service: z.string(), durationMin: z.number().int() }).strict()),
    hours: z.array(
      z
        .object({
          weekdays: z.array(z.number().int().min(0).max(6)),
          start: z.string().optional(),
          end: z.string().optional(),
          closed: z.boolean().optional(),
        })
        .strict(),
    ),
    timeOff: z.array(localWindow),
    serviceArea: z.object({ radiusKm: z.number(), zip: z.string() }).partial().strict(),
    addServices: z.array(
      z
        .object({
          name: z.string(),
          priceCents: z.number().int().optional(),
          durationMin: z.number().int().optional(),
        })
        .strict(),
    ),
    removeServices: z.array(z.string()),
    bio: z.string(),
    name: z.string(),
  })
  .partial()
  .strict();

export type LabelledSlots = z.infer<typeof labelledSlotsSchema>;

const exampleSchema = z
  .object({
    text: z.string().min(1),
    intent: z.enum(INTENTS),
    role: z.enum(["consumer", "provider"]).optional(),
    prev: z.enum(INTENTS).optional(),
    continuation: z.boolean().optional(),
    opts: z.string().optional(),
    slots: labelledSlotsSchema,
  })
  .strict();

export type CorpusExample = z.infer<typeof exampleSchema> & { intent: Intent };

const optionSchema = z.object({
  index: z.number().int(),
  id: z.string(),
  name: z.string(),
  priceCents: z.number().int().optional(),
  rating: z.number().optional(),
  startsAt: z.string().optional(),
});

const splitContextSchema = z.object({
  now: z.string().datetime({ offset: true }),
  timeZone: z.string(),
  optionSets: z.record(z.string(), z.array(optionSchema)),
});

export type Split = "train" | "test";

export interface CorpusSplit {
  split: Split;
  now: Date;
  timeZone: string;
  optionSets: Record<string, ShownOption[]>;
  examples: CorpusExample[];
}

/** Reads and validates one split; a bad line fails with its line number. */
export function loadCorpus(split: Split, dir: URL = CORPUS_DIR): CorpusSplit {
  const contexts = z
    .record(z.string(), splitContextSchema)
    .parse(JSON.parse(readFileSync(new URL("contexts.json", dir), "utf8")));
  const context = contexts[split];
  if (!context) throw new Error(`contexts.json has no "${split}" entry`);
  const lines = readFileSync(new URL(`${split}.jsonl`, dir), "utf8").split("\n");
  const examples: CorpusExample[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const parsed = exampleSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${split}.jsonl line ${i + 1}: ${parsed.error.message}`);
    if (parsed.data.opts && !context.optionSets[parsed.data.opts]) {
      throw new Error(`${split}.jsonl line ${i + 1}: unknown option set ${parsed.data.opts}`);
    }
    examples.push(parsed.data);
  });
  return {
    split,
    now: new Date(context.now),
    timeZone: context.timeZone,
    optionSets: context.optionSets,
    examples,
  };
}
