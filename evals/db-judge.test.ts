import { describe, expect, it } from "vitest";
import { judgeDb } from "./db-judge.js";
import { diffSnapshots, type RowView, type Snapshot, TABLE_NAMES } from "./tables.js";

function snap(tables: Partial<Record<keyof Snapshot, RowView[]>>): Snapshot {
  const out = {} as Snapshot;
  for (const t of TABLE_NAMES) out[t] = new Map();
  for (const [t, rows] of Object.entries(tables)) {
    for (const r of rows ?? [])
      out[t as keyof Snapshot].set(String(r.id ?? `${r.provider}|${r.weekday}|${r.start}`), r);
  }
  return out;
}

const booking = (over: RowView): RowView => ({
  ref: null,
  id: "b1",
  consumer: "eval-c1",
  provider: "eval-provider-fades",
  providerName: "Northside Fades",
  category: "haircut",
  service: "Skin Fade",
  status: "confirmed",
  priceCents: 4000,
  startsAt: "2026-03-03T23:00:00.000Z",
  endsAt: "2026-03-03T23:45:00.000Z",
  request: null,
  localDate: "2026-03-03",
  localWeekday: "Tuesday",
  localHour: 17,
  localTime: "17:00",
  ...over,
});

describe("the database judge", () => {
  it("sees inserts, meaningful updates and deletions, and ignores untouched fields", () => {
    const before = snap({
      bookings: [booking({ id: "old", status: "confirmed" })],
      weeklyHours: [
        { provider: "p", providerName: "P", weekday: 1, day: "Monday", start: "09:00", end: "17:00" },
      ],
    });
    const after = snap({
      bookings: [booking({ id: "old", status: "cancelled" }), booking({ id: "new" })],
    });
    const changes = diffSnapshots(before, after);
    expect(changes.map((c) => [c.table, c.change, c.fields ?? []])).toEqual([
      ["bookings", "updated", ["status"]],
      ["bookings", "inserted", []],
      ["weeklyHours", "deleted", []],
    ]);
  });

  it("passes when every expected row is written and nothing else", () => {
    const changes = diffSnapshots(snap({}), snap({ bookings: [booking({})] }));
    const v = judgeDb(
      {
        bookings: [
          {
            consumer: "eval-c1",
            localWeekday: "tuesday",
            localHourBetween: [17, 21],
            serviceIncludes: "fade",
          },
        ],
      },
      changes,
    );
    expect(v).toMatchObject({ ok: true, matched: 1, expected: 1, reasons: [] });
  });

  it("names the table, the closest row and the field that differs", () => {
    const changes = diffSnapshots(snap({}), snap({ bookings: [booking({ priceCents: 4500 })] }));
    const v = judgeDb({ bookings: [{ consumer: "eval-c1", priceCents: 4000 }] }, changes);
    expect(v.ok).toBe(false);
    expect(v.reasons[0]).toMatch(
      /^bookings: expected a new or changed row \{consumer: "eval-c1", priceCents: 4000\}/,
    );
    expect(v.reasons[0]).toContain("closest is inserted");
    expect(v.reasons[0]).toContain("priceCents expected 4000, got 4500");
    expect(v.reasons[1]).toMatch(/^unexpected write: bookings inserted \{.*priceCents: 4500/);
  });

  it("says when a table was not written at all", () => {
    const v = judgeDb({ reviews: [{ rating: 5 }] }, []);
    expect(v.reasons).toEqual([
      "reviews: expected a new or changed row {rating: 5}, but the conversation changed no reviews row",
    ]);
  });

  it("reports writes nobody expected, unless other writes are allowed", () => {
    const changes = diffSnapshots(snap({}), snap({ bookings: [booking({})] }));
    expect(judgeDb({}, changes).reasons).toEqual([
      expect.stringMatching(
        /^unexpected write: bookings inserted \{consumer: "eval-c1", providerName: "Northside Fades"/,
      ),
    ]);
    expect(judgeDb({}, changes, { noOtherWrites: false }).ok).toBe(true);
  });

  it("matches expectations to rows one to one, whatever their order", () => {
    const changes = diffSnapshots(
      snap({}),
      snap({
        bookings: [
          booking({ id: "a", category: "haircut" }),
          booking({ id: "b", category: "cleaning", service: "Deep Clean" }),
        ],
      }),
    );
    // The first expectation fits both rows; only a matching that gives it the haircut row satisfies both.
    const v = judgeDb({ bookings: [{ consumer: "eval-c1" }, { category: "haircut" }] }, changes);
    expect(v.ok).toBe(true);
    const twice = judgeDb({ bookings: [{ category: "haircut" }, { category: "haircut" }] }, changes);
    expect(twice.ok).toBe(false);
    expect(twice.reasons.join("\n")).toContain("matches a row already claimed by another expectation");
  });

  it("tells a deletion from an insertion", () => {
    const hours = {
      provider: "p",
      providerName: "P",
      weekday: 1,
      day: "Monday",
      start: "09:00",
      end: "17:00",
    };
    const changes = diffSnapshots(snap({ weeklyHours: [hours] }), snap({}));
    expect(judgeDb({ weeklyHours: [{ provider: "p", weekday: 1, change: "deleted" }] }, changes).ok).toBe(
      true,
    );
    expect(judgeDb({ weeklyHours: [{ provider: "p", weekday: 1 }] }, changes).ok).toBe(false);
  });

  it("resolves people and fixture refs before comparing", () => {
    const changes = diffSnapshots(snap({}), snap({ bookings: [booking({})] }));
    const resolve = (field: string, v: unknown) =>
      field === "provider" && v === "fades" ? "eval-provider-fades" : v;
    expect(judgeDb({ bookings: [{ provider: "fades" }] }, changes, { resolve }).ok).toBe(true);
  });
});
