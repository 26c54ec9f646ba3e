import type { Role } from "../core/principal.js";
import type { ToolName } from "../tools/index.js";
import { bookingsAgent } from "./bookings.js";
import { consumerSpecialist } from "./consumer-specialist.js";
import { generalAgent } from "./general.js";
import { profileAgent } from "./profile.js";

export const AGENT_NAMES = ["haircut", "cleaning", "plumbing", "profile", "bookings", "general"] as const;
export type AgentName = (typeof AGENT_NAMES)[number];

export interface AgentSpec {
  name: AgentName;
  /** Shown to users ("Cleaning specialist"). */
  title: string;
  /** Who may talk to this agent; others are routed to `general`, which explains. */
  roles: Role[];
  /** Only the tools this agent needs. */
  tools: ToolName[];
  instructions: string;
}

export const AGENTS: Record<AgentName, AgentSpec> = {
  haircut: consumerSpecialist("haircut", "Haircut specialist"),
  cleaning: consumerSpecialist("cleaning", "Cleaning specialist"),
  plumbing: consumerSpecialist("plumbing", "Plumbing specialist"),
  profile: profileAgent,
  bookings: bookingsAgent,
  general: generalAgent,
};

/** What the router may answer with, and what each option is for (the LLM router reads these). */
export const ROUTES: Record<AgentName, string> = {
  haircut: "the user wants a haircut, barber, fade, beard trim, shave, colour or other grooming service",
  cleaning: "the user wants a home or office cleaned (regular, deep, move-in/move-out)",
  plumbing: "the user has a plumbing problem or job (leak, clog, toilet, water heater, fixture, emergency)",
  profile: "a provider changes their own profile (prices, services, hours, time off, area, bio) or enrols",
  bookings:
    "the user manages existing bookings, requests or offers: list, cancel, reschedule, review, accept or make offers, see a schedule",
  general: "greetings, thanks, help, what Proxie can do, and anything out of scope",
};

export function allowedAgent(agent: AgentName, role: Role): AgentName {
  return AGENTS[agent].roles.includes(role) ? agent : "general";
}
