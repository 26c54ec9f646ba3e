import { createHash } from "node:crypto";
import type { OfflineDecision } from "../chat-model.js";

/**
 * Wording helpers. Replies are templates with facts filled in; where a template has variants, the
 * variant is chosen by a hash of the conversation so far, so the same conversation always reads
 * the same and different ones read a little differently.
 */

export function pick<T>(seed: string, variants: readonly [T, ...T[]]): T {
  const h = createHash("sha256").update(seed).digest();
  return variants[h.readUInt32BE(0) % variants.length]!;
}

export function money(cents: number): string {
  if (!Number.isFinite(cents)) return "a price to be agreed";
  return cents % 100 === 0 ? `$${cents / 100}` : `$${(cents / 100).toFixed(2)}`;
}

/** "★4.8 (23 reviews)", or "new on Proxie" for a provider nobody has reviewed yet. */
export function ratingText(rating: number, reviewCount: number): string {
  if (!(rating > 0) || !(reviewCount > 0)) return "new on Proxie";
  return `★${rating.toFixed(1)} (${reviewCount} review${reviewCount === 1 ? "" : "s"})`;
}

/** "a, b or c". */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * Slot times as the tools wrote them ("Mon, Nov 30, 5:00 PM"): the first in full, the following
 * ones on the same day by their time only ("5:45 PM").
 */
export function slotTimes(locals: readonly string[]): string {
  const out: string[] = [];
  let day = "";
  for (const local of locals) {
    const cut = local.lastIndexOf(", ");
    const thisDay = cut > 0 ? local.slice(0, cut) : local;
    out.push(thisDay === day && cut > 0 ? local.slice(cut + 2) : local);
    day = thisDay;
  }
  return out.join(", ");
}

// "null" is left out: it can be part of a real business name.
const BROKEN = /\b(?:undefined|NaN)\b|\[object Object\]/;

/** A plain reply. A template that would show a hole is a bug; the reply says so generically instead. */
export function reply(content: string): OfflineDecision {
  return { content: BROKEN.test(content) ? "Sorry, I lost track there. Could you say that again?" : content };
}

export function call(name: string, args: Record<string, unknown>, content = ""): OfflineDecision {
  return { content, toolCalls: [{ name, args }] };
}

export function capitalise(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}
