import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { AGENT_NAMES } from "../agents/registry.js";
import { CATEGORIES } from "../core/categories.js";
import { isTimeZone } from "../core/time.js";
import { TABLE_FIELDS, type TableName } from "./tables.js";

/**
 * The scenario format (DESIGN.md section 7, extended; documented in evals/README.md): one YAML file
 * per scenario under `evals/scenarios/<suite>/`. Parsing is strict, so that a typo in a key or a
 * field name fails the load with the file and the path, instead of silently judging nothing.
 */

export const SCENARIOS_DIR = fileURLToPath(new URL("./scenarios", import.meta.url));
/** The instant the eval template's demo marketplace is seeded around, and every scenario's default `now`. */
export const EVAL_SEED_NOW = "2026-03-02T15:00:00Z";

/** An agent, or alternatives that are equally right (`bookings|plumbing`). */
const Route = z
  .string()
  .refine((r) => r.split("|").every((a) => (AGENT_NAMES as readonly string[]).includes(a)), {
    message: `an agent (${AGENT_NAMES.join(", ")}) or alternatives such as "bookings|plumbing"`,
  });
const Role = z.enum(["consumer", "provider", "admin"]);
const Zip = z.string().regex(/^\d{5}$/, "a 5-digit zip");
const TimeZone = z.string().refine(isTimeZone, "an IANA time zone such as America/Chicago");
const Id = z.string().regex(/^[A-Za-z0-9_.:@-]{1,100}$/, "letters, digits or _ . : @ -");
/** An ISO instant, or a time relative to the scenario's `now` (see `resolveTime`). */
const When = z.string().min(2);
const Cents = z.number().int().min(0).max(10_000_000);

export const PersonSchema = z
  .object({
    userId: Id,
    role: Role,
    name: z.string().min(1).max(120).optional(),
    zip: Zip.optional(),
    timezone: TimeZone.optional(),
  })
  .strict();
export type Person = z.infer<typeof PersonSchema>;

const Weekdays = z.string().regex(/^(sun|mon|tue|wed|thu|fri|sat)(-(sun|mon|tue|wed|thu|fri|sat))?$/i);
const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM, 24-hour");

const ProviderFixture = z
  .object({
    ref: Id,
    userId: Id.optional(),
    name: z.string().min(1).max(120),
    category: z.enum(CATEGORIES),
    zip: Zip,
    bio: z.string().max(4000).default(""),
    specialties: z.string().max(500).optional(),
    languages: z.array(z.string()).optional(),
    radiusKm: z.number().positive().max(100).default(15),
    timezone: TimeZone.default("America/Chicago"),
    services: z
      .array(
        z
          .object({
            name: z.string().min(1).max(80),
            description: z.string().max(1000).default(""),
            priceCents: Cents,
            durationMin: z.number().int().min(5).max(720),
          })
          .strict(),
      )
      .min(1),
    hours: z
      .array(z.object({ days: Weekdays, from: HHMM, to: HHMM }).strict())
      .default([{ days: "mon-sat", from: "09:00", to: "18:00" }]),
    timeOff: z.array(z.object({ from: When, to: When, reason: z.string().optional() }).strict()).default([]),
    rating: z.number().min(0).max(5).optional(),
  })
  .strict();

const BookingFixture = z
  .object({
    ref: Id.optional(),
    consumer: Id.optional(),
    provider: Id,
    service: z.string().optional(),
    at: When,
    status: z.enum(["confirmed", "cancelled", "completed"]).default("confirmed"),
  })
  .strict();

const RequestFixture = z
  .object({
    ref: Id,
    consumer: Id.optional(),
    category: z.enum(CATEGORIES),
    description: z.string().min(3).max(2000),
    zip: Zip.optional(),
    from: When,
    to: When,
    budgetCents: Cents.optional(),
    status: z.enum(["open", "booked", "cancelled", "expired"]).default("open"),
  })
  .strict();

