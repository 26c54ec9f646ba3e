import { z } from "zod";

/**
 * Every environment variable the server reads, parsed once at start.
 * Names are part of the contract (DESIGN.md section 3); limits are listed in the README.
 */

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off", ""])
  .transform((v) => ["true", "1", "yes", "on"].includes(v));

const csv = z.string().transform((v) =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
);

const positiveInt = z.coerce.number().int().positive();
const usd = z.coerce.number().nonnegative();

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "a postgres:// or postgresql:// connection string")
    .optional(),
  PGLITE_DIR: z.string().min(1).default(".data/pglite"),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "a redis:// or rediss:// URL")
    .optional(),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/, "1–64 letters, digits, : _ or -")
    .default("proxie:"),
  MODEL_PROVIDER: z.enum(["offline", "openai"]).default("offline"),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url("an http(s) URL of an OpenAI-compatible endpoint").optional(),
  CHAT_MODEL: z.string().min(1).default("gpt-4.1-mini"),
  OPENAI_TIMEOUT_MS: positiveInt.max(600_000).default(60_000),
  OPENAI_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  EMBEDDING_MODEL: z.string().min(1).optional(),
  EMBEDDING_DIMENSIONS: positiveInt.max(2000).default(256),
  AUTH_MODE: z.enum(["dev", "clerk"]).optional(),
  CLERK_JWT_KEY: z.string().min(1).optional(),
  CLERK_SECRET_KEY: z.string().min(1).optional(),
  CLERK_AUTHORIZED_PARTIES: csv.default([]),
  CLERK_PUBLISHABLE_KEY: z
    .string()
    .regex(/^pk_(test|live)_/, "a Clerk publishable key (pk_test_… or pk_live_…)")
    .optional(),
  SEED_DEMO: bool.optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LANGSMITH_TRACING: bool.default(false),
  CORS_ORIGINS: csv.default([]),
  RATE_LIMIT_PER_MINUTE: positiveInt.default(60),
  MAX_BODY_BYTES: positiveInt.default(64 * 1024),
  MAX_MESSAGE_CHARS: positiveInt.default(4000),
  MAX_TOOL_STEPS: positiveInt.max(100).default(8),
  THREAD_BUDGET_USD: usd.default(1),
  USER_DAILY_BUDGET_USD: usd.default(5),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dir: string };
  redisUrl: string | undefined;
  /** Every Redis key starts with it, so that deployments (or CI runs) can share one Redis. */
  redisKeyPrefix: string;
  model: {
    provider: "offline" | "openai";
    apiKey: string | undefined;
    baseUrl: string | undefined;
    chatModel: string;
    /** Per request to the model endpoint; a request that takes longer is retried, then given up. */
    timeoutMs: number;
    maxRetries: number;
    embeddingModel: string;
    embeddingDimensions: number;
  };
  auth:
    | { mode: "dev" }
    | {
        mode: "clerk";
        jwtKey: string | undefined;
        secretKey: string | undefined;
        authorizedParties: string[];
        /** For the web app's sign-in; not a secret. */
        publishableKey: string | undefined;
      };
  seedDemo: boolean;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  langsmithTracing: boolean;
  corsOrigins: string[];
  limits: {
    ratePerMinute: number;
    maxBodyBytes: number;
    maxMessageChars: number;
    maxToolSteps: number;
    threadBudgetUsd: number;
    userDailyBudgetUsd: number;
  };
  otlpEndpoint: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Unset and empty mean the same thing for an environment variable. */
function withoutEmpty(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""),
  );
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (i) => `${i.path.join(".") || "environment"}: ${i.message} (got ${show(env, i.path)})`,
      ),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];

  const hasClerkKey = Boolean(e.CLERK_JWT_KEY || e.CLERK_SECRET_KEY);
  const authMode = e.AUTH_MODE ?? (hasClerkKey ? "clerk" : "dev");
  if (authMode === "dev" && e.NODE_ENV === "production") {
    problems.push(
      "AUTH_MODE: dev tokens are refused when NODE_ENV=production; set CLERK_JWT_KEY or CLERK_SECRET_KEY",
    );
  }
  if (authMode === "dev" && e.AUTH_MODE === "dev" && hasClerkKey) {
    problems.push(
      "AUTH_MODE: dev mode is refused while a Clerk key is configured; unset AUTH_MODE or the key",
    );
  }
  if (authMode === "clerk" && !hasClerkKey) {
    problems.push("AUTH_MODE: clerk mode needs CLERK_JWT_KEY (networkless) or CLERK_SECRET_KEY");
  }
  if (e.MODEL_PROVIDER === "openai" && !e.OPENAI_API_KEY && !e.OPENAI_BASE_URL) {
    problems.push(
      "OPENAI_API_KEY: required when MODEL_PROVIDER=openai (or set OPENAI_BASE_URL for a keyless endpoint)",
    );
  }
  if (problems.length) throw new ConfigError(problems);

  const database: Config["database"] = e.DATABASE_URL
    ? { kind: "postgres", url: e.DATABASE_URL }
    : { kind: "pglite", dir: e.PGLITE_DIR };

  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    model: {
      provider: e.MODEL_PROVIDER,
      apiKey: e.OPENAI_API_KEY,
      baseUrl: e.OPENAI_BASE_URL,
      chatModel: e.CHAT_MODEL,
      timeoutMs: e.OPENAI_TIMEOUT_MS,
      maxRetries: e.OPENAI_MAX_RETRIES,
      embeddingModel:
        e.EMBEDDING_MODEL ?? (e.MODEL_PROVIDER === "openai" ? "text-embedding-3-large" : "offline-glove-100"),
      embeddingDimensions: e.EMBEDDING_DIMENSIONS,
    },
    auth:
      authMode === "dev"
        ? { mode: "dev" }
        : {
            mode: "clerk",
            jwtKey: e.CLERK_JWT_KEY,
            secretKey: e.CLERK_SECRET_KEY,
            authorizedParties: e.CLERK_AUTHORIZED_PARTIES,
            publishableKey: e.CLERK_PUBLISHABLE_KEY,
          },
    // Demo data belongs to the embedded mode; a real database is seeded only when asked.
    seedDemo: e.SEED_DEMO ?? database.kind === "pglite",
    logLevel: e.LOG_LEVEL,
    langsmithTracing: e.LANGSMITH_TRACING,
    corsOrigins: e.CORS_ORIGINS,
    limits: {
      ratePerMinute: e.RATE_LIMIT_PER_MINUTE,
      maxBodyBytes: e.MAX_BODY_BYTES,
      maxMessageChars: e.MAX_MESSAGE_CHARS,
      maxToolSteps: e.MAX_TOOL_STEPS,
      threadBudgetUsd: e.THREAD_BUDGET_USD,
      userDailyBudgetUsd: e.USER_DAILY_BUDGET_USD,
    },
    otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
  };
}

const SECRET = /KEY|SECRET|TOKEN|PASSWORD/;

/** Shows the offending value in an error, except secrets and credentials in URLs. */
function show(env: Record<string, string | undefined>, path: PropertyKey[]): string {
  const name = String(path[0] ?? "");
  const value = env[name];
  if (value === undefined) return "nothing";
  if (SECRET.test(name)) return "a value (hidden)";
  return JSON.stringify(value.replace(/\/\/[^@/]*@/, "//***@"));
}
