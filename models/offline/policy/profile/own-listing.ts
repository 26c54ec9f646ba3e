import { z } from "zod";
import { formatCents, timeOffText } from "../../../../db/profile-diff.js";
import type { ToolResult } from "../conversation.js";
import { andList } from "../nlg.js";

const DAY = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** What get_provider answers about the caller's own profile, as far as the reply reads it. */
const OwnProfile = z.object({
  provider: z.object({
    name: z.string(),
    zip: z.string(),
    serviceRadiusKm: z.number(),
    timezone: z.string(),
    services: z.array(z.object({ name: z.string(), priceCents: z.number(), durationMin: z.number() })),
    weeklyHours: z.array(z.object({ weekday: z.number(), start: z.string(), end: z.string() })),
    timeOff: z.array(z.object({ startsAt: z.string(), endsAt: z.string() })),
  }),
});

/** Days with the same hours run together: "Mon–Fri 10:00–20:00", "Sat 09:00–17:00". */
function hoursLines(hours: { weekday: number; start: string; end: string }[]): string[] {
  const byDay = DAY.map((_, d) =>
    hours
      .filter((h) => h.weekday === d)
      .map((h) => `${h.start}–${h.end}`)
      .join(", "),
  );
  const lines: string[] = [];
  // Monday first, Sunday last: the week as a shop's door shows it.
  const order = [1, 2, 3, 4, 5, 6, 0];
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && byDay[order[j + 1]!] === byDay[order[i]!]) j++;
    const days = i === j ? DAY[order[i]!]! : `${DAY[order[i]!]}–${DAY[order[j]!]}`;
    lines.push(`${days} ${byDay[order[i]!] || "closed"}`);
    i = j + 1;
  }
  return lines;
}

/** The provider's own listing read back: services, hours, area and time off to come. */
export function ownListingReply(r: ToolResult | undefined, now: Date): string {
  if (r?.code === "not_found")
    return "You don't have a profile on Proxie yet. Want to set one up? Tell me the name of your business.";
  const parsed = OwnProfile.safeParse(r?.body);
  if (!r?.ok || !parsed.success)
    return "I couldn't read your profile just now. Please try again in a moment.";
  const p = parsed.data.provider;
  const services = p.services.length
    ? andList(p.services.map((s) => `${s.name} ${formatCents(s.priceCents)} (${s.durationMin} min)`))
    : "none yet";
  const coming = p.timeOff.filter((t) => new Date(t.endsAt) > now);
  const off = coming.length ? `\nTime off: ${coming.map((t) => timeOffText(t, p.timezone)).join("; ")}.` : "";
  return `Here's ${p.name} as customers see it:
Services: ${services}.
Hours: ${hoursLines(p.weeklyHours).join("; ")}.
Area: ${Math.round(p.serviceRadiusKm)} km around ${p.zip}.${off}
Tell me anything you'd like to change.`;
}
