import type { Category } from "../../core/categories.js";
import { CATALOG, type Kind } from "./catalog.js";
import type { Rng } from "./prng.js";

const SIZES = [
  { label: "1-2 bedrooms", price: 1, duration: 1 },
  { label: "3 bedrooms", price: 1.35, duration: 1.3 },
  { label: "4+ bedrooms", price: 1.75, duration: 1.55 },
] as const;

export interface MenuItem {
  name: string;
  description: string;
  priceCents: number;
  durationMin: number;
  popularity: number;
  specialty: string;
}

export interface MenuOptions {
  category: Category;
  kind: Kind;
  /** Metro and business price level combined: 1 is a mid-priced business in Chicago. */
  priceFactor: number;
  /** Services this business must offer whatever the draw (the demo barber's "Skin Fade"). */
  require?: readonly string[];
}

/** Dollars rounded the way menus are: to $5, or $25 for big-ticket jobs. */
export function menuPriceCents(dollars: number): number {
  const step = dollars >= 500 ? 25 : 5;
  return Math.max(step, Math.round(dollars / step) * step) * 100;
}

function roundTo15(minutes: number): number {
  return Math.max(15, Math.round(minutes / 15) * 15);
}

const MIN_MENU = 3;

export function buildMenu(rng: Rng, opts: MenuOptions): MenuItem[] {
  const offered = CATALOG[opts.category].filter((t) => t.offer[opts.kind] !== undefined);
  const chosen = new Set(
    offered.filter((t) => opts.require?.includes(t.name) || rng.chance(t.offer[opts.kind] ?? 0)),
  );
  // A menu of one or two services looks like an unfinished profile: top up with the likeliest.
  const likeliest = offered.slice().sort((a, b) => (b.offer[opts.kind] ?? 0) - (a.offer[opts.kind] ?? 0));
  for (const t of likeliest) {
    if (chosen.size >= MIN_MENU) break;
    chosen.add(t);
  }
  const menu: MenuItem[] = [];
  const bySize = opts.category === "cleaning" && opts.kind === "home" && rng.chance(0.5);
  for (const t of offered) {
    if (!chosen.has(t)) continue;
    const basePrice = (t.price[0] + rng.next() * (t.price[1] - t.price[0])) * opts.priceFactor;
    const baseDuration = rng.pick(t.durations);
    const description = rng.pick(t.descriptions);
    if (bySize && t.bySize) {
      for (const size of SIZES) {
        menu.push({
          name: `${t.name} (${size.label})`,
          description,
          priceCents: menuPriceCents(basePrice * size.price),
          durationMin: Math.min(360, roundTo15(baseDuration * size.duration)),
          popularity: t.popularity / SIZES.length,
          specialty: t.specialty,
        });
      }
    } else {
      menu.push({
        name: t.name,
        description:
          t.bySize && opts.category === "cleaning"
            ? `${description} Priced for up to 2 bedrooms; larger homes are quoted on request.`
            : description,
        priceCents: menuPriceCents(basePrice),
        durationMin: baseDuration,
        popularity: t.popularity,
        specialty: t.specialty,
      });
    }
  }
  return menu;
}
