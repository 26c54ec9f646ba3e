import type { Kind } from "./catalog.js";
import type { Rng } from "./prng.js";

/** Word lists are written as one comma-separated string, to keep them readable at a glance. */
function list(s: string): readonly string[] {
  return s.split(",").map((w) => w.trim());
}

export const FIRST_NAMES: readonly string[] = list(
  "Marcus, Darnell, Luis, Carlos, Miguel, Andre, Jamal, Tyrone, Kevin, Brian, Daniel, David, Jose, Juan, Alejandro, Tomasz, Piotr, Dmitri, Yusuf, Omar, Hassan, Kwame, Malik, Trevor, Ethan, Noah, Liam, Mason, Caleb, Isaiah, Minh, Tuan, Wei, Jun, Hiroshi, Sung-min, Raj, Arjun, Samir, Ivan, Maria, Sofia, Gabriela, Lucia, Carmen, Rosa, Keisha, Tasha, Aaliyah, Imani, Jasmine, Ebony, Latoya, Emily, Sarah, Jessica, Megan, Rachel, Hannah, Olivia, Emma, Ava, Chloe, Grace, Linh, Mai, Mei, Yuki, Ji-woo, Priya, Ananya, Fatima, Amira, Leila, Agnieszka, Katarzyna, Olga, Natalia, Beatriz, Ines, Chantal, Nadia, Tamika, Brianna, Destiny, Renee, Monique, Diana, Abebe, Selam",
);

export const LAST_NAMES: readonly string[] = list(
  "Reed, Johnson, Williams, Brown, Jones, Garcia, Martinez, Rodriguez, Hernandez, Lopez, Gonzalez, Perez, Sanchez, Ramirez, Torres, Rivera, Flores, Nguyen, Tran, Pham, Le, Chen, Wang, Li, Zhang, Liu, Kim, Park, Lee, Choi, Patel, Shah, Singh, Kumar, Khan, Ali, Haddad, Nowak, Kowalski, Wisniewski, Kozlov, Ivanov, Petrov, Cohen, Levy, Friedman, O'Brien, Murphy, Sullivan, Kelly, Walsh, Anderson, Thompson, Jackson, White, Harris, Clark, Lewis, Robinson, Walker, Young, Allen, King, Wright, Scott, Green, Baker, Adams, Nelson, Hill, Campbell, Mitchell, Carter, Roberts, Phillips, Evans, Turner, Parker, Collins, Edwards, Stewart, Morris, Okafor, Mensah, Diallo, Tesfaye, Bekele, Jean-Baptiste, Pierre, Dubois, Santos, Oliveira, Costa, Silva, Morales, Castillo, Ortiz, Gutierrez, Chavez, Ramos",
);

// Word pools for business names. A name is a template with slots filled from these.
const WORDS = {
  barberAdj: list("Fresh, Sharp, Clean, Classic, Prime, Royal, Golden, Crisp, Bold, True, Smooth, Legacy"),
  barberNoun: list("Fades, Cuts, Blades, Edges, Lines, Clippers, Crowns, Kings, Gents, Razors"),
  barberPlace: list("Barbershop, Barber Co., Barbers, Barber Lounge, Grooming Parlor, Barber Shop"),
  salonWord: list(
    "Mane, Luxe, Bloom, Velvet, Muse, Halo, Glow, Tress, Willow, Aura, Ivy, Sage, Crown, Honey, Coral",
  ),
  salonPlace: list("Hair Studio, Salon, Hair Lounge, Hair Co., Beauty Bar, Hair Collective, Studio"),
  cleanPair: [
    ["Sparkle", "Shine"],
    ["Spick", "Span"],
    ["Mop", "Bucket"],
    ["Scrub", "Shine"],
    ["Polish", "Pine"],
    ["Broom", "Bloom"],
    ["Dust", "Gleam"],
    ["Fresh", "Clean"],
    ["Suds", "Sparkle"],
    ["Tidy", "Bright"],
  ],
  cleanAdj: list(
    "Spotless, Pristine, Bright, Fresh Start, Green Leaf, Crystal, Happy Home, Gleaming, Sunny, Tidy Nest, Clean Slate, Blue Sky, Lemon Fresh, Dustless",
  ),
  cleanPlace: list(
    "Cleaning, Cleaning Co., Maids, Home Cleaning, Cleaning Services, Housekeeping, Maid Service",
  ),
  commercialPlace: list(
    "Commercial Cleaning, Janitorial, Office Cleaning, Facility Services, Cleaning Group",
  ),
  plumbAdj: list(
    "Rapid, Reliable, Precision, Blue Wrench, Flow Right, Pipeline, True Flow, Allied, Clearwater, Ironclad, Copper Line, Straight Pipe, Honest, Anchor, Summit, Liberty",
  ),
  plumbPlace: list(
    "Plumbing, Plumbing Co., Plumbing & Drain, Plumbing Services, Pipe Pros, Plumbing & Heating",
  ),
  drainName: list(
    "Rapid Rooter, Drain Doctor, Clear Drain, Rooter Pros, Drain Masters, Sewer Scouts, Flush Right, Jet Stream",
  ),
  emergencyName: list("24/7, Round-the-Clock, Night Owl, First Call, Rescue, On-Call, Red Truck, Beacon"),
};

