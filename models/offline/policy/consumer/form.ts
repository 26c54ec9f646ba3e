import type { AgentContext } from "../../../../agents/context.js";
import { findServiceMentions, unlistedCleaningJob } from "../../nlu/slots/services.js";
import type { ShownOption, Slots, TimeWindow } from "../../nlu/slots.js";
import { normaliseText } from "../../nlu/text-normalise.js";
import type { Dialogue, Turn } from "../conversation.js";
import type { DialogueNlu } from "../nlu.js";
import { type CategoryAgent, isAgent, isCategoryAgent } from "../routing.js";
import { namesDay, namesDayOnly, sameTimeOnDay } from "../time-match.js";

/** What a booking needs, as the conversation has said it so far (latest words win). */
export interface ConsumerForm {
  category: CategoryAgent;
  /** A canonical service ("fade") or, when the user answered our question in their own words, those. */
  service?: string;
  /** The user's narrower words for the service ("skin fade"), searched for instead of `service`. */
  serviceVariant?: string;
  bedrooms?: number;
  bathrooms?: number;
  when?: TimeWindow;
  budgetMaxCents?: number;
  /** A zip said in the conversation; the usual zip from the context is used when absent. */
  zip?: string;
  urgent: boolean;
  /** The user's own description of the job, for a request to providers. */
  description?: string;
}

export type FormField = "service" | "rooms" | "zip";

const DEFAULT_SERVICE: Record<CategoryAgent, string> = {
  haircut: "haircut",
  cleaning: "regular clean",
  plumbing: "plumbing",
};

const SIZED_CLEANS = new Set(["deep clean", "move-out clean", "move-in clean"]);

/**
 * The one thing to ask next, or undefined when a search can run. The size of the place is asked
 * once, as bedrooms and bathrooms together; either answer is enough to price the clean.
 */
export function missingField(form: ConsumerForm, ctx: AgentContext): FormField | undefined {
  if (!form.service) return "service";
  if (
    form.category === "cleaning" &&
    SIZED_CLEANS.has(form.service) &&
    form.bedrooms === undefined &&
    form.bathrooms === undefined
  )
    return "rooms";
  if (!form.zip && !ctx.usualZip) return "zip";
  return undefined;
}

export function slotContext(d: Dialogue, options?: ShownOption[]) {
  return {
    now: new Date(d.context.now),
    timeZone: d.context.timeZone,
    role: "consumer" as const,
    ...(options?.length ? { options } : {}),
  };
}

/**
 * Whether a user message counts for this category's slots: it was answered by this agent (or by
 * the general one, or nobody yet), and it does not name another category.
 */
function aboutCategory(turn: Turn, slots: Slots, me: CategoryAgent, isLatest: boolean): boolean {
  if (slots.category && slots.category !== me) return false;
  if (isLatest) return true;
  if (!isAgent(turn.agent)) return true;
  return turn.agent === me || turn.agent === "general";
}

/** A turn in which this agent completed something: what came before is a finished episode. */
function closesEpisode(turn: Turn, me: string): boolean {
  return turn.steps.some(
    (s) =>
      (s.agent === undefined || s.agent === me) &&
      s.result?.ok === true &&
      (s.result.status === "booked" || s.result.status === "posted"),
  );
}

const FILLER =
  /^(?:(?:um+|uh+|well|so|ok(?:ay)?|sure|yeah|yes|i need|i want|i'?d like|i would like|just|maybe|please|it'?s|its|a|an|the|some|for)[,.!]?\s+)+/;

/** The user's own words for a service, when they answered "what would you like?" without a known one. */
function ownWords(text: string): string | undefined {
  const t = normaliseText(text)
    .replace(FILLER, "")
    .replace(/[.!?]+$/, "")
    .trim();
  return /[a-z]{3,}/.test(t) && t.length <= 80 ? t : undefined;
}

/** "3 and 2", "3/2", "3, 2": bare numbers answering "how many bedrooms and bathrooms?". */
function bareRoomCounts(text: string): number[] {
  const words: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };
  return [
    ...normaliseText(text).matchAll(
      /(?<![\d.$])(\d+(?:\.5)?|one|two|three|four|five|six)(?![\d:]|\s?(?:am|pm))/g,
    ),
  ]
    .map((m) => words[m[1]!] ?? Number(m[1]))
    .filter((n) => n >= 0 && n < 20);
}

export interface FormReading {
  form: ConsumerForm;
  /** The form before the latest message, to tell what the message changed. */
  before: ConsumerForm;
  /** The latest message's slots. */
  latest: Slots;
  /** What the assistant asked for just before the latest message, if it was a question of the form. */
  asked: FormField | undefined;
}

/**
 * Rebuilds the form from the user's messages. The zip comes from any message; the rest only from
 * messages about this category. A finished booking closes an episode: its time, budget and
 * urgency do not carry into the next request, while the service, rooms and zip do.
 */
