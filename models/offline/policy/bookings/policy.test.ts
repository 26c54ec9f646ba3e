import type { BaseMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { loadWordVectors } from "../../word-vectors.js";
import { agentTurn, ai, firstCall, human, result, slot, step, system } from "../dialogue-fixtures.js";
import { createDialogueNlu } from "../nlu.js";
import { bookingsPolicy } from "./policy.js";

const policy = bookingsPolicy(createDialogueNlu({ wordVectors: loadWordVectors() }));
const decide = (messages: BaseMessage[]) => policy(agentTurn("bookings", messages));

function booking(
  option: number,
  id: string,
  category: string,
  provider: string,
  service: string,
  startsAt: string,
  upcoming = true,
) {
  const s = slot(startsAt);
  return {
    option,
    bookingId: id,
    providerId: `prov-${provider.split(" ")[0]!.toLowerCase()}`,
    providerName: provider,
    category,
    serviceName: service,
    startsAt: s.startsAt,
    local: s.local,
    price: "$40",
    priceCents: 4000,
    status: upcoming ? "confirmed" : "completed",
    upcoming,
  };
}

const UPCOMING = [
  booking(1, "b-cut-fri", "haircut", "Fresh Fades", "Skin Fade", "2026-12-04T10:00:00-06:00"),
  booking(2, "b-clean-thu", "cleaning", "Sparkle Home", "Deep Clean", "2026-12-03T09:00:00-06:00"),
  booking(3, "b-cut-sat", "haircut", "Kuts by Kim", "Taper Fade", "2026-12-05T11:00:00-06:00"),
];

function listed(text: string, which = "upcoming", bookings = UPCOMING): BaseMessage[] {
  const [call, res] = step(
    "bookings",
    "list_bookings",
    { which },
    { ok: true, which, count: bookings.length, bookings },
  );
  return [system("bookings"), human(text), call, res];
}

describe("bookings policy", () => {
  it("lists the bookings before acting on one", () => {
    const d = decide([system("bookings"), human("please cancel my haircut on friday")]);
    expect(firstCall(d)).toEqual({ name: "list_bookings", args: { which: "upcoming" } });
  });

  it("cancels the one booking the words point at", () => {
    const d = decide(listed("please cancel my haircut on friday"));
    expect(firstCall(d)).toEqual({ name: "cancel_booking", args: { bookingId: "b-cut-fri" } });
  });

  it("cancels every booking 'all my haircuts' fits, one confirmation at a time", () => {
    const history = listed("cancel all my haircuts");
    const first = decide(history);
    expect(firstCall(first)).toEqual({ name: "cancel_booking", args: { bookingId: "b-cut-fri" } });
    expect(first.content).toContain("one at a time");
    const proposal = ai("bookings", first.content, [
      { name: "cancel_booking", args: { bookingId: "b-cut-fri" } },
    ]);
    const resumed = ai("bookings", "", [{ name: "cancel_booking", args: {} }]);
    const done = result(resumed, {
      ok: true,
      status: "cancelled",
      booking: { providerName: "Fresh Fades", serviceName: "Skin Fade", local: "Fri, Dec 4, 10:00 AM" },
    });
    const next = decide([...history, proposal, human("yes"), resumed, done]);
    // The cleaning is not a haircut: only the other haircut is next.
    expect(firstCall(next)).toEqual({ name: "cancel_booking", args: { bookingId: "b-cut-sat" } });
    expect(next.content).toMatch(/^Cancelled: Skin Fade with Fresh Fades .* Next:/);
  });

  it("asks which when two bookings match, then acts on the answer", () => {
    const history = listed("cancel my haircut");
    const asked = decide(history);
    expect(asked.toolCalls ?? []).toEqual([]);
    expect(asked.content).toContain("Fresh Fades");
    expect(asked.content).toContain("Kuts by Kim");
    const d = decide([...history, ai("bookings", asked.content), human("the saturday one")]);
    expect(firstCall(d)).toEqual({ name: "cancel_booking", args: { bookingId: "b-cut-sat" } });
  });

  it("moves a booking: checks the new time, then reschedules to it", () => {
    const history = listed("can you move my cleaning to friday at 2pm?");
    const check = decide(history);
    expect(firstCall(check)).toMatchObject({
      name: "check_availability",
      args: { providerId: "prov-sparkle" },
    });
    const [call, res] = step("bookings", "check_availability", firstCall(check)!.args, {
      ok: true,
      providerId: "prov-sparkle",
      providerName: "Sparkle Home",
      service: { serviceId: "s", name: "Deep Clean", priceCents: 20000, durationMin: 180 },
      slots: [slot("2026-12-04T13:00:00-06:00"), slot("2026-12-04T14:00:00-06:00")],
    });
    const d = decide([...history, call, res]);
    expect(firstCall(d)).toEqual({
      name: "reschedule_booking",
      args: { bookingId: "b-clean-thu", startsAt: "2026-12-04T20:00:00.000Z" },
    });
  });

  it("reviews a past booking with the stars and words given", () => {
    const past = [
      booking(1, "b-old", "plumbing", "Rapid Rooter", "Leak Repair", "2026-11-20T10:00:00-06:00", false),
    ];
    const first = decide([
      system("bookings"),
      human("I'd like to leave a review for my plumber: 4 stars, quick and tidy"),
    ]);
    expect(firstCall(first)).toEqual({ name: "list_bookings", args: { which: "past" } });
    const d = decide(
      listed("I'd like to leave a review for my plumber: 4 stars, quick and tidy", "past", past),
    );
    expect(firstCall(d)).toEqual({
      name: "leave_review",
      args: { bookingId: "b-old", rating: 4, text: "quick and tidy" },
    });
  });

  it("asks for the stars when the review has none", () => {
    const past = [
      booking(1, "b-old", "plumbing", "Rapid Rooter", "Leak Repair", "2026-11-20T10:00:00-06:00", false),
    ];
    const d = decide(listed("review my plumber", "past", past));
    expect(d.toolCalls ?? []).toEqual([]);
    expect(d.content).toMatch(/stars/);
  });

  it("refuses someone else's booking and writes nothing", () => {
    const d = decide(listed("cancel Maria's appointment on thursday"));
    expect(d.toolCalls ?? []).toEqual([]);
    expect(d.content).toMatch(/only see and change your own bookings/);
    const byId = decide(listed("cancel booking 4b1f2c3d-1111-4222-8333-944445555666"));
    expect(byId.toolCalls ?? []).toEqual([]);
  });

  it("is deterministic", () => {
    const h = listed("cancel my haircut");
    expect(decide(h)).toEqual(decide(h));
  });
});

describe("offers", () => {
  const OFFERS = [
    {
      option: 1,
      offerId: "o-lemon",
      requestId: "r1",
      providerName: "Lemon Fresh Maids",
      rating: 4.2,
      price: "$200",
      priceCents: 20000,
      startsAt: "2026-12-04T15:00:00.000Z",
      local: "Fri, Dec 4, 9:00 AM",
      status: "pending",
    },
    {
      option: 2,
      offerId: "o-shine",
      requestId: "r1",
      providerName: "Shine Bright Co",
      rating: 4.8,
      price: "$260",
      priceCents: 26000,
      startsAt: "2026-12-03T15:00:00.000Z",
      local: "Thu, Dec 3, 9:00 AM",
      status: "pending",
    },
  ];
  const shown = () => {
    const [call, res] = step("bookings", "list_offers", {}, { ok: true, count: 2, offers: OFFERS });
    return [
      system("bookings"),
      human("any quotes yet?"),
      call,
      res,
      ai("bookings", "Offers on your requests: …"),
    ];
  };

  it("answers a question about the offers shown and proposes that offer, not a list of bookings", () => {
    const d = decide([...shown(), human("which is cheaper")]);
    expect(firstCall(d)).toEqual({ name: "accept_offer", args: { offerId: "o-lemon" } });
    expect(d.content).toMatch(/^Lemon Fresh Maids' offer is the cheapest, at \$200\./);
    const soonest = decide([...shown(), human("who can come soonest?")]);
    expect(firstCall(soonest)).toEqual({ name: "accept_offer", args: { offerId: "o-shine" } });
  });

  it("explains that a request cannot be withdrawn here, and calls nothing", () => {
    const d = decide([system("bookings"), human("cancel my request please")]);
    expect(d.toolCalls ?? []).toEqual([]);
    expect(d.content).toContain("can't withdraw a request");
  });
});
