import { createRoute, z } from "@hono/zod-openapi";
import { isTimeZone } from "../../core/time.js";
import type { Db } from "../../db/pool.js";
import { upsertUser } from "../../db/users.js";
import type { Auth } from "../auth.js";
import { createRouter } from "../router.js";
import { errors, Zip } from "../schemas.js";

const devTokenRoute = createRoute({
  method: "post",
  path: "/v1/dev/token",
  tags: ["Auth"],
  summary: "Dev auth mode only: a signed token for any user and role (creates the user)",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({
              userId: z.string().regex(/^[A-Za-z0-9_.:@-]{1,128}$/, "1–128 letters, digits or _ . : @ -"),
              role: z.enum(["consumer", "provider", "admin"]),
              name: z.string().trim().min(1).max(120).optional(),
              zip: Zip.optional(),
              timezone: z.string().refine(isTimeZone, "an IANA time zone such as America/Chicago").optional(),
            })
            .strict()
            .openapi({
              example: {
                userId: "demo-consumer",
                role: "consumer",
                zip: "78704",
                timezone: "America/Chicago",
              },
            }),
        },
      },
    },
  },
  responses: {
    200: {
      description: "A token",
      content: { "application/json": { schema: z.object({ token: z.string() }) } },
    },
    ...errors(400),
  },
});

/** Mounted only in dev auth mode, so that the route does not exist (404) anywhere else. */
export function devTokenRoutes({ auth, db }: { auth: Auth; db: Db }) {
  const r = createRouter();
  const issue = auth.issueDevToken;
  if (auth.mode !== "dev" || !issue) return r;
  r.openapi(devTokenRoute, async (c) => {
    const body = c.req.valid("json");
    await upsertUser(db, {
      id: body.userId,
      role: body.role,
      name: body.name,
      zip: body.zip,
      timezone: body.timezone,
    });
    return c.json({ token: await issue({ userId: body.userId, role: body.role }) }, 200);
  });
  return r;
}
