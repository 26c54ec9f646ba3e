import { describe, expect, it } from "vitest";
import { extractSlots } from "../slots.js";
import { CHICAGO_WEDNESDAY } from "./test-context.js";

const consumer = (text: string) => extractSlots(text, { ...CHICAGO_WEDNESDAY, role: "consumer" });
const provider = (text: string) => extractSlots(text, { ...CHICAGO_WEDNESDAY, role: "provider" });

describe("phrasings read across slots", () => {
  it("reads a weekday with a day of the month as that date, not the next such weekday", () => {
    // Wednesday 13 May: "monday the 25th" is 25 May, not 18 May.
    expect(consumer("monday the 25th at 2pm").when?.start).toBe("2026-05-25T14:00:00-05:00");
    expect(consumer("saturday, may 30 at 10am").when?.start).toBe("2026-05-30T10:00:00-05:00");
  });

  it("reads opening and closing times on a day as hours, not as the day closed", () => {
    expect(provider("thursdays we open at 8 and close at 6").hours).toEqual([
      { weekdays: [4], start: "08:00", end: "18:00" },
    ]);
    expect(provider("closed on sundays").hours).toEqual([{ weekdays: [0], closed: true }]);
  });

  it("hears gushing water as an emergency and a drip as a leak", () => {
    expect(consumer("water keeps gushing out of the wall behind the toilet")).toMatchObject({
      service: "emergency",
      urgent: true,
    });
    const drip = consumer("my bathroom tap drips all night");
    expect(drip.service).toBe("leak repair");
    expect(drip.urgent).toBeUndefined();
  });

  it("reads the everyday words for a regular clean", () => {
    expect(consumer("just a normal apartment cleaning next week").service).toBe("regular clean");
    expect(consumer("routine home clean on thursday").service).toBe("regular clean");
  });

  it("keeps the narrower words for a service beside its canonical slot", () => {
    expect(consumer("can I get a low fade saturday")).toMatchObject({
      service: "fade",
      serviceVariant: "low fade",
    });
    expect(consumer("a fade please").serviceVariant).toBeUndefined();
    expect(provider("mid fades are $40 now").prices).toEqual([{ service: "mid fade", priceCents: 4000 }]);
  });

  it("reads a provider's languages and specialties, and only from a provider", () => {
    expect(provider("our crew speaks Vietnamese and English; we focus on tankless heaters")).toMatchObject({
      languages: ["Vietnamese", "English"],
      specialties: "tankless heaters",
    });
    expect(consumer("I speak Spanish, is there a barber who does too?").languages).toBeUndefined();
  });

  it("reads a new service in the provider's own words, with its price and duration", () => {
    expect(provider("adding a new service called grout sealing, $95, about 90 minutes").addServices).toEqual([
      { name: "grout sealing", priceCents: 9500, durationMin: 90 },
    ]);
    expect(provider("my business is called Grout Masters").name).toBe("Grout Masters");
  });

  it("reads a business named in capitals, and not words capitalised for other reasons", () => {
    expect(consumer("is Lone Star Drain & Sewer open on Sunday?").providerName).toBe(
      "Lone Star Drain & Sewer",
    );
    expect(consumer("Hi! Can I Get A Haircut On Friday?").providerName).toBeUndefined();
    expect(consumer("I'd like a trim in March, ASAP").providerName).toBeUndefined();
  });

  it("reads a business named in lower case from where it stands, and not people, times or services", () => {
    expect(consumer("could rapid rooter plumbing install my new faucet thursday?").providerName).toBe(
      "rapid rooter plumbing",
    );
    expect(consumer("is fresh fades open on sunday").providerName).toBe("fresh fades");
    expect(consumer("book sparkle maids for friday morning").providerName).toBe("sparkle maids");
    expect(consumer("i'd like to go with lone star drain and sewer").providerName).toBe(
      "lone star drain and sewer",
    );
    for (const text of [
      "can someone come fix my sink today",
      "can deep cleaning be done friday",
      "book my usual barber for friday",
      "want something cheaper",
      "can both kids get cuts",
      "would next tuesday work",
      "do most plumbers charge for quotes",
      "book it for tomorrow at 5",
    ])
      expect(consumer(text).providerName, text).toBeUndefined();
  });
});
