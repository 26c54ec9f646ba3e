import { describe, expect, it } from "vitest";
import { rngFor } from "./prng.js";

describe("seeded PRNG", () => {
  it("repeats the same sequence for the same seed, label and index", () => {
    const draw = (seed: number, label: string, index: number) => {
      const r = rngFor(seed, label, index);
      return Array.from({ length: 5 }, () => r.u32());
    };
    expect(draw(1, "a", 0)).toEqual(draw(1, "a", 0));
    expect(draw(1, "a", 0)).not.toEqual(draw(2, "a", 0));
    expect(draw(1, "a", 0)).not.toEqual(draw(1, "b", 0));
    expect(draw(1, "a", 0)).not.toEqual(draw(1, "a", 1));
    expect(draw(2 ** 40, "a", 0)).not.toEqual(draw(0, "a", 0));
  });

  it("refuses a seed that is not a safe integer", () => {
    expect(() => rngFor(1.5, "a")).toThrow(RangeError);
    expect(() => rngFor(Number.NaN, "a")).toThrow(RangeError);
  });

  it("draws integers in the inclusive range, all of them", () => {
    const r = rngFor(3, "ints");
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = r.int(-2, 3);
      expect(n).toBeGreaterThanOrEqual(-2);
      expect(n).toBeLessThanOrEqual(3);
      seen.add(n);
    }
    expect(seen.size).toBe(6);
  });

  it("makes version 4 UUIDs with the RFC variant", () => {
    const r = rngFor(4, "uuid");
    const ids = Array.from({ length: 10_000 }, () => r.uuid());
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("samples without repeats and picks by weight", () => {
    const r = rngFor(5, "sample");
    const s = r.sample([1, 2, 3, 4, 5], 3);
    expect(new Set(s).size).toBe(3);
    expect(r.sample([1, 2], 5)).toHaveLength(2);
    let heavy = 0;
    for (let i = 0; i < 1000; i++) if (r.weighted(["a", "b"], [9, 1]) === "a") heavy++;
    expect(heavy).toBeGreaterThan(850);
    expect(heavy).toBeLessThan(950);
  });
});
