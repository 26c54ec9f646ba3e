import { describe, expect, it } from "vitest";
import { extractSlots } from "../slots.js";
import { CHICAGO_WEDNESDAY } from "./test-context.js";

const slots = (text: string) => extractSlots(text, { ...CHICAGO_WEDNESDAY, role: "provider" });

describe("bio and business name", () => {
  it("keeps the bio as written, after the cue", () => {
    expect(slots("Set my bio to: Third-generation plumber. No job too small!").bio).toBe(
      "Third-generation plumber. No job too small!",
    );
  });

  it("tells words added to the bio from a new bio", () => {
    const added = slots("can you add to my bio that we now do walk-ins on weekdays");
    expect(added).toMatchObject({ bio: "we now do walk-ins on weekdays", bioAddition: true });
    expect(slots("update my bio to: walk-ins welcome").bioAddition).toBeUndefined();
  });

  it("does not read the bio's words as other slots", () => {
    const s = slots("change my description to fades, tapers and hot towel shaves since 2009");
    expect(s.bio).toBe("fades, tapers and hot towel shaves since 2009");
    expect(s.service).toBeUndefined();
  });

  it("finds an enrolling provider's business name", () => {
    expect(slots("I'd like to join, my company is called Bright Spaces LLC").name).toBe("Bright Spaces LLC");
    expect(slots("sign us up - business name: Pipeline Pros").name).toBe("Pipeline Pros");
  });

  it("does not take a trade for a name", () => {
    expect(slots("register me as a cleaner").name).toBeUndefined();
  });
});
