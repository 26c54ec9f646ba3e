import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../router.js";

export interface ReadinessCheck {
  name: string;
  /**
   * False for a dependency the replica can serve without (Redis: local limits instead): its
   * failure shows in the report but the replica stays ready. Default true.
   */
  critical?: boolean;
  /** Resolves with details when healthy; throws (or times out) when not. */
  check(): Promise<Record<string, unknown> | undefined>;
}

const healthz = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["Operations"],
  summary: "The process is up",
  responses: {
    200: {
      description: "Up",
      content: { "application/json": { schema: z.object({ status: z.literal("ok") }) } },
    },
  },
});

const CheckResult = z.object({
  ok: z.boolean(),
  ms: z.number(),
  critical: z.boolean().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  error: z.string().optional(),
});
const readyz = createRoute({
  method: "get",
  path: "/readyz",
  tags: ["Operations"],
  summary: "Dependencies are reachable (database, Redis when configured, model)",
  responses: {
    200: {
      description: "Ready",
      content: {
        "application/json": {
          schema: z.object({ status: z.literal("ready"), checks: z.record(z.string(), CheckResult) }),
        },
      },
    },
    503: {
      description: "Not ready",
      content: {
        "application/json": {
          schema: z.object({ status: z.literal("unavailable"), checks: z.record(z.string(), CheckResult) }),
        },
      },
    },
  },
});

const CHECK_TIMEOUT_MS = 2000;

export function healthRoutes({ checks, draining }: { checks: ReadinessCheck[]; draining?: () => boolean }) {
  const r = createRouter();
  r.openapi(healthz, (c) => c.json({ status: "ok" as const }, 200));
  r.openapi(readyz, async (c) => {
    const results = await Promise.all(checks.map(async (chk) => [chk.name, await runCheck(chk)] as const));
    const out: Record<string, z.infer<typeof CheckResult>> = Object.fromEntries(results);
    if (draining?.()) out.shutdown = { ok: false, ms: 0, error: "shutting down" };
    const ok = Object.values(out).every((r) => r.ok || r.critical === false);
    return ok
      ? c.json({ status: "ready" as const, checks: out }, 200)
      : c.json({ status: "unavailable" as const, checks: out }, 503);
  });
  return r;
}

async function runCheck(chk: ReadinessCheck): Promise<z.infer<typeof CheckResult>> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const details = await Promise.race([
      chk.check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
    return { ok: true, ms: Math.round(performance.now() - t0), ...(details ? { details } : {}) };
  } catch (err) {
    return {
      ok: false,
      ms: Math.round(performance.now() - t0),
      ...(chk.critical === false ? { critical: false } : {}),
      error: (err as Error).message,
    };
  } finally {
    clearTimeout(timer);
  }
}
