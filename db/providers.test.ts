import { expect, it } from "vitest";
import { describeEachEngine } from "../test/db.js";
import { makeProvider } from "../test/fixtures.js";
import { type EmbeddingModel, embedProviders, ensureEmbeddingIndex } from "./embeddings.js";
import { searchProviders } from "./providers.js";

/** Three directions, one per trade: enough to check fusion without a real model. */
const tradeModel: EmbeddingModel = {
  modelId: "test-trades-3",
  dims: 3,
  async embedDocuments(texts) {
    return texts.map(direction);
  },
  async embedQuery(text) {
    return direction(text);
  },
};
function direction(text: string): number[] {
  const t = text.toLowerCase();
  const v = [/hair|fade|barber|groom/, /clean|tidy|maid|scrub/, /pipe|leak|drain|toilet|plumb/].map((re) =>
    re.test(t) ? 1 : 0.01,
  );
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

describeEachEngine("provider search", ({ db, engine }) => {
  it("ranks by full text, filters by category and by service area", async () => {
    const fade = await makeProvider(db(), { name: "Fade Factory", bio: "Skin fades and tapers." });
    const clean = await makeProvider(db(), {
      name: "Tidy Homes",
      category: "cleaning",
      services: [{ name: "Deep Clean", description: "Top to bottom", priceCents: 15000, durationMin: 180 }],
    });
    const far = await makeProvider(db(), {
      name: "Fade Factory Seattle",
      zip: "98101",
      timezone: "America/Los_Angeles",
    });
    const hits = await searchProviders(db(), { q: "I need a fade", zip: "78704" });
    const ids = hits.map((h) => h.id);
    expect(ids).toContain(fade.profile.id);
    expect(ids).not.toContain(far.profile.id);
    expect(ids).not.toContain(clean.profile.id);
    expect(hits.find((h) => h.id === fade.profile.id)).toMatchObject({
      category: "haircut",
      priceFromCents: 4000,
      zip: "78704",
    });
    const cleaners = await searchProviders(db(), { category: "cleaning", zip: "78704" });
    expect(cleaners.map((h) => h.category)).toEqual(cleaners.map(() => "cleaning"));
    expect(cleaners.map((h) => h.id)).toContain(clean.profile.id);
    expect(await searchProviders(db(), { q: "fade", zip: "98101" })).toEqual([
      expect.objectContaining({ id: far.profile.id }),
    ]);
  });

  it.runIf(engine === "pglite")(
    "fuses vector similarity with text: a provider found only by meaning is returned",
    async () => {
      // No shared word with the query, but the same trade.
      const groomer = await makeProvider(db(), {
        name: "Gentlemen's Grooming Lounge",
        zip: "78745",
        bio: "Classic barber services.",
        services: [{ name: "Signature Cut", description: "", priceCents: 3500, durationMin: 30 }],
      });
      await ensureEmbeddingIndex(db(), tradeModel.modelId, 3);
      await embedProviders(db(), tradeModel);
      const q = "my hair is getting long";
      const vector = { model: tradeModel.modelId, values: await tradeModel.embedQuery(q) };
      const textOnly = await searchProviders(db(), { q, zip: "78745" });
      const hybrid = await searchProviders(db(), { q, zip: "78745", vector });
      expect(textOnly.map((h) => h.id)).not.toContain(groomer.profile.id);
      expect(hybrid.map((h) => h.id)).toContain(groomer.profile.id);
      const exact = await searchProviders(db(), { q, zip: "78745", vector, vectorScan: "exact" });
      // Equal vectors tie, so the two scans may order them differently: compare the sets.
      expect(exact.map((h) => h.id).sort()).toEqual(hybrid.map((h) => h.id).sort());
      // Re-embedding skips providers whose text did not change.
      expect((await embedProviders(db(), tradeModel)).embedded).toBe(0);
    },
  );
});
