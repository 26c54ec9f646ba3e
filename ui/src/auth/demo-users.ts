import type { Role } from "../api/types.js";

/** The demo users of the seeded marketplace (db/seed/personas.ts): the dev sign-in picker offers them. */
export interface DemoUser {
  userId: string;
  role: Role;
  name: string;
  what: string;
}

export const DEMO_USERS: DemoUser[] = [
  {
    userId: "demo-consumer",
    role: "consumer",
    name: "Jordan Avery",
    what: "Consumer in Austin (78704): book by chat",
  },
  {
    userId: "demo-barber",
    role: "provider",
    name: "Marcus Reed",
    what: "Fresh Fades Barbershop: prices, hours, offers",
  },
  { userId: "demo-cleaner", role: "provider", name: "Sofia Ramirez", what: "Sparkle & Shine Cleaning" },
  { userId: "demo-plumber", role: "provider", name: "Darnell Jackson", what: "Rapid Rooter Plumbing" },
  { userId: "demo-admin", role: "admin", name: "Admin", what: "All bookings and the eval report" },
];
