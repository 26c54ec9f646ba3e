import { randomUUID } from "node:crypto";
import type { Category } from "../core/categories.js";
import type { Principal } from "../core/principal.js";
import type { Db } from "../db/pool.js";
import { type ProfileInput, type ProviderProfile, saveProviderProfile } from "../db/provider-profile.js";
import { upsertUser } from "../db/users.js";

const short = () => randomUUID().slice(0, 8);

export async function makeConsumer(
  db: Db,
  over: { zip?: string; timezone?: string } = {},
): Promise<Principal> {
  const id = `test-consumer-${short()}`;
  await upsertUser(db, {
    id,
    role: "consumer",
    name: "Test Consumer",
    zip: over.zip ?? "78704",
    timezone: over.timezone,
  });
  return { userId: id, role: "consumer" };
}

export interface TestProvider {
  principal: Principal;
  profile: ProviderProfile;
  /** The first service's id, for bookings. */
  serviceId: string;
}

/** A provider open Monday–Saturday 09:00–17:00 by default, created through the real profile code. */
export async function makeProvider(
  db: Db,
  over: Partial<ProfileInput> & { category?: Category; timezone?: string } = {},
): Promise<TestProvider> {
  const userId = `test-provider-${short()}`;
  await upsertUser(db, {
    id: userId,
    role: "provider",
    name: "Test Provider",
    timezone: over.timezone ?? "America/Chicago",
  });
  const { profile } = await saveProviderProfile(db, {
    userId,
    input: {
      name: `Test ${over.category ?? "haircut"} ${short()}`,
      category: "haircut",
      bio: "A test provider.",
      zip: "78704",
      serviceRadiusKm: 15,
      timezone: "America/Chicago",
      services: [{ name: "Skin Fade", description: "Clipper fade", priceCents: 4000, durationMin: 45 }],
      weeklyHours: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: "09:00", end: "17:00" })),
      ...over,
    },
  });
  return { principal: { userId, role: "provider" }, profile, serviceId: profile.services[0]!.id };
}
