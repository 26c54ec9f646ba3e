import { createRoute, z } from "@hono/zod-openapi";
import { AppError, type ErrorCode, notFound } from "../../core/errors.js";
import { cancelBooking, createBooking, getBooking, listBookings } from "../../db/bookings.js";
import type { Notification } from "../../db/notifications.js";
import { leaveReview } from "../../db/reviews.js";
import { requireRole } from "../middleware/auth.js";
import { createRouter } from "../router.js";
import { Booking, errors, IdempotencyKeyHeader, IdParam, IsoDateTime, Review, wire } from "../schemas.js";
import type { RouteDeps } from "./deps.js";
import { withIdempotencyKey } from "./idempotency.js";

const listRoute = createRoute({
  method: "get",
  path: "/v1/bookings",
  tags: ["Bookings"],
  summary: "Bookings: a consumer's own, a provider's as provider, all for an admin",
  request: {
    query: z
      .object({
        status: z.enum(["confirmed", "cancelled", "completed"]).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      })
      .strict(),
  },
  responses: {
    200: {
      description: "Bookings, latest first",
      content: { "application/json": { schema: z.object({ bookings: z.array(Booking) }) } },
    },
    ...errors(400, 401),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/v1/bookings/{id}",
  tags: ["Bookings"],
  summary: "One booking",
  request: { params: IdParam },
  responses: {
    200: { description: "The booking", content: { "application/json": { schema: Booking } } },
    ...errors(401, 404),
  },
});

const createRouteDef = createRoute({
  method: "post",
  path: "/v1/bookings",
  tags: ["Bookings"],
  summary: "Book a service at a start time",
  middleware: [requireRole("consumer", "admin")] as const,
  request: {
    headers: IdempotencyKeyHeader,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({ providerId: z.uuid(), serviceId: z.uuid(), startsAt: IsoDateTime })
            .strict()
            .openapi({
              example: {
                providerId: "3f6c1f8e-2a4b-4c9d-9e8f-1a2b3c4d5e6f",
                serviceId: "9a1b2c3d-4e5f-4a6b-8c7d-1e2f3a4b5c6d",
                startsAt: "2026-12-01T17:00:00-06:00",
              },
            }),
        },
      },
    },
  },
  responses: {
    201: { description: "Booked", content: { "application/json": { schema: Booking } } },
    ...errors(400, 401, 403, 404, 409),
  },
});

const cancelRoute = createRoute({
  method: "post",
  path: "/v1/bookings/{id}/cancel",
  tags: ["Bookings"],
  summary: "Cancel a booking (its consumer, its provider, or an admin)",
  request: { params: IdParam },
  responses: {
    200: { description: "Cancelled", content: { "application/json": { schema: Booking } } },
    ...errors(401, 404, 409),
  },
});

const reviewRoute = createRoute({
  method: "post",
  path: "/v1/bookings/{id}/review",
  tags: ["Bookings"],
  summary: "Review a booking once the appointment is over",
  middleware: [requireRole("consumer")] as const,
  request: {
    params: IdParam,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({ rating: z.number().int().min(1).max(5), text: z.string().max(2000).default("") })
            .strict(),
        },
      },
    },
  },
  responses: {
    201: { description: "Reviewed", content: { "application/json": { schema: Review } } },
    ...errors(400, 401, 403, 404, 409),
  },
});

export function bookingRoutes(deps: RouteDeps) {
  const r = createRouter();

  r.openapi(listRoute, async (c) => {
    const { status, limit } = c.req.valid("query");
    const bookings = await listBookings(deps.db, c.get("principal"), { status, limit });
    return c.json(wire({ bookings }), 200);
  });

  r.openapi(getRoute, async (c) => {
    const booking = await getBooking(deps.db, c.req.valid("param").id, c.get("principal"));
    if (!booking) throw notFound("That booking");
    return c.json(wire(booking), 200);
  });

  r.openapi(createRouteDef, async (c) => {
    const body = c.req.valid("json");
    const who = c.get("principal");
    const now = deps.clock.now();
    const startsAt = new Date(body.startsAt);
    let committed: Notification[] = [];
    const answer = await withIdempotencyKey(c, deps.db, body, async (tx) => {
      const result = await createBooking(tx, {
        consumerId: who.userId,
        providerId: body.providerId,
        serviceId: body.serviceId,
        startsAt,
        now,
      });
      committed = result.notifications;
      return { status: 201, body: wire(result.booking) };
    });
    deps.notifications.publish(committed);
    return answered(c, answer);
  });

  r.openapi(cancelRoute, async (c) => {
    const result = await cancelBooking(deps.db, {
      bookingId: c.req.valid("param").id,
      who: c.get("principal"),
      now: deps.clock.now(),
    });
    deps.notifications.publish(result.notifications);
    return c.json(wire(result.booking), 200);
  });

  r.openapi(reviewRoute, async (c) => {
    const { rating, text } = c.req.valid("json");
    const result = await leaveReview(deps.db, {
      bookingId: c.req.valid("param").id,
      consumerId: c.get("principal").userId,
      rating,
      text,
      now: deps.clock.now(),
    });
    deps.notifications.publish(result.notifications);
    return c.json(wire(result.review), 201);
  });

  return r;
}

/**
 * Sends a stored (possibly replayed) answer. An error answer is thrown again so that it leaves
 * through the error handler with its status and shape; a success was validated when first made.
 */
export function answered<C extends { json: (body: never, status: never) => R }, R>(
  c: C,
  answer: { status: number; body: unknown },
): R {
  if (answer.status >= 400) {
    const error = (
      answer.body as { error: { code: ErrorCode; message: string; details?: Record<string, unknown> } }
    ).error;
    throw new AppError(error.code, error.message, error.details);
  }
  return c.json(answer.body as never, answer.status as never);
}