const OfferFixture = z
  .object({
    ref: Id.optional(),
    request: Id,
    provider: Id,
    priceCents: Cents,
    at: When,
    durationMin: z.number().int().min(5).max(720).default(60),
    message: z.string().max(1000).optional(),
    status: z.enum(["pending", "declined", "withdrawn", "expired"]).default("pending"),
  })
  .strict();

const ReviewFixture = z
  .object({
    booking: Id,
    rating: z.number().int().min(1).max(5),
    text: z.string().max(2000).default(""),
  })
  .strict();

const FixturesSchema = z
  .object({
    users: z.array(PersonSchema).default([]),
    providers: z.array(ProviderFixture).default([]),
    bookings: z.array(BookingFixture).default([]),
    requests: z.array(RequestFixture).default([]),
    offers: z.array(OfferFixture).default([]),
    reviews: z.array(ReviewFixture).default([]),
    favorites: z.array(z.object({ consumer: Id.optional(), provider: Id }).strict()).default([]),
  })
  .strict();
export type Fixtures = z.infer<typeof FixturesSchema>;

const Texts = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));

const TurnObject = z
  .object({
    /** What the user says. */
    say: z.string().min(1).max(4000).optional(),
    /** Answers the pending confirmation with the API's resume field instead of words. */
    resume: z.enum(["approve", "reject"]).optional(),
    note: z.string().max(500).optional(),
    /** Who speaks: `principal` (default) or a name from `actors`. */
    as: Id.optional(),
    /** Expected: the agent that answers this turn (`a|b`: either). */
    route: Route.optional(),
    /** Expected: the write this turn asks to confirm (`none`: no confirmation). */
    confirm: z.string().optional(),
    replyIncludes: Texts.optional(),
    replyExcludes: Texts.optional(),
  })
  .strict()
  .refine((t) => Boolean(t.say) !== Boolean(t.resume), { message: "a turn has either `say` or `resume`" });

export const TurnSchema = z
  .union([z.string().min(1).max(4000), TurnObject])
  .transform((t) => (typeof t === "string" ? { say: t } : t));
export type Turn = z.output<typeof TurnSchema>;

/** One expected row change: field predicates over the table's view (see `tables.ts`). */
const RowExpectation = z.record(z.string(), z.unknown());

const DbExpectation = z
  .object(
    Object.fromEntries(
      (Object.keys(TABLE_FIELDS) as TableName[]).map((t) => [t, z.array(RowExpectation).optional()]),
    ) as Record<TableName, z.ZodOptional<z.ZodArray<typeof RowExpectation>>>,
  )
  .strict();
export type DbExpectationT = z.infer<typeof DbExpectation>;

const ExpectSchema = z
  .object({
    /** The agents the conversation goes through, in order (consecutive repeats collapsed). */
    routes: z.union([z.array(Route), z.record(Id, z.array(Route))]).optional(),
    tools: z
      .object({
        called: z.array(z.string()).default([]),
        notCalled: z.array(z.string()).default([]),
        calledWith: z
          .array(z.object({ name: z.string(), args: z.record(z.string(), z.unknown()) }).strict())
          .default([]),
      })
      .strict()
      .optional(),
    db: DbExpectation.default({}),
    /** Rows changed beyond those expected fail the scenario (default true: "only the expected writes"). */
    noOtherWrites: z.boolean().default(true),
    /** Texts (case-insensitive; `/regex/` allowed) the last reply of the principal must contain. */
    replyIncludes: Texts.optional(),
    /** Texts no assistant reply of the conversation may contain. */
    replyExcludes: Texts.optional(),
  })
  .strict();
export type Expectations = z.infer<typeof ExpectSchema>;

