import { createRoute, z } from "@hono/zod-openapi";
import { notFound } from "../../core/errors.js";
import { listNotifications } from "../../db/notifications.js";
import { getProfileOfUser, profileInputSchema, saveProviderProfile } from "../../db/provider-profile.js";
import { getUser } from "../../db/users.js";
import { requireRole } from "../middleware/auth.js";
import { createRouter } from "../router.js";
import { errors, Notification, ProviderProfile, wire } from "../schemas.js";
import type { RouteDeps } from "./deps.js";

const meRoute = createRoute({
  method: "get",
  path: "/v1/me",
  tags: ["Me"],
  summary: "Who I am, and my provider profile when I have one",
  responses: {
    200: {
      description: "The signed-in user",
      content: {
        "application/json": {
          schema: z.object({
            user: z.object({
              id: z.string(),
              role: z.enum(["consumer", "provider", "admin"]),
              name: z.string().nullable(),
              zip: z.string().nullable(),
              timezone: z.string(),
            }),
            provider: ProviderProfile.nullable(),
          }),
        },
      },
    },
    ...errors(401),
  },
});

const putProfileRoute = createRoute({
  method: "put",
  path: "/v1/me/profile",
  tags: ["Me"],
  summary: "Create or replace my provider profile (the document GET /v1/providers/{id} returns)",
  middleware: [requireRole("provider")] as const,
  request: { body: { required: true, content: { "application/json": { schema: profileInputSchema } } } },
  responses: {
    200: { description: "Updated", content: { "application/json": { schema: ProviderProfile } } },
    201: { description: "Created (enrolment)", content: { "application/json": { schema: ProviderProfile } } },
    ...errors(400, 401, 403),
  },
});

const notificationsRoute = createRoute({
  method: "get",
  path: "/v1/notifications",
  tags: ["Me"],
  summary: "My notifications, latest first",
  responses: {
    200: {
      description: "Notifications",
      content: { "application/json": { schema: z.object({ notifications: z.array(Notification) }) } },
    },
    ...errors(401),
  },
});

export function meRoutes(deps: RouteDeps) {
  const r = createRouter();

  r.openapi(meRoute, async (c) => {
    const { userId } = c.get("principal");
    const user = await getUser(deps.db, userId);
    if (!user) throw notFound("Your account");
    const provider = (await getProfileOfUser(deps.db, userId)) ?? null;
    return c.json({ user, provider }, 200);
  });

  r.openapi(putProfileRoute, async (c) => {
    const saved = await saveProviderProfile(deps.db, {
      userId: c.get("principal").userId,
      input: c.req.valid("json"),
    });
    await deps.reembedProvider(saved.profile.id);
    return c.json(saved.profile, saved.created ? 201 : 200);
  });

  r.openapi(notificationsRoute, async (c) => {
    const notifications = await listNotifications(deps.db, c.get("principal").userId);
    return c.json(wire({ notifications }), 200);
  });

  return r;
}
