import { localMinuteString } from "../../../core/zoned-time.js";
import type { LabelledSlots } from "./corpus.js";
import type { Slots } from "./slots/types.js";

/** One scored unit: a slot type and a comparable value ("prices" / "fade=4500"). */
export interface SlotFact {
  type: string;
  value: string;
}

const FREE_TEXT = new Set(["reviewText", "bio", "name"]);
// Free text matches when its words overlap this much (token F1), so trailing punctuation or a
// kept "and" does not make a good extraction count as wrong.
const FREE_TEXT_MIN_F1 = 0.8;

function windowValue(w: { start: string; end: string }, timeZone: string, labelled: boolean): string {
  if (labelled) return `${w.start}/${w.end}`;
  return `${localMinuteString(new Date(w.start), timeZone)}/${localMinuteString(new Date(w.end), timeZone)}`;
}

/** Slot types the corpus was written before and does not label: not scored, either way. */
const UNLABELLED = new Set(["serviceVariant", "providerName", "languages", "specialties"]);

/**
 * Slots as facts. Lists score per element (each price, each hours entry), objects per field
 * (budget.maxCents, serviceArea.zip); a time window is one fact, compared to the minute as wall
 * clock in the split's zone.
 */
export function slotFacts(slots: Slots | LabelledSlots, timeZone: string, labelled: boolean): SlotFact[] {
  const facts: SlotFact[] = [];
  const add = (type: string, value: unknown) => facts.push({ type, value: String(value) });
  for (const [key, v] of Object.entries(slots)) {
    if (v === undefined || UNLABELLED.has(key)) continue;
    switch (key) {
      case "when":
        add("when", windowValue(v as { start: string; end: string }, timeZone, labelled));
        break;
      case "timeOff":
        for (const w of v as { start: string; end: string }[])
          add("timeOff", windowValue(w, timeZone, labelled));
        break;
      case "budget":
      case "serviceArea":
        for (const [k, x] of Object.entries(v as Record<string, unknown>))
          if (x !== undefined) add(`${key}.${k}`, x);
        break;
      case "reference":
        add("reference", JSON.stringify(v, Object.keys(v as object).sort()));
        break;
      case "prices":
        for (const p of v as { service: string; priceCents: number }[])
          add("prices", `${p.service}=${p.priceCents}`);
        break;
      case "durations":
        for (const p of v as { service: string; durationMin: number }[])
          add("durations", `${p.service}=${p.durationMin}`);
        break;
      case "hours":
        for (const h of v as { weekdays: number[]; start?: string; end?: string; closed?: boolean }[]) {
          add(
            "hours",
            `${[...h.weekdays].sort().join(",")}|${h.start ?? ""}|${h.end ?? ""}|${h.closed ? "closed" : ""}`,
          );
        }
        break;
      case "addServices":
        for (const a of v as { name: string; priceCents?: number; durationMin?: number }[]) {
          add("addServices", `${a.name}|${a.priceCents ?? ""}|${a.durationMin ?? ""}`);
        }
        break;
      case "removeServices":
        for (const r of v as string[]) add("removeServices", r);
        break;
      default:
        add(key, v);
    }
  }
  return facts;
}

function words(s: string): string[] {
  return s.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

export function tokenF1(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (wa.length === 0 || wb.length === 0) return wa.length === wb.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const w of wb) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of wa) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      common++;
      counts.set(w, c - 1);
    }
  }
  if (common === 0) return 0;
  const p = common / wa.length;
  const r = common / wb.length;
  return (2 * p * r) / (p + r);
}

function same(a: SlotFact, b: SlotFact): boolean {
  if (a.type !== b.type) return false;
  return FREE_TEXT.has(a.type) ? tokenF1(a.value, b.value) >= FREE_TEXT_MIN_F1 : a.value === b.value;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface SlotComparison {
  byType: Map<string, Counts>;
  missed: SlotFact[];
  spurious: SlotFact[];
}

/** Matches predicted facts to expected ones one to one; the rest are false positives / negatives. */
export function compareSlots(predicted: SlotFact[], expected: SlotFact[]): SlotComparison {
  const byType = new Map<string, Counts>();
  const counts = (t: string) => {
    let c = byType.get(t);
    if (!c) {
      c = { tp: 0, fp: 0, fn: 0 };
      byType.set(t, c);
    }
    return c;
  };
  const left = [...expected];
  const spurious: SlotFact[] = [];
  for (const p of predicted) {
    const i = left.findIndex((e) => same(p, e));
    if (i >= 0) {
      counts(p.type).tp++;
      left.splice(i, 1);
    } else {
      counts(p.type).fp++;
      spurious.push(p);
    }
  }
  for (const e of left) counts(e.type).fn++;
  return { byType, missed: left, spurious };
}

export function prf(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
