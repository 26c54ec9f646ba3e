import type { SlotContext } from "./types.js";

/** Wednesday 13 May 2026, 10:00 in Chicago: the reference instant of the slot unit tests. */
export const CHICAGO_WEDNESDAY: SlotContext = {
  now: new Date("2026-05-13T10:00:00-05:00"),
  timeZone: "America/Chicago",
};

export const SHOWN_PLUMBERS: NonNullable<SlotContext["options"]> = [
  {
    index: 1,
    id: "p_aq",
    name: "AquaFix Brothers",
    priceCents: 14000,
    rating: 4.2,
    startsAt: "2026-05-14T09:00:00-05:00",
  },
  {
    index: 2,
    id: "p_lp",
    name: "Lopez Plumbing & Heating",
    priceCents: 9900,
    rating: 4.9,
    startsAt: "2026-05-13T15:00:00-05:00",
  },
  {
    index: 3,
    id: "p_nd",
    name: "North Drain Co",
    priceCents: 12500,
    rating: 4.6,
    startsAt: "2026-05-16T11:00:00-05:00",
  },
];
