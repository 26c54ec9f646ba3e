/** What a message is about. See models/offline/corpus/README.md for what each one covers. */
export const INTENTS = [
  "haircut",
  "cleaning",
  "plumbing",
  "profile",
  "bookings",
  "general",
  "out_of_scope",
] as const;
export type Intent = (typeof INTENTS)[number];
