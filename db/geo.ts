import zipcodes from "zipcodes";

export interface ZipLocation {
  zip: string;
  lat: number;
  lng: number;
  city: string;
  state: string;
}

/** The centre of a US zip code, from the `zipcodes` data set; undefined for an unknown zip. */
export function locateZip(zip: string): ZipLocation | undefined {
  if (!/^\d{5}$/.test(zip)) return undefined;
  const z = zipcodes.lookup(zip);
  if (!z || typeof z.latitude !== "number" || typeof z.longitude !== "number") return undefined;
  return { zip, lat: z.latitude, lng: z.longitude, city: z.city, state: z.state };
}

/** Largest service radius a provider may declare (the schema's check agrees). */
export const MAX_SERVICE_RADIUS_KM = 100;

/** A latitude/longitude box that contains every point within `km` of the centre. */
export function boundingBox(lat: number, lng: number, km: number) {
  const dLat = km / 111;
  const dLng = km / (111 * Math.max(Math.cos((lat * Math.PI) / 180), 0.01));
  return { minLat: lat - dLat, maxLat: lat + dLat, minLng: lng - dLng, maxLng: lng + dLng };
}
