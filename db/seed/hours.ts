import type { Category } from "../../core/categories.js";
import type { Kind } from "./catalog.js";
import type { Rng } from "./prng.js";

/** Opening hours on one weekday (0 = Sunday), in minutes after local midnight. */
export interface HoursBlock {
  weekday: number;
  start: number;
  end: number;
}

interface Pattern {
  name: string;
  weight: number;
  /** [weekdays, "HH:MM", "HH:MM"]: one row per weekday listed. */
  spans: readonly (readonly [readonly number[], string, string])[];
}

const MON_FRI = [1, 2, 3, 4, 5];
const TUE_FRI = [2, 3, 4, 5];

const PATTERNS: Record<Category, readonly Pattern[]> = {
  haircut: [
    {
      name: "tue-sat",
      weight: 3,
      spans: [
        [TUE_FRI, "10:00", "19:00"],
        [[6], "09:00", "17:00"],
      ],
    },
    {
      name: "tue-sat late",
      weight: 2,
      spans: [
        [TUE_FRI, "11:00", "20:00"],
        [[6], "09:00", "16:00"],
      ],
    },
    {
      name: "mon-sat with lunch",
      weight: 1,
      spans: [
        [[1, 2, 3, 4, 5, 6], "09:00", "13:00"],
        [[1, 2, 3, 4, 5, 6], "14:00", "18:00"],
      ],
    },
    {
      name: "wed-sun",
      weight: 1,
      spans: [
        [[3, 4, 5, 6], "10:00", "18:00"],
        [[0], "11:00", "16:00"],
      ],
    },
    {
      name: "evenings",
      weight: 1,
      spans: [
        [MON_FRI, "12:00", "21:00"],
        [[6], "10:00", "18:00"],
      ],
    },
  ],
  cleaning: [
    { name: "mon-fri", weight: 3, spans: [[MON_FRI, "08:00", "17:00"]] },
    { name: "mon-sat", weight: 2, spans: [[[1, 2, 3, 4, 5, 6], "08:00", "18:00"]] },
    {
      name: "mon-fri + sat morning",
      weight: 2,
      spans: [
        [MON_FRI, "09:00", "17:00"],
        [[6], "09:00", "14:00"],
      ],
    },
    { name: "tue-sun", weight: 1, spans: [[[0, 2, 3, 4, 5, 6], "08:00", "16:00"]] },
  ],
  plumbing: [
    { name: "mon-fri", weight: 3, spans: [[MON_FRI, "08:00", "17:00"]] },
    {
      name: "mon-fri + sat morning",
      weight: 2,
      spans: [
        [MON_FRI, "07:00", "18:00"],
        [[6], "08:00", "12:00"],
      ],
    },
    { name: "early", weight: 1, spans: [[MON_FRI, "07:30", "16:30"]] },
    {
      name: "short friday",
      weight: 1,
      spans: [
        [[1, 2, 3, 4], "08:00", "17:00"],
        [[5], "08:00", "12:00"],
        [[5], "13:00", "15:00"],
      ],
    },
  ],
};

// Some kinds of business keep hours of their own.
const KIND_PATTERNS: Partial<Record<Kind, readonly Pattern[]>> = {
  commercial: [
    // Offices are cleaned before and after the working day.
    {
      name: "office split",
      weight: 1,
      spans: [
        [MON_FRI, "06:00", "12:00"],
        [MON_FRI, "16:00", "22:00"],
      ],
    },
    { name: "mon-sat", weight: 1, spans: [[[1, 2, 3, 4, 5, 6], "07:00", "19:00"]] },
  ],
  emergency: [{ name: "every day", weight: 1, spans: [[[0, 1, 2, 3, 4, 5, 6], "07:00", "22:00"]] }],
};

/** The demo barber's hours: weekday evenings are open, which the demo's "after work" requests need. */
export const DEMO_BARBER_HOURS: readonly HoursBlock[] = expand({
  name: "demo barber",
  weight: 1,
  spans: [
    [MON_FRI, "10:00", "20:00"],
    [[6], "09:00", "17:00"],
  ],
});

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

const SHIFTS = [-60, -30, 0, 0, 0, 30, 60];
const cache = new Map<Pattern, readonly HoursBlock[]>();

function expanded(p: Pattern): readonly HoursBlock[] {
  let blocks = cache.get(p);
  if (!blocks) {
    blocks = expand(p);
    cache.set(p, blocks);
  }
  return blocks;
}

function expand(p: Pattern): HoursBlock[] {
  const blocks: HoursBlock[] = [];
  for (const [days, from, to] of p.spans) {
    for (const weekday of days) blocks.push({ weekday, start: minutes(from), end: minutes(to) });
  }
  return blocks.sort((a, b) => a.weekday - b.weekday || a.start - b.start);
}

/**
 * A pattern for the category, shifted earlier or later by up to an hour, and now and then with
 * one weekday closed: real businesses rarely keep exactly the template's hours.
 */
export function pickHours(rng: Rng, category: Category, kind: Kind): HoursBlock[] {
  const patterns = KIND_PATTERNS[kind] ?? PATTERNS[category];
  const pattern = rng.weighted(
    patterns,
    patterns.map((p) => p.weight),
  );
  const shift = rng.pick(SHIFTS);
  let blocks = expanded(pattern).map((b) => ({
    weekday: b.weekday,
    start: Math.max(6 * 60, b.start + shift),
    end: Math.min(22 * 60, b.end + shift),
  }));
  const days = [...new Set(blocks.map((b) => b.weekday))];
  if (days.length > 4 && rng.chance(0.15)) {
    const closed = rng.pick(days);
    blocks = blocks.filter((b) => b.weekday !== closed);
  }
  return blocks;
}