export interface NameContext {
  kind: Kind;
  ownerFirst: string;
  ownerLast: string;
  neighborhood: string;
  city: string;
}

type Template = (rng: Rng, c: NameContext) => string;

const TEMPLATES: Record<Kind, readonly Template[]> = {
  barbershop: [
    (r) => `${r.pick(WORDS.barberAdj)} ${r.pick(WORDS.barberNoun)} ${r.pick(WORDS.barberPlace)}`,
    (r, c) => `${c.ownerFirst}'s ${r.pick(WORDS.barberPlace)}`,
    (r, c) => `${c.neighborhood} ${r.pick(WORDS.barberPlace)}`,
    (r) => `The ${r.pick(WORDS.barberAdj)} ${r.pick(["Chair", "Blade", "Edge", "Part", "Straight Razor"])}`,
    (r) => `${r.pick(WORDS.barberNoun)} & ${r.pick(["Co.", "Company", "Culture", "Crowns", "Coffee"])}`,
    (r, c) => `${c.ownerLast} Brothers ${r.pick(WORDS.barberPlace)}`,
  ],
  salon: [
    (r) => `${r.pick(WORDS.salonWord)} ${r.pick(WORDS.salonPlace)}`,
    (_r, c) => `Salon ${c.ownerFirst}`,
    (r, c) => `${c.neighborhood} ${r.pick(WORDS.salonPlace)}`,
    (r) => `${r.pick(WORDS.salonWord)} & ${r.pick(WORDS.salonWord)}`,
    (r, c) => `${r.pick(["Braids", "Curls", "Color", "Cuts"])} by ${c.ownerFirst}`,
    (r) => `The ${r.pick(WORDS.salonWord)} Room`,
  ],
  home: [
    (r) => {
      const [a, b] = r.pick(WORDS.cleanPair);
      return `${a} & ${b} ${r.pick(WORDS.cleanPlace)}`;
    },
    (r) => `${r.pick(WORDS.cleanAdj)} ${r.pick(WORDS.cleanPlace)}`,
    (r, c) => `${c.ownerFirst}'s ${r.pick(WORDS.cleanPlace)}`,
    (r, c) => `${c.neighborhood} ${r.pick(WORDS.cleanPlace)}`,
    (r, c) => `${r.pick(WORDS.cleanAdj)} ${c.city} ${r.pick(WORDS.cleanPlace)}`,
  ],
  commercial: [
    (r) => `${r.pick(WORDS.cleanAdj)} ${r.pick(WORDS.commercialPlace)}`,
    (r, c) => `${c.ownerLast} ${r.pick(WORDS.commercialPlace)}`,
    (r, c) => `${c.city} ${r.pick(WORDS.cleanAdj)} ${r.pick(WORDS.commercialPlace)}`,
    (r) => {
      const [a, b] = r.pick(WORDS.cleanPair);
      return `${a} & ${b} ${r.pick(WORDS.commercialPlace)}`;
    },
  ],
  general: [
    (r) => `${r.pick(WORDS.plumbAdj)} ${r.pick(WORDS.plumbPlace)}`,
    (r, c) => `${c.ownerLast} & Sons ${r.pick(WORDS.plumbPlace)}`,
    (r, c) => `${c.ownerLast} ${r.pick(WORDS.plumbPlace)}`,
    (r, c) => `${c.neighborhood} ${r.pick(WORDS.plumbPlace)}`,
    (r, c) => `${c.city} ${r.pick(WORDS.plumbAdj)} ${r.pick(WORDS.plumbPlace)}`,
  ],
  drain: [
    (r) => `${r.pick(WORDS.drainName)} ${r.pick(["Plumbing", "Plumbing Co.", "LLC", "Inc."])}`,
    (_r, c) => `${c.ownerLast} Drain & Sewer`,
    (r, c) => `${c.city} ${r.pick(WORDS.drainName)}`,
  ],
  emergency: [
    (r) => `${r.pick(WORDS.emergencyName)} ${r.pick(WORDS.plumbPlace)}`,
    (r, c) =>
      `${c.ownerLast} ${r.pick(["Emergency Plumbing", "24-Hour Plumbing", "Rapid Response Plumbing"])}`,
    (r, c) => `${r.pick(WORDS.emergencyName)} ${c.city} Plumbers`,
  ],
};

/**
 * A business name not yet in `taken`. After a few tries it adds the neighbourhood, as chains do;
 * past that (only at benchmark sizes) a duplicate is accepted, since real directories have them too.
 */
export function businessName(rng: Rng, c: NameContext, taken: Set<string>): string {
  const templates = TEMPLATES[c.kind];
  let name = "";
  for (let i = 0; i < 6; i++) {
    name = rng.pick(templates)(rng, c);
    if (!taken.has(name)) break;
  }
  if (taken.has(name)) name = `${name} - ${c.neighborhood}`;
  taken.add(name);
  return name;
}

export interface PersonName {
  first: string;
  last: string;
  full: string;
}

export function personName(rng: Rng, taken?: Set<string>): PersonName {
  let first = "";
  let last = "";
  for (let i = 0; i < 4; i++) {
    first = rng.pick(FIRST_NAMES);
    last = rng.pick(LAST_NAMES);
    if (!taken?.has(`${first} ${last}`)) break;
  }
  const full = `${first} ${last}`;
  taken?.add(full);
  return { first, last, full };
}
