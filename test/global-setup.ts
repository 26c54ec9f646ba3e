import { prepareTemplates } from "./templates.js";

/** Builds the migrated template databases once per test run; each test file copies one. */
export default async function setup(): Promise<void> {
  const notes = await prepareTemplates();
  for (const note of notes) console.log(`[test setup] ${note}`);
}
