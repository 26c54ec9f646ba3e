import type { Category } from "../../core/categories.js";
import type { Role } from "../../core/principal.js";
import type { ProviderProfile } from "./bios.js";
import type { MetroKey } from "./metros.js";

// The rows the generator produces, one interface per table, in camelCase. Timestamps that the
// schema would default to now() are explicit, so the same seed and `now` give the same rows.

export interface UserRow {
  id: string;
  role: Role;
  name: string;
  zip: string | null;
  timezone: string;
  createdAt: Date;
}

export interface ProviderRow {
  id: string;
  userId: string;
  name: string;
  category: Category;
  bio: string;
  zip: string;
  lat: number;
  lng: number;
  serviceRadiusKm: number;
  timezone: string;
  profile: ProviderProfile;
  createdAt: Date;
  /** Not a column: which demo metro the provider belongs to, for tests and benchmarks. */
  metro: MetroKey;
}

export interface ServiceRow {
  id: string;
  providerId: string;
  name: string;
  description: string;
  priceCents: number;
  durationMin: number;
  createdAt: Date;
}

export interface WeeklyHoursRow {
  providerId: string;
  weekday: number;
  /** Local wall time, "HH:MM". */
  startTime: string;
  endTime: string;
}

export interface TimeOffRow {
  id: string;
  providerId: string;
  startsAt: Date;
  endsAt: Date;
  reason: string;
}

export type BookingStatus = "confirmed" | "cancelled" | "completed";

export interface BookingRow {
  id: string;
  consumerId: string;
  providerId: string;
  serviceId: string;
  serviceName: string;
  startsAt: Date;
  endsAt: Date;
  status: BookingStatus;
  priceCents: number;
  cancelledAt: Date | null;
  cancelledBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ReviewRow {
  id: string;
  bookingId: string;
  providerId: string;
  consumerId: string;
  rating: number;
  text: string;
  createdAt: Date;
}

/** A whole demo marketplace, in the order its tables are filled. */
export interface Marketplace {
  seed: number;
  now: Date;
  users: UserRow[];
  providers: ProviderRow[];
  services: ServiceRow[];
  weeklyHours: WeeklyHoursRow[];
  timeOff: TimeOffRow[];
  bookings: BookingRow[];
  reviews: ReviewRow[];
}
