import type { Category } from "../../core/categories.js";

// The services each kind of business offers, with Chicago mid-market prices. Menus are drawn
// from these per provider in menu.ts.

/** The kind of business within a category: it decides the menu, the name and the hours. */
export type Kind = "barbershop" | "salon" | "home" | "commercial" | "general" | "drain" | "emergency";

export const KINDS: Record<Category, readonly (readonly [Kind, number])[]> = {
  haircut: [
    ["barbershop", 0.6],
    ["salon", 0.4],
  ],
  cleaning: [
    ["home", 0.75],
    ["commercial", 0.25],
  ],
  plumbing: [
    ["general", 0.6],
    ["drain", 0.2],
    ["emergency", 0.2],
  ],
};

export interface ServiceTemplate {
  name: string;
  /** How the business would describe this in its specialties. */
  specialty: string;
  descriptions: readonly string[];
  /** Dollars, in Chicago, for a mid-priced business. */
  price: readonly [number, number];
  durations: readonly number[];
  /** The chance that a business of each kind offers it; kinds not listed never do. */
  offer: Partial<Record<Kind, number>>;
  /** How often it is booked relative to the business's other services. */
  popularity: number;
  /** Priced by home size: a business that prices by size lists one service per size. */
  bySize?: boolean;
}

const HAIRCUT: readonly ServiceTemplate[] = [
  {
    name: "Haircut",
    specialty: "classic cuts",
    descriptions: [
      "Consultation, clipper and scissor cut, finished with a neck shave and styling.",
      "A precision cut tailored to your hair type, with a wash and style.",
      "Wash, cut and style. Tell us what you want or bring a photo.",
    ],
    price: [28, 45],
    durations: [30, 45],
    offer: { barbershop: 1 },
    popularity: 10,
  },
  {
    name: "Haircut",
    specialty: "precision cuts",
    descriptions: [
      "Consultation, shampoo, cut and blow-dry, for any length.",
      "Wash, cut and finish; includes a scalp massage at the basin.",
    ],
    price: [55, 90],
    durations: [45, 60],
    offer: { salon: 1 },
    popularity: 10,
  },
  {
    name: "Skin Fade",
    specialty: "skin fades",
    descriptions: [
      "Faded down to the skin and blended by hand, finished with a razor line-up.",
      "Bald fade with a seamless blend, sharp edges and a hot towel finish.",
    ],
    price: [32, 48],
    durations: [45],
    offer: { barbershop: 0.85 },
    popularity: 8,
  },
  {
    name: "Taper Fade",
    specialty: "taper fades",
    descriptions: [
      "A clean taper at the neckline and temples that grows out well.",
      "Low or mid taper with scissor work on top.",
    ],
    price: [30, 45],
    durations: [45],
    offer: { barbershop: 0.7 },
    popularity: 6,
  },
  {
    name: "Beard Trim",
    specialty: "beard sculpting",
    descriptions: [
      "Beard shape-up with clippers and a straight razor, hot towel and beard oil.",
      "Trim, line and condition, for any length of beard.",
    ],
    price: [15, 25],
    durations: [15, 30],
    offer: { barbershop: 0.9 },
    popularity: 5,
  },
  {
    name: "Hot Towel Shave",
    specialty: "hot towel shaves",
    descriptions: [
      "Traditional straight-razor shave with hot towels, pre-shave oil and a cold finish.",
      "A slow, close shave with two hot towels and a soothing aftershave balm.",
    ],
    price: [30, 45],
    durations: [30, 45],
    offer: { barbershop: 0.5 },
    popularity: 2,
  },
  {
    name: "Kids Cut",
    specialty: "kids cuts",
    descriptions: [
      "For kids 12 and under. Patient barbers, and a lollipop for the brave.",
      "A quick, friendly cut for children under 12.",
    ],
    price: [18, 28],
    durations: [30],
    offer: { barbershop: 0.7, salon: 0.4 },
    popularity: 4,
  },
  {
    name: "Buzz Cut",
    specialty: "buzz cuts",
    descriptions: ["One guard all over, lined up and cleaned at the neck.", "Clippers all over, any guard."],
    price: [18, 26],
    durations: [15, 30],
    offer: { barbershop: 0.6 },
    popularity: 3,
  },
  {
    name: "Haircut & Beard",
    specialty: "cut and beard combos",
    descriptions: ["Our full service: a haircut plus a beard trim and hot towel."],
    price: [42, 62],
    durations: [60],
    offer: { barbershop: 0.55 },
    popularity: 4,
  },
  {
    name: "Line-Up",
    specialty: "line-ups",
    descriptions: ["Edge-up of the hairline, temples and neck between cuts."],
    price: [12, 18],
    durations: [15],
    offer: { barbershop: 0.4 },
    popularity: 2,
  },
  {
    name: "Colour",
    specialty: "colour",
    descriptions: [
      "Single-process color from root to ends, with a gloss to finish.",
      "All-over colour or root touch-up; includes a consultation and a blow-dry.",
    ],
    price: [85, 160],
    durations: [90, 120],
    offer: { salon: 0.85, barbershop: 0.1 },
    popularity: 4,
  },
  {
    name: "Highlights",
    specialty: "highlights",
    descriptions: [
      "Partial or full foil highlights, toned and finished with a blow-dry.",
      "Hand-painted or foil highlights for natural-looking dimension.",
    ],
    price: [130, 230],
    durations: [120, 150, 180],
    offer: { salon: 0.75 },
    popularity: 3,
  },
  {
    name: "Balayage",
    specialty: "balayage",
    descriptions: ["Free-hand painted colour for a soft, sun-kissed grow-out."],
    price: [180, 320],
    durations: [180, 210],
    offer: { salon: 0.4 },
    popularity: 2,
  },
  {
    name: "Blowout",
    specialty: "blowouts",
    descriptions: [
      "Shampoo, condition and a smooth, long-lasting blow-dry.",
      "Wash and blowout: straight, bouncy or beachy waves.",
    ],
    price: [40, 65],
    durations: [45, 60],
    offer: { salon: 0.8 },
    popularity: 4,
  },
  {
    name: "Braids",
    specialty: "box and knotless braids",
    descriptions: [
      "Box or knotless braids, mid-back length; hair included.",
      "Protective braided styles. Come with hair washed and detangled.",
    ],
    price: [140, 260],
    durations: [180, 240, 300],
    offer: { salon: 0.45 },
    popularity: 2,
  },
  {
    name: "Silk Press",
    specialty: "silk presses",
    descriptions: ["Wash, deep condition and a silk press for natural hair."],
    price: [70, 100],
    durations: [90, 120],
    offer: { salon: 0.3 },
    popularity: 2,
  },
  {
    name: "Deep Conditioning Treatment",
    specialty: "curly hair care",
    descriptions: ["A moisture or protein treatment under the steamer, for dry or curly hair."],
    price: [30, 45],
    durations: [30],
    offer: { salon: 0.35 },
    popularity: 1,
  },
];

