import { OpenAPIHono } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import type { Logger } from "pino";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "../core/errors.js";
import type { TurnRunnerDeps } from "../graph/run.js";
import type { AppEnv } from "./app-env.js";
import { type ChatServiceDeps, memoryThreadLocks, type ThreadLocks } from "./chat-service.js";
import { createMetrics, type Metrics } from "./metrics.js";
import { authenticate } from "./middleware/auth.js";
import { bodyLimit } from "./middleware/body-limit.js";
import { directResponses } from "./middleware/direct-response.js";
import { errorResponse, onError, validationError } from "./middleware/errors.js";
import { observeRequests } from "./middleware/observe-requests.js";
import { createRateLimiter, rateLimit } from "./middleware/rate-limit.js";
import { requestId } from "./middleware/request-id.js";
import { secureHeaders } from "./middleware/secure-headers.js";
import { bookingRoutes } from "./routes/bookings.js";
import { catalogRoutes } from "./routes/catalog.js";
import { chatRoutes } from "./routes/chat.js";
import type { RouteDeps } from "./routes/deps.js";
import { devTokenRoutes } from "./routes/dev-token.js";
import { docsRoutes } from "./routes/docs.js";
import { healthRoutes, type ReadinessCheck } from "./routes/health.js";
import { meRoutes } from "./routes/me.js";
import { requestRoutes } from "./routes/requests.js";
import { threadRoutes } from "./routes/threads.js";
import { uiRoutes } from "./routes/ui.js";

export interface AppDeps extends RouteDeps {
  logger: Logger;
  turns: TurnRunnerDeps;
  locks?: ThreadLocks;
  metrics?: Metrics;
  rateLimiter?: RateLimiterAbstract;
  /** Replaces the turn runner (the transport benchmark streams scripted events through it). */
  runTurn?: ChatServiceDeps["runTurn"];
  readiness: ReadinessCheck[];
  /** True once shutdown began: readiness turns false before anything else stops. */
  draining?: () => boolean;
}

export const API_VERSION = "0.1.0";

/** The HTTP API. Everything it needs comes in through `deps`; nothing is created at import. */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, result.target);
    },
  });
  app.onError(onError(deps.logger));
  app.notFound((c) =>
    errorResponse(c, new AppError("not_found", `There is no ${c.req.method} ${c.req.path}.`)),
  );

  const metrics = deps.metrics ?? createMetrics({ db: deps.db });
  const limiter =
    deps.rateLimiter ??
    createRateLimiter({ perMinute: deps.config.limits.ratePerMinute, prefix: deps.config.redisKeyPrefix });
  app.use(directResponses());
  app.use(requestId());
  app.use(observeRequests({ logger: deps.logger, metrics }));
  app.use(secureHeaders());
  if (deps.config.corsOrigins.length) {
    app.use(
      "/v1/*",
      cors({
        origin: deps.config.corsOrigins,
        allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key", "Accept"],
        exposeHeaders: ["X-Request-Id", "Retry-After", "Idempotent-Replayed"],
        maxAge: 600,
      }),
    );
  }
  // Counts the bytes as they stream in, so a chunked body without Content-Length is capped too.
  app.use(
    "/v1/*",
    bodyLimit({
      maxSize: deps.config.limits.maxBodyBytes,
      onError: () => {
        throw new AppError(
          "payload_too_large",
          `The request body is larger than ${deps.config.limits.maxBodyBytes} bytes.`,
        );
      },
    }),
  );

  app.route("/", healthRoutes({ checks: deps.readiness, draining: deps.draining }));
  app.get("/metrics", async (c) =>
    c.body(await metrics.registry.metrics(), 200, { "content-type": metrics.registry.contentType }),
  );
  app.route("/", docsRoutes());
  app.route("/", devTokenRoutes(deps));
  // Everything below needs a verified token; the routes above were registered first and answer first.
  app.use("/v1/*", authenticate(deps));
  app.use("/v1/*", rateLimit(limiter));
  app.route("/", catalogRoutes(deps));
  app.route("/", bookingRoutes(deps));
  app.route("/", requestRoutes(deps));
  app.route("/", meRoutes(deps));
  app.route("/", chatRoutes({ ...deps, metrics, locks: deps.locks ?? memoryThreadLocks() }));
  app.route("/", threadRoutes(deps));
  app.route(
    "/",
    uiRoutes({
      authMode: deps.config.auth.mode,
      clerkPublishableKey: deps.config.auth.mode === "clerk" ? deps.config.auth.publishableKey : undefined,
    }),
  );

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Proxie API",
      version: API_VERSION,
      description: "Agent-native marketplace for local services: REST API and streaming chat.",
    },
    security: [{ bearer: [] }],
  });
  return app;
}
