/** Money is integer cents on the wire; shown as dollars, without cents when whole. */
export function money(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "—";
  return (cents / 100).toLocaleString("en-US", {
    style: "currency",
    currency: "USD",
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
  });
}

/** "Sat, Nov 28, 5:00 PM" in the given time zone. */
export function when(iso: string, timeZone?: string): string {
  return new Date(iso).toLocaleString("en-US", {
    timeZone,
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  });
}

/** "Fri, Nov 27" in the given time zone. */
export function dayOf(iso: string, timeZone?: string): string {
  return new Date(iso).toLocaleDateString("en-US", {
    timeZone,
    weekday: "short",
    month: "short",
    day: "numeric",
  });
}

/** "5:00 PM" in the given time zone. */
export function timeOf(iso: string, timeZone?: string): string {
  return new Date(iso).toLocaleTimeString("en-US", { timeZone, hour: "numeric", minute: "2-digit" });
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function dateIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

export function addDaysTo(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Minutes that `timeZone` is ahead of UTC at `instant`. */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(instant);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/**
 * The instant of a wall-clock time ("2026-12-01T17:00", as an `<input type="datetime-local">`
 * gives it) in a time zone, so that a provider enters times in their own zone wherever their
 * browser is. Two passes settle the offset around DST changes.
 */
export function zonedToInstant(local: string, timeZone: string): Date {
  const guess = new Date(`${local}:00Z`);
  let t = guess.getTime() - offsetMinutes(guess, timeZone) * 60_000;
  t = guess.getTime() - offsetMinutes(new Date(t), timeZone) * 60_000;
  return new Date(t);
}

/** The `datetime-local` value of an instant in a time zone. */
export function instantToZoned(iso: string, timeZone: string): string {
  const d = new Date(iso);
  const local = new Date(d.getTime() + offsetMinutes(d, timeZone) * 60_000);
  return local.toISOString().slice(0, 16);
}

export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export function stars(rating: number): string {
  return `★ ${rating.toFixed(1)}`;
}