const CLEANING: readonly ServiceTemplate[] = [
  {
    name: "Regular Clean",
    specialty: "recurring home cleaning",
    descriptions: [
      "Kitchen, bathrooms, dusting, vacuuming and mopping throughout. Supplies included.",
      "A thorough maintenance clean of every room; we bring our own supplies and equipment.",
    ],
    price: [110, 150],
    durations: [120, 150],
    offer: { home: 1, commercial: 0.4 },
    popularity: 10,
    bySize: true,
  },
  {
    name: "Deep Clean",
    specialty: "deep cleaning",
    descriptions: [
      "Top-to-bottom clean including baseboards, inside the microwave, grout scrubbing and door frames.",
      "Everything in a regular clean plus the corners that get missed: baseboards, vents, blinds and grout.",
    ],
    price: [190, 260],
    durations: [180, 210, 240],
    offer: { home: 0.95, commercial: 0.5 },
    popularity: 5,
    bySize: true,
  },
  {
    name: "Move-Out Clean",
    specialty: "move-out cleaning",
    descriptions: [
      "Empty-home clean to get your deposit back: inside cabinets, oven, fridge and closets.",
      "Landlord-ready clean of an empty home, inside every cabinet and appliance.",
    ],
    price: [220, 320],
    durations: [210, 240, 270],
    offer: { home: 0.7, commercial: 0.5 },
    popularity: 3,
    bySize: true,
  },
  {
    name: "Move-In Clean",
    specialty: "move-in cleaning",
    descriptions: [
      "Fresh start for a new home: sanitised kitchen and bathrooms, wiped cabinets, clean floors.",
    ],
    price: [200, 290],
    durations: [180, 210, 240],
    offer: { home: 0.5, commercial: 0.3 },
    popularity: 2,
  },
  {
    name: "Office Clean",
    specialty: "office cleaning",
    descriptions: [
      "Offices up to 2,000 sq ft: desks, kitchenette, restrooms, trash and floors. Before or after hours.",
      "Small office or studio clean, scheduled around your working hours.",
    ],
    price: [160, 260],
    durations: [120, 150, 180],
    offer: { commercial: 1, home: 0.15 },
    popularity: 6,
  },
  {
    name: "Carpet Cleaning",
    specialty: "carpet shampooing",
    descriptions: [
      "Hot-water extraction for up to 3 rooms, with stain pre-treatment.",
      "Steam cleaning of carpets and rugs, up to 3 rooms; pet-odour treatment available.",
    ],
    price: [120, 190],
    durations: [90, 120],
    offer: { home: 0.4, commercial: 0.6 },
    popularity: 2,
  },
  {
    name: "Window Cleaning",
    specialty: "window washing",
    descriptions: [
      "Interior and exterior windows, screens and sills, up to two storeys.",
      "Streak-free windows inside and out, tracks and sills included.",
    ],
    price: [150, 260],
    durations: [120, 150, 180],
    offer: { home: 0.45, commercial: 0.6 },
    popularity: 2,
  },
  {
    name: "Post-Construction Clean",
    specialty: "post-construction cleanup",
    descriptions: ["Dust, debris and paint-spatter removal after a renovation, ready to move back in."],
    price: [300, 450],
    durations: [300, 360],
    offer: { commercial: 0.5, home: 0.1 },
    popularity: 1,
  },
];

