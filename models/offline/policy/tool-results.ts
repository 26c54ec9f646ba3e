import { z } from "zod";
import type { ToolResult } from "./conversation.js";

/*
 * The structured fields the policies read from tool results. Zod drops every other key, so free
 * text written by providers or customers (bios, reviews, offer messages, request descriptions)
 * never reaches a decision: names and descriptions below are only ever quoted back to the user.
 */

export const slotSchema = z.object({ startsAt: z.string(), endsAt: z.string(), local: z.string() });
export type SlotView = z.infer<typeof slotSchema>;

const serviceSchema = z.object({
  serviceId: z.string(),
  name: z.string(),
  priceCents: z.number(),
  durationMin: z.number(),
  /** From search: false when no service named the query and the cheapest one stands in. */
  matched: z.boolean().optional(),
});

export const providerOptionSchema = z.object({
  option: z.number(),
  providerId: z.string(),
  name: z.string(),
  rating: z.number().catch(0),
  reviewCount: z.number().catch(0),
  service: serviceSchema,
  nextSlots: z.array(slotSchema).catch([]),
});
export type ProviderOption = z.infer<typeof providerOptionSchema>;

const searchSchema = z.object({ zip: z.string().optional(), providers: z.array(providerOptionSchema) });

const availabilitySchema = z.object({
  providerId: z.string(),
  providerName: z.string(),
  service: serviceSchema,
  slots: z.array(slotSchema),
});

const providerProfileSchema = z.object({
  provider: z.object({
    id: z.string(),
    name: z.string(),
    rating: z.number().catch(0),
    services: z.array(
      z.object({ id: z.string(), name: z.string(), priceCents: z.number(), durationMin: z.number() }),
    ),
  }),
  nextSlots: z.array(slotSchema).catch([]),
});

export const bookingViewSchema = z.object({
  option: z.number(),
  bookingId: z.string(),
  providerId: z.string(),
  providerName: z.string(),
  category: z.string(),
  serviceName: z.string(),
  startsAt: z.string(),
  local: z.string(),
  price: z.string(),
  priceCents: z.number(),
  status: z.string(),
  upcoming: z.boolean(),
});
export type BookingView = z.infer<typeof bookingViewSchema>;

const offerSchema = z.object({
  option: z.number(),
  offerId: z.string(),
  requestId: z.string(),
  providerName: z.string(),
  rating: z.number().catch(0),
  price: z.string(),
  priceCents: z.number(),
  startsAt: z.string(),
  local: z.string(),
  status: z.string(),
});
export type OfferView = z.infer<typeof offerSchema>;

const requestSchema = z.object({
  option: z.number(),
  requestId: z.string(),
  category: z.string(),
  description: z.string().catch(""),
  zip: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  window: z.string(),
  budget: z.string().nullable().catch(null),
  status: z.string(),
  offerCount: z.number().catch(0),
});
export type RequestView = z.infer<typeof requestSchema>;

const bookedSchema = z.object({
  booking: z.object({
    providerName: z.string(),
    serviceName: z.string().optional(),
    local: z.string().optional(),
    price: z.string().optional(),
    priceCents: z.number().optional(),
  }),
});

const rescheduledSchema = z.object({
  booking: z.object({ providerName: z.string(), serviceName: z.string(), to: z.string() }),
});

const nextSlotsSchema = z.object({ error: z.object({ next: z.array(slotSchema) }) });

const changeSchema = z.object({ field: z.string(), to: z.string().nullable().catch(null) });

function read<T>(schema: z.ZodType<T>, result: ToolResult | undefined): T | undefined {
  if (!result?.ok) return undefined;
  const r = schema.safeParse(result.body);
  return r.success ? r.data : undefined;
}

export const readSearch = (r: ToolResult | undefined) => read(searchSchema, r);
export const readAvailability = (r: ToolResult | undefined) => read(availabilitySchema, r);
export const readProviderProfile = (r: ToolResult | undefined) => read(providerProfileSchema, r);
export const readBookings = (r: ToolResult | undefined) =>
  read(z.object({ bookings: z.array(bookingViewSchema) }), r)?.bookings;
export const readOffers = (r: ToolResult | undefined) =>
  read(z.object({ offers: z.array(offerSchema) }), r)?.offers;
export const readRequests = (r: ToolResult | undefined) =>
  read(z.object({ requests: z.array(requestSchema) }), r)?.requests;
export const readBooked = (r: ToolResult | undefined) => read(bookedSchema, r)?.booking;
export const readRescheduled = (r: ToolResult | undefined) => read(rescheduledSchema, r)?.booking;
export const readChanges = (r: ToolResult | undefined) =>
  read(z.object({ changes: z.array(changeSchema).catch([]) }), r)?.changes;
export const readProvidersNotified = (r: ToolResult | undefined) =>
  read(z.object({ providersNotified: z.number() }), r)?.providersNotified;

/** The next free slots a slot_taken / unavailable answer carries. */
export function readNextSlots(r: ToolResult | undefined): SlotView[] {
  if (!r || r.ok) return [];
  const parsed = nextSlotsSchema.safeParse(r.body);
  return parsed.success ? parsed.data.error.next : [];
}

/** The fields update_profile says it still needs to create a profile. */
export function readMissingFields(r: ToolResult | undefined): string[] {
  if (!r || r.ok || r.code !== "missing_fields") return [];
  const parsed = z.object({ error: z.object({ fields: z.array(z.string()) }) }).safeParse(r.body);
  return parsed.success ? parsed.data.error.fields : [];
}

export function isNotApproved(r: ToolResult | undefined): boolean {
  return r !== undefined && !r.ok && r.status === "not_approved";
}