export const ScenarioSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,100}$/, "kebab-case"),
    title: z.string().optional(),
    tags: z.array(z.string()).default([]),
    principal: PersonSchema,
    /** Other people who speak in the same scenario (a provider answering a consumer's request…). */
    actors: z.record(Id, PersonSchema).default({}),
    now: z.iso.datetime({ offset: true }).default(EVAL_SEED_NOW),
    fixtures: FixturesSchema.default({
      users: [],
      providers: [],
      bookings: [],
      requests: [],
      offers: [],
      reviews: [],
      favorites: [],
    }),
    turns: z.array(TurnSchema).default([]),
    simulator: z
      .object({ instruction: z.string().min(10), maxTurns: z.number().int().min(1).max(30).default(10) })
      .strict()
      .optional(),
    expect: ExpectSchema,
  })
  .strict()
  .superRefine((s, ctx) => {
    if (!s.turns.length && !s.simulator)
      ctx.addIssue({ code: "custom", message: "a scenario needs scripted `turns`, a `simulator`, or both" });
    for (const [i, t] of s.turns.entries()) {
      if (t.as && t.as !== "principal" && !(t.as in s.actors))
        ctx.addIssue({ code: "custom", path: ["turns", i, "as"], message: `no actor named ${t.as}` });
    }
    for (const [table, rows] of Object.entries(s.expect.db)) {
      for (const [i, row] of (rows ?? []).entries()) {
        for (const key of Object.keys(row)) {
          const problem = predicateProblem(table as TableName, key);
          if (problem)
            ctx.addIssue({ code: "custom", path: ["expect", "db", table, i, key], message: problem });
        }
      }
    }
  });

export type Scenario = z.output<typeof ScenarioSchema> & { suite: string; file: string };

const OPERATOR_SUFFIXES = ["Includes", "Excludes", "Between", "Not", "Matches"] as const;

/** Splits `priceCentsBetween` into the field and its operator. */
export function splitPredicate(key: string): {
  field: string;
  op: (typeof OPERATOR_SUFFIXES)[number] | "eq";
} {
  for (const op of OPERATOR_SUFFIXES) {
    if (key.endsWith(op) && key.length > op.length) return { field: key.slice(0, -op.length), op };
  }
  return { field: key, op: "eq" };
}

function predicateProblem(table: TableName, key: string): string | undefined {
  if (key === "change") return undefined;
  const { field } = splitPredicate(key);
  const fields = TABLE_FIELDS[table];
  return fields.includes(field)
    ? undefined
    : `unknown field "${field}" for ${table}; one of: ${fields.join(", ")}`;
}

export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = "ScenarioError";
  }
}

/** Parses one scenario file's text; `suite` is its folder name. */
export function parseScenario(text: string, file: string, suite: string): Scenario {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new ScenarioError(file, `not valid YAML: ${(err as Error).message}`);
  }
  const parsed = ScenarioSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new ScenarioError(file, issues.join("; "));
  }
  const expectedId = basename(file).replace(/\.ya?ml$/, "");
  if (parsed.data.id !== expectedId)
    throw new ScenarioError(file, `id "${parsed.data.id}" must match the file name "${expectedId}"`);
  return { ...parsed.data, suite, file };
}

/** Every scenario under the given suite folders (or under `evals/scenarios/` when none is given). */
export function loadScenarios(suites: string[] = [], root = SCENARIOS_DIR): Scenario[] {
  const dirs = suites.length
    ? suites.map((s) => (statSafe(s)?.isDirectory() ? s : join(root, s)))
    : readdirSync(root)
        .map((d) => join(root, d))
        .filter((d) => statSafe(d)?.isDirectory())
        .sort();
  const out: Scenario[] = [];
  const seen = new Map<string, string>();
  for (const dir of dirs) {
    if (!statSafe(dir)?.isDirectory()) throw new Error(`no suite folder ${dir}`);
    for (const file of walk(dir)) {
      const suite = basename(dir === root ? dirname(file) : dir);
      const rel = relative(process.cwd(), file);
      const s = parseScenario(readFileSync(file, "utf8"), rel, suite);
      const other = seen.get(s.id);
      if (other) throw new ScenarioError(rel, `id "${s.id}" is also used by ${other}`);
      seen.set(s.id, rel);
      out.push(s);
    }
  }
  return out;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSafe(p)?.isDirectory()) out.push(...walk(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

function statSafe(p: string) {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

/** The people of a scenario by name: `principal` and each actor. */
export function peopleOf(s: Pick<Scenario, "principal" | "actors">): Record<string, Person> {
  return { principal: s.principal, ...s.actors };
}
