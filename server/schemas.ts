import { z } from "@hono/zod-openapi";
import { CATEGORIES } from "../core/categories.js";
import { ERROR_STATUS } from "../core/errors.js";
import { isCalendarDate } from "../core/time.js";

/** Wire schemas of the REST API: they validate requests and generate /openapi.json. */

export const Uuid = z.uuid().openapi({ example: "3f6c1f8e-2a4b-4c9d-9e8f-1a2b3c4d5e6f" });
export const IsoDateTime = z.iso.datetime({ offset: true }).openapi({ example: "2026-12-01T17:00:00-06:00" });
export const Category = z.enum(CATEGORIES).openapi({ example: "haircut" });
export const Zip = z
  .string()
  .regex(/^\d{5}$/, "a 5-digit US zip code")
  .openapi({ example: "78704" });
export const Cents = z
  .number()
  .int()
  .min(0)
  .max(10_000_000)
  .openapi({ example: 4500, description: "an amount in US cents" });

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(
        Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS, ...(keyof typeof ERROR_STATUS)[]],
      ),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .openapi("Error");

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" } }),
});

export const ProviderSummary = z
  .object({
    id: Uuid,
    name: z.string(),
    category: Category,
    rating: z.number(),
    reviewCount: z.number().int(),
    priceFromCents: z.number().int().nullable(),
    zip: Zip,
    distanceKm: z.number().nullable(),
    score: z.number(),
  })
  .openapi("ProviderSummary");

export const Service = z
  .object({
    id: Uuid,
    name: z.string(),
    description: z.string(),
    priceCents: Cents,
    durationMin: z.number().int(),
  })
  .openapi("Service");

export const ProviderProfile = z
  .object({
    id: Uuid,
    name: z.string(),
    category: Category,
    bio: z.string(),
    zip: Zip,
    serviceRadiusKm: z.number(),
    timezone: z.string().openapi({ example: "America/Chicago" }),
    services: z.array(Service),
    weeklyHours: z.array(
      z.object({
        weekday: z.number().int().min(0).max(6).openapi({ description: "0 = Sunday" }),
        start: z.string().openapi({ example: "09:00" }),
        end: z.string().openapi({ example: "17:00" }),
      }),
    ),
    timeOff: z.array(z.object({ startsAt: IsoDateTime, endsAt: IsoDateTime, reason: z.string().nullable() })),
    details: z.record(z.string(), z.unknown()),
    rating: z.number(),
    reviewCount: z.number().int(),
  })
  .openapi("ProviderProfile");

export const Slot = z.object({ startsAt: IsoDateTime, endsAt: IsoDateTime }).openapi("Slot");

export const Booking = z
  .object({
    id: Uuid,
    consumerId: z.string(),
    providerId: Uuid,
    providerName: z.string(),
    category: Category,
    serviceId: Uuid.nullable(),
    serviceName: z.string(),
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    status: z.enum(["confirmed", "cancelled", "completed"]),
    priceCents: Cents,
    requestId: Uuid.nullable(),
  })
  .openapi("Booking");

export const ServiceRequest = z
  .object({
    id: Uuid,
    consumerId: z.string(),
    category: Category,
    description: z.string(),
    zip: Zip,
    windowStart: IsoDateTime,
    windowEnd: IsoDateTime,
    budgetCents: Cents.nullable(),
    status: z.enum(["open", "booked", "cancelled", "expired"]),
    offerCount: z.number().int(),
    createdAt: IsoDateTime,
  })
  .openapi("ServiceRequest");

export const Offer = z
  .object({
    id: Uuid,
    requestId: Uuid,
    providerId: Uuid,
    providerName: z.string(),
    rating: z.number(),
    serviceId: Uuid.nullable(),
    priceCents: Cents,
    startsAt: IsoDateTime,
    durationMin: z.number().int(),
    message: z.string().nullable(),
    status: z.enum(["pending", "accepted", "declined", "withdrawn", "expired"]),
    bookingId: Uuid.nullable(),
    createdAt: IsoDateTime,
  })
  .openapi("Offer");

export const Review = z
  .object({
    id: Uuid,
    bookingId: Uuid,
    providerId: Uuid,
    rating: z.number().int(),
    text: z.string(),
    createdAt: IsoDateTime,
  })
  .openapi("Review");

export const Notification = z
  .object({
    id: Uuid,
    kind: z.enum(["request", "offer", "booking", "cancellation", "review", "profile"]),
    payload: z.record(z.string(), z.unknown()),
    readAt: IsoDateTime.nullable(),
    createdAt: IsoDateTime,
  })
  .openapi("Notification");

export const CalendarDate = z
  .string()
  .refine(isCalendarDate, "a calendar date as YYYY-MM-DD")
  .openapi({ example: "2026-12-01" });

export const IdempotencyKeyHeader = z.object({
  "idempotency-key": z.string().min(1).max(255).optional().openapi({
    description: "Makes the write safe to retry: a repeat with the same key returns the first answer.",
  }),
});

/** Error responses a route can give, for the spec. */
export function errors(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: ERROR_DESCRIPTIONS[s] ?? "Error",
        content: { "application/json": { schema: ErrorSchema } },
      },
    ]),
  );
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "bad_request: the input is not valid",
  401: "unauthorized: no valid token",
  402: "budget_exceeded",
  403: "forbidden: the role may not do this",
  404: "not_found (also for another user's resource)",
  409: "conflict or slot_taken",
  413: "payload_too_large",
  429: "rate_limited",
  503: "unavailable",
};

/** JSON-safe dates: the domain uses Date, the wire ISO strings. */
export function wire<T>(value: T): Jsonified<T> {
  return JSON.parse(JSON.stringify(value)) as Jsonified<T>;
}

export type Jsonified<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;
