import type { AgentContext } from "../../../../agents/context.js";
import type { OfflineDecision } from "../../chat-model.js";
import type { TimeWindow } from "../../nlu/slots.js";
import { call } from "../nlg.js";
import { isExact } from "../time-match.js";
import type { SlotView } from "../tool-results.js";
import type { ConsumerForm } from "./form.js";
import { jobPhrase, proposalLead } from "./replies.js";
import type { KnownProvider } from "./shown.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function iso(t: number): string {
  return new Date(t).toISOString();
}

/**
 * The after/before of a search for a time: a window as said; an exact time widened a little
 * (an hour before, two after) so that near slots show when that very minute is taken.
 */
export function searchWindow(when: TimeWindow | undefined, now: Date): { after?: string; before?: string } {
  if (!when) return {};
  const start = new Date(when.start).getTime();
  const end = new Date(when.end).getTime();
  const after = Math.max(now.getTime(), isExact(when) ? start - HOUR : start);
  const before = isExact(when) ? start + 2 * HOUR : end;
  return before > after ? { after: iso(after), before: iso(before) } : {};
}

/** A provider's times around what the user asked: three hours either side of an exact time. */
export function checkWindow(when: TimeWindow | undefined, now: Date): { after?: string; before?: string } {
  if (!when) return {};
  const start = new Date(when.start).getTime();
  const end = new Date(when.end).getTime();
  const after = Math.max(now.getTime(), isExact(when) ? start - 3 * HOUR : start);
  const before = isExact(when) ? start + 4 * HOUR : end;
  return before > after ? { after: iso(after), before: iso(before) } : {};
}

/** Words for search_providers: the service (with the size of the place for a clean). */
export function searchQuery(form: ConsumerForm): string {
  const base = form.serviceVariant ?? form.service ?? form.category;
  if (form.category === "cleaning" && form.bedrooms !== undefined) {
    return `${base} ${form.bedrooms === 0 ? "studio" : `${form.bedrooms} bedroom`}`;
  }
  return base;
}

export function zipFor(form: ConsumerForm, ctx: AgentContext): string | undefined {
  return form.zip ?? ctx.usualZip ?? undefined;
}

export function searchCall(
  form: ConsumerForm,
  ctx: AgentContext,
  over: { when?: TimeWindow | undefined; query?: string } = {},
): OfflineDecision {
  const when = "when" in over ? over.when : form.when;
  const zip = zipFor(form, ctx);
  return call("search_providers", {
    query: over.query ?? searchQuery(form),
    category: form.category,
    ...(zip ? { zip } : {}),
    // An emergency wants the soonest slot, whatever time was mentioned.
    ...(form.urgent ? {} : searchWindow(when, new Date(ctx.now))),
    ...(form.budgetMaxCents ? { maxPriceCents: form.budgetMaxCents } : {}),
    limit: 5,
  });
}

export function checkCall(p: KnownProvider, when: TimeWindow | undefined, now: Date): OfflineDecision {
  return call("check_availability", {
    providerId: p.providerId,
    serviceId: p.service.serviceId,
    ...checkWindow(when, now),
    limit: when && isExact(when) ? 20 : 6,
  });
}

/** Proposes booking `slot`; `answer` is what the user's question about the options got for a reply. */
export function bookCall(
  p: KnownProvider,
  slot: SlotView,
  seed: string,
  lead?: string,
  answer?: string,
): OfflineDecision {
  const before = [lead, answer].filter(Boolean).join(" ");
  return call(
    "create_booking",
    { providerId: p.providerId, serviceId: p.service.serviceId, startsAt: slot.startsAt },
    `${before ? `${before} ` : ""}${proposalLead(p, slot, seed, answer !== undefined)}`,
  );
}

/** A request for offers over the time the user gave, or the coming week. */
export function requestCall(form: ConsumerForm, ctx: AgentContext): OfflineDecision {
  const now = new Date(ctx.now).getTime();
  const nextHour = Math.ceil(now / HOUR) * HOUR;
  let start = nextHour;
  let end = nextHour + 7 * 24 * HOUR;
  if (form.when) {
    const s = new Date(form.when.start).getTime();
    const e = new Date(form.when.end).getTime();
    start = Math.max(s, now);
    end = isExact(form.when) ? Math.max(s, now) + 2 * HOUR : e;
    if (end <= start) end = start + 2 * HOUR;
  }
  const zip = form.zip ?? ctx.usualZip ?? undefined;
  const words = form.description?.trim();
  const description = words && words.length >= 3 ? words.slice(0, 1000) : jobPhrase(form);
  return call("create_request", {
    category: form.category,
    description,
    ...(zip ? { zip } : {}),
    windowStart: iso(start),
    windowEnd: iso(end),
    ...(form.budgetMaxCents ? { budgetCents: form.budgetMaxCents } : {}),
  });
}
