import { locateZip } from "../geo.js";

export type MetroKey = "austin" | "seattle" | "chicago" | "nyc";

export interface Area {
  zip: string;
  neighborhood: string;
  lat: number;
  lng: number;
}

export interface Metro {
  key: MetroKey;
  /** How people name the place in a sentence: "across Austin". */
  city: string;
  state: string;
  timezone: string;
  /** Local prices relative to Chicago's. */
  priceFactor: number;
  /** Languages other than English that local businesses commonly offer, with weights. */
  languages: readonly (readonly [string, number])[];
  areas: readonly Area[];
}

type AreaSpec = readonly [zip: string, neighborhood: string];

// Residential zips only (no PO-box or single-building zips), each with the name locals use.
const SPECS: readonly {
  key: MetroKey;
  city: string;
  state: string;
  timezone: string;
  priceFactor: number;
  languages: readonly (readonly [string, number])[];
  areas: readonly AreaSpec[];
}[] = [
  {
    key: "austin",
    city: "Austin",
    state: "TX",
    timezone: "America/Chicago",
    priceFactor: 0.95,
    languages: [
      ["Spanish", 0.4],
      ["Vietnamese", 0.05],
      ["Hindi", 0.04],
      ["Mandarin", 0.03],
    ],
    areas: [
      ["78704", "South Congress"],
      ["78704", "Bouldin Creek"],
      ["78704", "Zilker"],
      ["78701", "Downtown"],
      ["78702", "East Austin"],
      ["78703", "Tarrytown"],
      ["78705", "West Campus"],
      ["78751", "Hyde Park"],
      ["78756", "Brentwood"],
      ["78757", "Allandale"],
      ["78745", "South Manchaca"],
      ["78748", "Slaughter Lane"],
      ["78749", "Circle C"],
      ["78723", "Windsor Park"],
      ["78722", "Cherrywood"],
      ["78741", "Riverside"],
      ["78731", "Northwest Hills"],
      ["78759", "Great Hills"],
      ["78758", "North Burnet"],
      ["78727", "Scofield"],
      ["78744", "Dove Springs"],
      ["78752", "St. Johns"],
      ["78746", "Westlake"],
      ["78721", "MLK"],
    ],
  },
  {
    key: "seattle",
    city: "Seattle",
    state: "WA",
    timezone: "America/Los_Angeles",
    priceFactor: 1.12,
    languages: [
      ["Spanish", 0.12],
      ["Vietnamese", 0.08],
      ["Mandarin", 0.07],
      ["Cantonese", 0.05],
      ["Korean", 0.06],
      ["Tagalog", 0.05],
      ["Amharic", 0.05],
      ["Somali", 0.03],
    ],
    areas: [
      ["98101", "Downtown"],
      ["98103", "Fremont"],
      ["98103", "Wallingford"],
      ["98103", "Green Lake"],
      ["98122", "Capitol Hill"],
      ["98122", "Central District"],
      ["98102", "Eastlake"],
      ["98105", "University District"],
      ["98107", "Ballard"],
      ["98109", "South Lake Union"],
      ["98112", "Madison Park"],
      ["98115", "Ravenna"],
      ["98116", "West Seattle"],
      ["98117", "Crown Hill"],
      ["98118", "Columbia City"],
      ["98119", "Queen Anne"],
      ["98121", "Belltown"],
      ["98125", "Lake City"],
      ["98126", "Delridge"],
      ["98133", "Bitter Lake"],
      ["98144", "Beacon Hill"],
      ["98199", "Magnolia"],
      ["98108", "Georgetown"],
    ],
  },
  {
    key: "chicago",
    city: "Chicago",
    state: "IL",
    timezone: "America/Chicago",
    priceFactor: 1,
    languages: [
      ["Spanish", 0.3],
      ["Polish", 0.1],
      ["Ukrainian", 0.03],
      ["Arabic", 0.03],
      ["Mandarin", 0.04],
      ["Tagalog", 0.03],
    ],
    areas: [
      ["60601", "The Loop"],
      ["60605", "South Loop"],
      ["60607", "West Loop"],
      ["60608", "Pilsen"],
      ["60609", "Bridgeport"],
      ["60610", "Old Town"],
      ["60611", "Streeterville"],
      ["60613", "Lakeview"],
      ["60614", "Lincoln Park"],
      ["60615", "Kenwood"],
      ["60616", "Chinatown"],
      ["60618", "Avondale"],
      ["60622", "Wicker Park"],
      ["60625", "Lincoln Square"],
      ["60626", "Rogers Park"],
      ["60630", "Jefferson Park"],
      ["60637", "Hyde Park"],
      ["60640", "Uptown"],
      ["60641", "Portage Park"],
      ["60647", "Logan Square"],
      ["60657", "Lakeview East"],
      ["60660", "Edgewater"],
    ],
  },
  {
    key: "nyc",
    city: "New York",
    state: "NY",
    timezone: "America/New_York",
    priceFactor: 1.22,
    languages: [
      ["Spanish", 0.3],
      ["Russian", 0.07],
      ["Yiddish", 0.04],
      ["Haitian Creole", 0.05],
      ["Mandarin", 0.06],
      ["Cantonese", 0.04],
      ["Polish", 0.03],
      ["Arabic", 0.03],
      ["Bengali", 0.03],
    ],
    // Brooklyn first and most: the demo's New York is mostly Brooklyn, with some Manhattan.
    areas: [
      ["11201", "Brooklyn Heights"],
      ["11201", "DUMBO"],
      ["11205", "Fort Greene"],
      ["11206", "East Williamsburg"],
      ["11211", "Williamsburg"],
      ["11215", "Park Slope"],
      ["11216", "Bed-Stuy"],
      ["11217", "Boerum Hill"],
      ["11218", "Kensington"],
      ["11220", "Sunset Park"],
      ["11222", "Greenpoint"],
      ["11225", "Crown Heights"],
      ["11226", "Flatbush"],
      ["11231", "Carroll Gardens"],
      ["11237", "Bushwick"],
      ["11238", "Prospect Heights"],
      ["11209", "Bay Ridge"],
      ["11230", "Midwood"],
      ["10002", "Lower East Side"],
      ["10003", "East Village"],
      ["10011", "Chelsea"],
      ["10014", "West Village"],
      ["10024", "Upper West Side"],
      ["10026", "Harlem"],
      ["10028", "Upper East Side"],
    ],
  },
];

let metros: readonly Metro[] | undefined;

/** The four demo metros, with coordinates from the zipcodes database (looked up once). */
export function getMetros(): readonly Metro[] {
  metros ??= SPECS.map((spec) => ({
    ...spec,
    areas: spec.areas.map(([zip, neighborhood]) => {
      const z = locateZip(zip);
      if (!z) throw new Error(`zip ${zip} (${neighborhood}) is not in the zipcodes database`);
      return { zip, neighborhood, lat: z.lat, lng: z.lng };
    }),
  }));
  return metros;
}

export function metroByKey(key: MetroKey): Metro {
  const m = getMetros().find((x) => x.key === key);
  if (!m) throw new Error(`unknown metro ${key}`);
  return m;
}

export function areaByZip(metro: Metro, zip: string, neighborhood?: string): Area {
  const a = metro.areas.find((x) => x.zip === zip && (!neighborhood || x.neighborhood === neighborhood));
  if (!a) throw new Error(`no area ${zip} ${neighborhood ?? ""} in ${metro.city}`);
  return a;
}
