import type { Category } from "../../core/categories.js";
import type { HoursBlock } from "./hours.js";
import type { Rng } from "./prng.js";
import { drawRating, reviewText } from "./reviews.js";
import type { BookingRow, ReviewRow, TimeOffRow } from "./rows.js";
import { DAY_MS, MINUTE_MS, weekdayOf, zonedToUtc } from "./time.js";

export const PAST_DAYS = 60;
export const AHEAD_DAYS = 14;

export interface BookableService {
  id: string;
  name: string;
  priceCents: number;
  durationMin: number;
  popularity: number;
}

/**
 * The consumers of one metro and the local days each already has a booking on. Shared by the
 * metro's providers, so that a demo consumer is never in two places at once.
 */
export interface ConsumerPool {
  ids: readonly string[];
  busyDays: Map<string, Set<number>>;
  /** How many of them are booked on each local day: a full day is skipped without drawing a slot. */
  dayLoad: Map<number, number>;
}

export function consumerPool(ids: readonly string[]): ConsumerPool {
  return { ids, busyDays: new Map(), dayLoad: new Map() };
}

export interface HistoryInput {
  rng: Rng;
  now: number;
  /** The local day `now` falls on in `timezone` (computed once per metro: Intl is slow). */
  today: number;
  providerId: string;
  category: Category;
  timezone: string;
  hours: readonly HoursBlock[];
  services: readonly BookableService[];
  consumers: ConsumerPool;
  /** The provider's expected rating. */
  quality: number;
  ownerFirst: string;
  neighborhood: string;
  /** Bookings reserved for one consumer: the demo consumer gets history with the demo providers. */
  prefer?: { consumerId: string; past: number; upcoming: number };
}

export interface History {
  timeOff: TimeOffRow[];
  bookings: BookingRow[];
  reviews: ReviewRow[];
}

const PAST_BOOKINGS: Record<Category, readonly [number, number]> = {
  haircut: [4, 10],
  cleaning: [2, 7],
  plumbing: [2, 6],
};

const REVIEW_RATE = 0.6;
const CANCEL_RATE = 0.06;

interface Slot {
  day: number;
  service: BookableService;
  startsAt: number;
  endsAt: number;
}

type Interval = readonly [number, number];

const overlaps = (list: readonly Interval[], a: number, b: number) => list.some(([s, e]) => a < e && s < b);

/** Floors to the minute, so that derived timestamps look like ones a person or a clock made. */
const minute = (ms: number) => new Date(Math.floor(ms / MINUTE_MS) * MINUTE_MS);

/**
 * A provider's last 60 days and next 14: completed (some cancelled) bookings with reviews on
 * about 60% of them, a few confirmed ones to come, and some future time off. Bookings are local
 * wall-clock slots inside the weekly hours, converted to instants in the provider's zone; they
 * never overlap each other (the schema's exclusion constraint) nor time off.
 */
