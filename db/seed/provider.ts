import type { Category } from "../../core/categories.js";
import { type BioContext, composeBio, composeProfile, pickPolicies } from "./bios.js";
import { KINDS, type Kind } from "./catalog.js";
import type { BookableService } from "./history.js";
import { DEMO_BARBER_HOURS, type HoursBlock, pickHours } from "./hours.js";
import { buildMenu, type MenuItem } from "./menu.js";
import { type Area, areaByZip, type Metro } from "./metros.js";
import { businessName, type PersonName, personName } from "./names.js";
import { DEMO_BARBER_ID, type Persona } from "./personas.js";
import type { Rng } from "./prng.js";
import type { ProviderRow, ServiceRow, UserRow, WeeklyHoursRow } from "./rows.js";
import { hhmm } from "./time.js";

export interface ProviderInput {
  metro: Metro;
  category: Category;
  persona: Persona | undefined;
  userId: string;
  createdAt: Date;
  currentYear: number;
  /** Names already given out, so that a city does not get two "Fresh Fades Barbershop"s. */
  businessNames: Set<string>;
  ownerNames: Set<string>;
}

/** One provider's rows, and what its booking history is drawn from. */
export interface ProviderDraft {
  provider: ProviderRow;
  user: UserRow;
  services: ServiceRow[];
  weeklyHours: WeeklyHoursRow[];
  bookable: BookableService[];
  hours: readonly HoursBlock[];
  owner: PersonName;
  area: Area;
}

const RADIUS_KM: Record<Category, readonly [number, number]> = {
  haircut: [5, 10],
  cleaning: [10, 25],
  plumbing: [15, 40],
};

export function generateProvider(rng: Rng, p: ProviderInput): ProviderDraft {
  const { metro, category, persona, createdAt } = p;
  const kind =
    persona?.kind ??
    rng.weighted(
      KINDS[category].map(([k]) => k),
      KINDS[category].map(([, w]) => w),
    );
  const area = persona ? areaByZip(metro, persona.zip, persona.neighborhood) : rng.pick(metro.areas);
  const owner = persona?.owner ?? personName(rng, p.ownerNames);
  const business =
    persona?.business ??
    businessName(
      rng,
      {
        kind,
        ownerFirst: owner.first,
        ownerLast: owner.last,
        neighborhood: area.neighborhood,
        city: metro.city,
      },
      p.businessNames,
    );
  const providerId = rng.uuid();

  const menu = buildMenu(rng, {
    category,
    kind,
    priceFactor: metro.priceFactor * (0.8 + rng.next() * 0.5),
    require: persona?.require,
  });
  const services: ServiceRow[] = [];
  const bookable: BookableService[] = [];
  for (const item of menu) {
    const id = rng.uuid();
    // Spelled out rather than spread: an object spread here was a third of the generation time.
    services.push({
      id,
      providerId,
      name: item.name,
      description: item.description,
      priceCents: item.priceCents,
      durationMin: item.durationMin,
      createdAt,
    });
    bookable.push({
      id,
      name: item.name,
      priceCents: item.priceCents,
      durationMin: item.durationMin,
      popularity: item.popularity,
    });
  }

  const bio = bioContext(rng, {
    category,
    kind,
    business,
    owner,
    area,
    metro,
    currentYear: p.currentYear,
    menu,
  });
  const policies = pickPolicies(rng, kind);
  const provider: ProviderRow = {
    id: providerId,
    userId: p.userId,
    name: business,
    category,
    bio: composeBio(rng, bio, policies),
    zip: area.zip,
    // Businesses sit around the zip's centre, not on it, so distances to them differ.
    lat: round6(area.lat + (rng.next() - 0.5) * 0.01),
    lng: round6(area.lng + (rng.next() - 0.5) * 0.014),
    serviceRadiusKm: serviceRadius(rng, category, metro),
    timezone: metro.timezone,
    profile: composeProfile(bio, policies),
    createdAt,
    metro: metro.key,
  };
  const user: UserRow = {
    id: p.userId,
    role: "provider",
    name: owner.full,
    zip: area.zip,
    timezone: metro.timezone,
    createdAt,
  };

  const hours = persona?.userId === DEMO_BARBER_ID ? DEMO_BARBER_HOURS : pickHours(rng, category, kind);
  const weeklyHours = hours.map((b) => ({
    providerId,
    weekday: b.weekday,
    startTime: hhmm(b.start),
    endTime: hhmm(b.end),
  }));
  return { provider, user, services, weeklyHours, bookable, hours, owner, area };
}

function bioContext(
  rng: Rng,
  p: {
    category: Category;
    kind: Kind;
    business: string;
    owner: PersonName;
    area: Area;
    metro: Metro;
    currentYear: number;
    menu: readonly MenuItem[];
  },
): BioContext {
  const offered = [...new Set(p.menu.map((s) => s.specialty))];
  const languages = ["English"];
  for (const [language, weight] of p.metro.languages) {
    if (languages.length < 3 && rng.chance(weight)) languages.push(language);
  }
  let other = rng.pick(p.metro.areas).neighborhood;
  if (other === p.area.neighborhood) other = rng.pick(p.metro.areas).neighborhood;
  return {
    category: p.category,
    kind: p.kind,
    business: p.business,
    owner: p.owner.full,
    ownerFirst: p.owner.first,
    neighborhood: p.area.neighborhood,
    otherNeighborhood: other,
    city: p.metro.city,
    // Most local businesses are young; a few have been around for decades.
    yearsInBusiness: 1 + Math.floor(rng.next() ** 1.6 * 30),
    currentYear: p.currentYear,
    specialties: rng.sample(offered, rng.int(2, 4)),
    languages,
  };
}

function serviceRadius(rng: Rng, category: Category, metro: Metro): number {
  const [lo, hi] = RADIUS_KM[category];
  // New York is dense: a plumber there covers a few neighbourhoods, not the whole city.
  const scale = metro.key === "nyc" ? 0.6 : 1;
  return Math.max(3, Math.round(rng.int(lo, hi) * scale));
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