const PLUMBING: readonly ServiceTemplate[] = [
  {
    name: "Leak Repair",
    specialty: "leak detection and repair",
    descriptions: [
      "Find and fix leaks under sinks, behind toilets or in exposed supply lines. Parts extra.",
      "Diagnosis and repair of a dripping or burst pipe, valve or connection.",
    ],
    price: [150, 280],
    durations: [60, 90],
    offer: { general: 1, drain: 0.8, emergency: 1 },
    popularity: 8,
  },
  {
    name: "Drain Unclog",
    specialty: "drain cleaning",
    descriptions: [
      "Clearing of a blocked sink, tub, shower or floor drain with a cable machine.",
      "Slow or blocked drain cleared by snaking; camera check if it keeps coming back.",
    ],
    price: [120, 220],
    durations: [60, 90],
    offer: { general: 0.95, drain: 1, emergency: 1 },
    popularity: 9,
  },
  {
    name: "Water Heater Repair",
    specialty: "water heater repair",
    descriptions: [
      "No hot water? Diagnosis and repair of gas and electric tank heaters: thermostats, elements, valves.",
      "Repair of pilot, thermocouple, element or relief-valve problems on tank water heaters.",
    ],
    price: [180, 340],
    durations: [90, 120],
    offer: { general: 0.7, emergency: 0.9 },
    popularity: 4,
  },
  {
    name: "Water Heater Install",
    specialty: "water heater installation",
    descriptions: [
      "Supply and install a 40 or 50 gallon tank water heater, haul-away of the old one included.",
      "Replacement of a tank water heater with permit, new connections and disposal of the old unit.",
    ],
    price: [1200, 2100],
    durations: [240, 300],
    offer: { general: 0.55, emergency: 0.6 },
    popularity: 1,
  },
  {
    name: "Tankless Water Heater Install",
    specialty: "tankless water heaters",
    descriptions: ["Supply and install a gas tankless water heater, including venting and gas line work."],
    price: [2800, 4200],
    durations: [360],
    offer: { general: 0.2 },
    popularity: 1,
  },
  {
    name: "Toilet Repair",
    specialty: "toilet repair",
    descriptions: [
      "Running, leaking or weak-flushing toilet fixed: flapper, fill valve, wax ring.",
      "Repair or rebuild of a toilet's tank parts, or a reseat on a new wax ring.",
    ],
    price: [120, 220],
    durations: [60],
    offer: { general: 0.85, drain: 0.6, emergency: 0.8 },
    popularity: 5,
  },
  {
    name: "Fixture Install",
    specialty: "faucet and fixture installation",
    descriptions: [
      "Install a faucet, sink, shower valve or toilet you supply; old fixture removed.",
      "Swap a kitchen or bath faucet, shower head or vanity sink. Bring the fixture or we can source it.",
    ],
    price: [150, 280],
    durations: [60, 90, 120],
    offer: { general: 0.75, emergency: 0.3 },
    popularity: 4,
  },
  {
    name: "Garbage Disposal",
    specialty: "garbage disposal repair and replacement",
    descriptions: [
      "Unjam, repair or replace a kitchen garbage disposal (unit extra).",
      "Disposal not spinning or leaking? Repair or a new 1/2 or 3/4 HP unit installed.",
    ],
    price: [160, 340],
    durations: [60, 90],
    offer: { general: 0.6, drain: 0.5, emergency: 0.4 },
    popularity: 3,
  },
  {
    name: "Sewer Line Inspection",
    specialty: "sewer camera inspections",
    descriptions: [
      "Camera inspection of the main sewer line with video and a written report; great before buying a home.",
      "Video scope of the sewer lateral to find roots, breaks or bellies, with a recording for you.",
    ],
    price: [200, 380],
    durations: [90, 120],
    offer: { general: 0.35, drain: 1, emergency: 0.3 },
    popularity: 2,
  },
  {
    name: "Hydro Jetting",
    specialty: "hydro jetting",
    descriptions: [
      "High-pressure water jetting to clear grease, scale and roots from drain and sewer lines.",
    ],
    price: [380, 650],
    durations: [120, 180],
    offer: { drain: 0.8, general: 0.1 },
    popularity: 2,
  },
  {
    name: "Sump Pump Repair",
    specialty: "sump pumps",
    descriptions: [
      "Testing, repair or replacement of a sump pump and check valve, with a battery backup option.",
    ],
    price: [200, 420],
    durations: [90, 120],
    offer: { general: 0.25, drain: 0.3 },
    popularity: 1,
  },
  {
    name: "Emergency Call-Out",
    specialty: "emergency repairs",
    descriptions: [
      "Same-day response for burst pipes, flooding or no water, including the first hour of labour.",
      "Fast call-out for urgent leaks and backups; the fee covers travel and the first hour on site.",
    ],
    price: [180, 300],
    durations: [60, 90],
    offer: { emergency: 1, general: 0.35, drain: 0.3 },
    popularity: 3,
  },
];

export const CATALOG: Record<Category, readonly ServiceTemplate[]> = {
  haircut: HAIRCUT,
  cleaning: CLEANING,
  plumbing: PLUMBING,
};