export function generateHistory(h: HistoryInput): History {
  const { rng, now, today, timezone: tz } = h;
  const byWeekday = new Map<number, HoursBlock[]>();
  for (const b of h.hours) byWeekday.set(b.weekday, [...(byWeekday.get(b.weekday) ?? []), b]);

  const drawSlot = (day: number): Slot | undefined => {
    const blocks = byWeekday.get(weekdayOf(day));
    if (!blocks) return undefined;
    const block = rng.pick(blocks);
    const fits = h.services.filter((s) => s.durationMin <= block.end - block.start);
    if (!fits.length) return undefined;
    const service = rng.weighted(
      fits,
      fits.map((s) => s.popularity),
    );
    const start =
      block.start + 15 * rng.int(0, Math.floor((block.end - block.start - service.durationMin) / 15));
    return {
      day,
      service,
      startsAt: zonedToUtc(day, start, tz),
      endsAt: zonedToUtc(day, start + service.durationMin, tz),
    };
  };

  const timeOff = drawTimeOff(rng, h, today, byWeekday);
  const blocked: Interval[] = timeOff.map((t) => [t.startsAt.getTime(), t.endsAt.getTime()]);
  const taken: Interval[] = [];
  const bookings: BookingRow[] = [];
  const reviews: ReviewRow[] = [];

  /** A consumer free on that local day: `only` if given, else any, starting at a random one. */
  const consumerFor = (day: number, only?: string): string | undefined => {
    const { ids, busyDays, dayLoad } = h.consumers;
    const first = rng.int(0, ids.length - 1);
    const candidates = only ? [only] : ids.map((_, i) => ids[(first + i) % ids.length] as string);
    for (const id of candidates) {
      let days = busyDays.get(id);
      if (!days) {
        days = new Set();
        busyDays.set(id, days);
      }
      if (!days.has(day)) {
        days.add(day);
        dayLoad.set(day, (dayLoad.get(day) ?? 0) + 1);
        return id;
      }
    }
    return undefined;
  };

  const place = (slot: Slot, consumerId: string, past: boolean) => {
    taken.push([slot.startsAt, slot.endsAt]);
    const cancelled = past && rng.chance(CANCEL_RATE);
    const createdAt = past
      ? minute(slot.startsAt - rng.int(24 * 60, 14 * 24 * 60) * MINUTE_MS)
      : minute(now - rng.int(10, 7 * 24 * 60) * MINUTE_MS);
    const cancelledAt = cancelled
      ? minute(createdAt.getTime() + rng.next() * (slot.startsAt - createdAt.getTime()))
      : null;
    const status = cancelled ? "cancelled" : past ? "completed" : "confirmed";
    const booking: BookingRow = {
      id: rng.uuid(),
      consumerId,
      providerId: h.providerId,
      serviceId: slot.service.id,
      serviceName: slot.service.name,
      startsAt: new Date(slot.startsAt),
      endsAt: new Date(slot.endsAt),
      status,
      priceCents: slot.service.priceCents,
      cancelledAt,
      cancelledBy: cancelled ? consumerId : null,
      createdAt,
      updatedAt: cancelledAt ?? (past ? new Date(slot.endsAt) : createdAt),
    };
    bookings.push(booking);
    if (status !== "completed" || !rng.chance(REVIEW_RATE)) return;
    const reviewedAt = slot.endsAt + rng.int(30, 72 * 60) * MINUTE_MS;
    if (reviewedAt > now) return;
    const rating = drawRating(rng, h.quality);
    reviews.push({
      id: rng.uuid(),
      bookingId: booking.id,
      providerId: h.providerId,
      consumerId,
      rating,
      text: reviewText(rng, rating, {
        category: h.category,
        ownerFirst: h.ownerFirst,
        service: slot.service.name,
        neighborhood: h.neighborhood,
      }),
      createdAt: minute(reviewedAt),
    });
  };

  const fill = (target: number, past: boolean, only?: string) => {
    let placed = 0;
    for (let attempt = 0; attempt < target * 8 && placed < target; attempt++) {
      const day = past ? today - rng.int(0, PAST_DAYS) : today + rng.int(0, AHEAD_DAYS);
      // At benchmark sizes the few demo consumers are booked solid long before the last provider.
      if ((h.consumers.dayLoad.get(day) ?? 0) >= h.consumers.ids.length) continue;
      const slot = drawSlot(day);
      if (!slot) continue;
      const inWindow = past
        ? slot.startsAt >= now - PAST_DAYS * DAY_MS && slot.endsAt <= now
        : slot.startsAt >= now + 60 * MINUTE_MS && slot.startsAt < now + AHEAD_DAYS * DAY_MS;
      if (!inWindow || overlaps(taken, slot.startsAt, slot.endsAt)) continue;
      if (overlaps(blocked, slot.startsAt, slot.endsAt)) continue;
      const consumerId = consumerFor(day, only);
      if (!consumerId) continue;
      place(slot, consumerId, past);
      placed++;
    }
  };

  const [lo, hi] = PAST_BOOKINGS[h.category];
  const prefer = h.prefer;
  if (prefer) fill(prefer.past, true, prefer.consumerId);
  fill(rng.int(lo, hi), true);
  if (prefer) fill(prefer.upcoming, false, prefer.consumerId);
  fill(rng.chance(0.35) ? rng.int(1, 2) : 0, false);
  // Generated out of order; sorted so that ids and rows read chronologically per provider.
  bookings.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return { timeOff, bookings, reviews };
}

const AWAY = ["Vacation", "Family trip", "Annual holiday"];
const DAY_OFF = ["Training course", "Family event", "Trade show", "Moving day"];
const FEW_HOURS = ["Dentist appointment", "Van service", "Supplier visit", "Staff training", "School pickup"];

/** Future absences: a holiday or a day off for some, a few hours away for others. */
function drawTimeOff(
  rng: Rng,
  h: HistoryInput,
  today: number,
  byWeekday: Map<number, HoursBlock[]>,
): TimeOffRow[] {
  const tz = h.timezone;
  const out: TimeOffRow[] = [];
  const add = (startsAt: number, endsAt: number, reason: string) => {
    if (out.some((t) => startsAt < t.endsAt.getTime() && t.startsAt.getTime() < endsAt)) return;
    out.push({
      id: rng.uuid(),
      providerId: h.providerId,
      startsAt: new Date(startsAt),
      endsAt: new Date(endsAt),
      reason,
    });
  };
  if (rng.chance(0.3)) {
    const away = rng.chance(0.5);
    const first = away ? today + rng.int(10, 45) : today + rng.int(2, 30);
    const days = away ? rng.int(3, 7) : 1;
    add(zonedToUtc(first, 0, tz), zonedToUtc(first + days, 0, tz), rng.pick(away ? AWAY : DAY_OFF));
  }
  if (rng.chance(0.15)) {
    const day = today + rng.int(1, 9);
    const blocks = byWeekday.get(weekdayOf(day));
    if (blocks) {
      const b = rng.pick(blocks);
      const length = Math.min(b.end - b.start, rng.pick([120, 180]));
      const start = b.start + 30 * rng.int(0, Math.floor((b.end - b.start - length) / 30));
      add(zonedToUtc(day, start, tz), zonedToUtc(day, start + length, tz), rng.pick(FEW_HOURS));
    }
  }
  return out;
}
