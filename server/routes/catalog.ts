import { createRoute, z } from "@hono/zod-openapi";
import { CATEGORIES, CATEGORY_INFO } from "../../core/categories.js";
import { notFound } from "../../core/errors.js";
import { addDays } from "../../core/time.js";
import { freeSlots } from "../../db/availability.js";
import { getProviderProfile, isUuid } from "../../db/provider-profile.js";
import { createRouter } from "../router.js";
import {
  CalendarDate,
  Category,
  errors,
  IdParam,
  ProviderProfile,
  ProviderSummary,
  Slot,
  wire,
  Zip,
} from "../schemas.js";
import type { RouteDeps } from "./deps.js";

const listCategories = createRoute({
  method: "get",
  path: "/v1/categories",
  tags: ["Marketplace"],
  summary: "The service categories of the marketplace",
  responses: {
    200: {
      description: "Categories",
      content: {
        "application/json": {
          schema: z.object({
            categories: z.array(z.object({ id: Category, label: z.string(), description: z.string() })),
          }),
        },
      },
    },
    ...errors(401),
  },
});

const searchRoute = createRoute({
  method: "get",
  path: "/v1/providers",
  tags: ["Marketplace"],
  summary: "Search providers (full text fused with semantic similarity when pgvector is available)",
  request: {
    query: z
      .object({
        q: z.string().max(500).optional().openapi({ example: "skin fade this weekend" }),
        category: Category.optional(),
        zip: Zip.optional(),
        limit: z.coerce.number().int().min(1).max(50).default(10),
      })
      .strict(),
  },
  responses: {
    200: {
      description: "Providers, best match first",
      content: { "application/json": { schema: z.object({ providers: z.array(ProviderSummary) }) } },
    },
    ...errors(400, 401),
  },
});

const getProfileRoute = createRoute({
  method: "get",
  path: "/v1/providers/{id}",
  tags: ["Marketplace"],
  summary: "A provider's agent-native profile",
  request: { params: IdParam },
  responses: {
    200: { description: "The profile", content: { "application/json": { schema: ProviderProfile } } },
    ...errors(401, 404),
  },
});

const availabilityRoute = createRoute({
  method: "get",
  path: "/v1/providers/{id}/availability",
  tags: ["Marketplace"],
  summary: "Free slots of a provider on a date (in the provider's time zone)",
  request: {
    params: IdParam,
    query: z.object({ date: CalendarDate, serviceId: z.uuid().optional() }).strict(),
  },
  responses: {
    200: {
      description: "Free slots",
      content: { "application/json": { schema: z.object({ slots: z.array(Slot) }) } },
    },
    ...errors(400, 401, 404),
  },
});

/** How far ahead a date may be asked about. */
const HORIZON_DAYS = 180;

export function catalogRoutes(deps: RouteDeps) {
  const r = createRouter();

  r.openapi(listCategories, (c) =>
    c.json({ categories: CATEGORIES.map((id) => ({ id, ...CATEGORY_INFO[id] })) }, 200),
  );

  r.openapi(searchRoute, async (c) => {
    const query = c.req.valid("query");
    const providers = await deps.search.search(query);
    return c.json({ providers }, 200);
  });

  r.openapi(getProfileRoute, async (c) => {
    const profile = await getProviderProfile(deps.db, c.req.valid("param").id);
    if (!profile) throw notFound("That provider");
    return c.json(profile, 200);
  });

  r.openapi(availabilityRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { date, serviceId } = c.req.valid("query");
    const profile = isUuid(id) ? await getProviderProfile(deps.db, id) : undefined;
    if (!profile) throw notFound("That provider");
    const service = serviceId ? profile.services.find((s) => s.id === serviceId) : profile.services[0];
    if (!service) throw notFound("That service");
    const today = new Date(deps.clock.now().getTime()).toISOString().slice(0, 10);
    if (date > addDays(today, HORIZON_DAYS)) return c.json({ slots: [] }, 200);
    const slots = await freeSlots(deps.db, {
      providerId: profile.id,
      fromDate: date,
      toDate: date,
      durationMin: service.durationMin,
      now: deps.clock.now(),
    });
    return c.json(wire({ slots }), 200);
  });

  return r;
}
