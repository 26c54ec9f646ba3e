import { formatInZone } from "../../../../core/zoned-time.js";
import { TIME_OFF_CUES } from "../lexicon/time-off-cues.js";
import type { CalendarContext } from "./calendar.js";
import type { TimeWindow } from "./types.js";
import { resolveWindow } from "./when.js";
import type { WorkingText } from "./working-text.js";

const CUE = new RegExp(`(?<![a-z])(?:${TIME_OFF_CUES.join("|")})(?![a-z])`);

/**
 * Days a provider is away: whole days run midnight to midnight ("off on the 24th" is the 24th
 * 00:00 to the 25th 00:00, "away next week" Monday 00:00 to the next Monday 00:00); a part of a
 * day keeps its hours ("block off friday afternoon" is 12:00-17:00). Run after the weekly hours,
 * which take the recurring "off mondays" first.
 */
export function extractTimeOff(w: WorkingText, ctx: CalendarContext): TimeWindow[] | undefined {
  if (!CUE.test(w.value)) return undefined;
  const r = resolveWindow(w.value, ctx, { dayStart: 0, dayEnd: 24 * 60, clip: false });
  if (!r) return undefined;
  const from = Math.min(...r.spans.map((s) => s.start));
  const to = Math.max(...r.spans.map((s) => s.end));
  const text = w.value.slice(from, to).trim();
  for (const s of r.spans) w.consume(s.start, s.end);
  return [{ start: formatInZone(r.start, ctx.timeZone), end: formatInZone(r.end, ctx.timeZone), text }];
}