export function readForm(
  nlu: DialogueNlu,
  d: Dialogue,
  me: CategoryAgent,
  options: ShownOption[] | undefined,
): FormReading {
  const humans = d.turns.filter((t) => t.human !== undefined);
  const ctx = slotContext(d);
  let form: ConsumerForm = { category: me, urgent: false };
  let before: ConsumerForm = form;
  let latest: Slots = {};
  let asked: FormField | undefined;
  humans.forEach((turn, i) => {
    const isLatest = i === humans.length - 1;
    const text = turn.human!;
    const slots = ownCategory(nlu.slots(text, isLatest ? slotContext(d, options) : ctx), text, me);
    const previous = humans[i - 1];
    const askedHere = previous ? askedIn(previous, form, d.context, me) : undefined;
    if (isLatest) {
      before = { ...form };
      latest = slots;
      asked = askedHere;
    }
    const next: ConsumerForm = { ...form };
    if (slots.zip) next.zip = slots.zip;
    if (aboutCategory(turn, slots, me, isLatest)) {
      const unlisted = slots.category === me && !slots.service ? unlistedJob(text, me) : undefined;
      if (slots.service && slots.category === me) {
        next.service = slots.service;
        if (slots.serviceVariant) next.serviceVariant = slots.serviceVariant;
        else delete next.serviceVariant;
        next.description = text;
      } else if (unlisted) {
        // "Clean my gutters": no kind of clean to ask about; the job in the user's words is searched.
        next.service = unlisted;
        delete next.serviceVariant;
        next.description = text;
      } else if (!next.description && slots.category === me) next.description = text;
      if (slots.bedrooms !== undefined) next.bedrooms = slots.bedrooms;
      if (slots.bathrooms !== undefined) next.bathrooms = slots.bathrooms;
      if (slots.when) {
        next.when = next.when ? correctedWhen(next.when, slots.when, ctx.timeZone) : slots.when;
        if (isLatest) latest = { ...latest, when: next.when };
      }
      if (slots.budget) next.budgetMaxCents = slots.budget.maxCents ?? slots.budget.targetCents;
      if (slots.urgent) next.urgent = true;
      if (askedHere) answerQuestion(next, askedHere, text, slots);
    }
    form = next;
    if (!isLatest && closesEpisode(turn, me)) {
      const { when: _w, budgetMaxCents: _b, urgent: _u, ...kept } = form;
      form = { ...kept, urgent: false };
    }
  });
  return { form, before, latest, asked };
}

/**
 * A new time said after an earlier one: a day alone keeps the time of day already asked for
 * ("make it thursday"), a time of day alone keeps the day ("thursday", then "make it after 5");
 * anything else replaces it.
 */
function correctedWhen(earlier: TimeWindow, said: TimeWindow, timeZone: string): TimeWindow {
  if (namesDayOnly(said) && !namesDayOnly(earlier)) return sameTimeOnDay(earlier, said, timeZone);
  if (!namesDay(said) && namesDayOnly(earlier)) return sameTimeOnDay(said, earlier, timeZone);
  return said;
}

/**
 * "A haircut and also my sink leaks", read by the plumber: the slots name the first service, so
 * the service of this category is looked for among all those the message mentions.
 */
function ownCategory(slots: Slots, text: string, me: CategoryAgent): Slots {
  if (!slots.category || slots.category === me) return slots;
  const mine = findServiceMentions(normaliseText(text)).find((m) => m.category === me);
  if (!mine) return slots;
  const { serviceVariant: _, ...rest } = slots;
  return {
    ...rest,
    category: me,
    service: mine.service,
    ...(mine.variant ? { serviceVariant: mine.variant } : {}),
  };
}

/** A job of this category that no catalogue service names, in the user's words ("gutter cleaning"). */
function unlistedJob(text: string, me: CategoryAgent): string | undefined {
  return me === "cleaning" ? unlistedCleaningJob(normaliseText(text)) : undefined;
}

/** Reads a bare answer in the light of the question asked ("3 and 2" after "how many rooms?"). */
function answerQuestion(form: ConsumerForm, asked: FormField, text: string, slots: Slots): void {
  if (asked === "service" && !form.service && !slots.service && slots.act !== "deny") {
    const words = slots.act || slots.zip || slots.when || slots.reference ? undefined : ownWords(text);
    // Asked once and answered with something else: the plain service of the category will do,
    // rather than asking the same question again.
    form.service = words ?? DEFAULT_SERVICE[form.category];
    if (words) form.description = text;
  }
  if (asked === "rooms" && slots.bedrooms === undefined && slots.bathrooms === undefined) {
    const [a, b] = bareRoomCounts(text);
    if (a !== undefined) {
      if (form.bedrooms === undefined) {
        form.bedrooms = a;
        if (b !== undefined) form.bathrooms = b;
      } else form.bathrooms = a;
    }
  }
}

/** The form field the assistant's turn ended by asking for, if it ended with a question of the form. */
function askedIn(turn: Turn, formThen: ConsumerForm, ctx: AgentContext, me: string): FormField | undefined {
  if (turn.agent !== undefined && turn.agent !== me) return undefined;
  const mine = turn.steps.filter((s) => s.agent === undefined || s.agent === me);
  const last = mine.at(-1);
  if (last && last.result?.code === "missing_zip") return "zip";
  if (mine.length > 0) return undefined;
  return missingField(formThen, ctx);
}

export function isCategory(a: string): a is CategoryAgent {
  return isCategoryAgent(a);
}
