import { createRoute, z } from "@hono/zod-openapi";
import type { Notification } from "../../db/notifications.js";
import { acceptOffer, listOffers, makeOffer } from "../../db/offers.js";
import { createRequest, listRequests } from "../../db/requests.js";
import { requireRole } from "../middleware/auth.js";
import { createRouter } from "../router.js";
import {
  Booking,
  Category,
  Cents,
  errors,
  IdempotencyKeyHeader,
  IdParam,
  IsoDateTime,
  Offer,
  ServiceRequest,
  wire,
  Zip,
} from "../schemas.js";
import { answered } from "./bookings.js";
import type { RouteDeps } from "./deps.js";
import { withIdempotencyKey } from "./idempotency.js";

const createRequestRoute = createRoute({
  method: "post",
  path: "/v1/requests",
  tags: ["Requests & offers"],
  summary: "Post a request for offers to the providers of a category around a zip",
  middleware: [requireRole("consumer", "admin")] as const,
  request: {
    headers: IdempotencyKeyHeader,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({
              category: Category,
              description: z.string().trim().min(3).max(2000),
              zip: Zip,
              windowStart: IsoDateTime,
              windowEnd: IsoDateTime,
              budgetCents: Cents.positive().nullable().optional(),
            })
            .strict()
            .openapi({
              example: {
                category: "plumbing",
                description: "Kitchen sink leaking under the cabinet",
                zip: "78704",
                windowStart: "2026-12-01T08:00:00-06:00",
                windowEnd: "2026-12-01T18:00:00-06:00",
                budgetCents: 20000,
              },
            }),
        },
      },
    },
  },
  responses: {
    201: { description: "Posted", content: { "application/json": { schema: ServiceRequest } } },
    ...errors(400, 401, 403),
  },
});

const listRequestsRoute = createRoute({
  method: "get",
  path: "/v1/requests",
  tags: ["Requests & offers"],
  summary: "Consumer: my requests. Provider: open requests in my category and area. Admin: all",
  responses: {
    200: {
      description: "Requests",
      content: { "application/json": { schema: z.object({ requests: z.array(ServiceRequest) }) } },
    },
    ...errors(401),
  },
});

const listOffersRoute = createRoute({
  method: "get",
  path: "/v1/requests/{id}/offers",
  tags: ["Requests & offers"],
  summary: "Offers on a request (a provider sees only their own)",
  request: { params: IdParam },
  responses: {
    200: {
      description: "Offers, pending and cheapest first",
      content: { "application/json": { schema: z.object({ offers: z.array(Offer) }) } },
    },
    ...errors(401, 404),
  },
});

const makeOfferRoute = createRoute({
  method: "post",
  path: "/v1/requests/{id}/offers",
  tags: ["Requests & offers"],
  summary: "Answer a request with an offer (providers); a new offer replaces your pending one",
  middleware: [requireRole("provider")] as const,
  request: {
    params: IdParam,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({
              priceCents: Cents,
              startsAt: IsoDateTime,
              durationMin: z.number().int().min(5).max(720).optional(),
              serviceId: z.uuid().optional(),
              message: z.string().max(1000).optional(),
            })
            .strict(),
        },
      },
    },
  },
  responses: {
    201: { description: "Offered", content: { "application/json": { schema: Offer } } },
    ...errors(400, 401, 403, 404, 409),
  },
});

const acceptRoute = createRoute({
  method: "post",
  path: "/v1/offers/{id}/accept",
  tags: ["Requests & offers"],
  summary: "Accept an offer on your request: it becomes a booking",
  middleware: [requireRole("consumer", "admin")] as const,
  request: { params: IdParam, headers: IdempotencyKeyHeader },
  responses: {
    201: { description: "Booked", content: { "application/json": { schema: Booking } } },
    ...errors(401, 403, 404, 409),
  },
});

export function requestRoutes(deps: RouteDeps) {
  const r = createRouter();

  r.openapi(createRequestRoute, async (c) => {
    const body = c.req.valid("json");
    let committed: Notification[] = [];
    const answer = await withIdempotencyKey(c, deps.db, body, async (tx) => {
      const result = await createRequest(tx, {
        consumerId: c.get("principal").userId,
        category: body.category,
        description: body.description,
        zip: body.zip,
        windowStart: new Date(body.windowStart),
        windowEnd: new Date(body.windowEnd),
        budgetCents: body.budgetCents,
        now: deps.clock.now(),
      });
      committed = result.notifications;
      return { status: 201, body: wire(result.request) };
    });
    deps.notifications.publish(committed);
    return answered(c, answer);
  });

  r.openapi(listRequestsRoute, async (c) => {
    const requests = await listRequests(deps.db, c.get("principal"), deps.clock.now());
    return c.json(wire({ requests }), 200);
  });

  r.openapi(listOffersRoute, async (c) => {
    const offers = await listOffers(deps.db, c.req.valid("param").id, c.get("principal"), deps.clock.now());
    return c.json(wire({ offers }), 200);
  });

  r.openapi(makeOfferRoute, async (c) => {
    const body = c.req.valid("json");
    const result = await makeOffer(deps.db, {
      providerUserId: c.get("principal").userId,
      requestId: c.req.valid("param").id,
      priceCents: body.priceCents,
      startsAt: new Date(body.startsAt),
      durationMin: body.durationMin,
      serviceId: body.serviceId,
      message: body.message,
      now: deps.clock.now(),
    });
    deps.notifications.publish(result.notifications);
    return c.json(wire(result.offer), 201);
  });

  r.openapi(acceptRoute, async (c) => {
    const result = await acceptOffer(deps.db, {
      offerId: c.req.valid("param").id,
      consumerId: c.get("principal").userId,
      now: deps.clock.now(),
    });
    deps.notifications.publish(result.notifications);
    if (result.replayed) c.header("Idempotent-Replayed", "true");
    return c.json(wire(result.booking), 201);
  });

  return r;
}
