import type { Role } from "../core/principal.js";
import { formatInZone } from "../core/zoned-time.js";
import type { Preferences } from "../memory/preferences.js";

/**
 * The facts every agent's system prompt ends with, in a fixed line format: an LLM reads them as
 * context, and the offline model parses them back (`parseContext`), so both see the same facts.
 */
export interface AgentContext {
  agent: string;
  /** For the router: the specialist the conversation is with now, if any. */
  currentAgent?: string | null;
  role: Role;
  /** The current instant, as an ISO string with the user's offset. */
  now: string;
  timeZone: string;
  userName?: string | null;
  usualZip?: string | null;
  favorites?: Preferences["favorites"];
  lastServices?: Preferences["lastServices"];
}

export function renderContext(c: AgentContext): string {
  const lines = [
    "## Context",
    `- Agent: ${c.agent}`,
    ...(c.currentAgent !== undefined ? [`- Current agent: ${c.currentAgent ?? "none"}`] : []),
    `- Role: ${c.role}`,
    `- Now: ${c.now}`,
    `- Time zone: ${c.timeZone}`,
  ];
  if (c.userName) lines.push(`- User name: ${c.userName}`);
  if (c.usualZip) lines.push(`- Usual zip: ${c.usualZip}`);
  for (const f of c.favorites ?? [])
    lines.push(`- Favourite provider: ${f.name} (providerId ${f.providerId}, ${f.category})`);
  for (const s of c.lastServices ?? []) {
    lines.push(
      `- Booked before: ${s.serviceName} with ${s.providerName} (providerId ${s.providerId}, ${s.category}, ${s.at.slice(0, 10)})`,
    );
  }
  return lines.join("\n");
}

export function parseContext(system: string): AgentContext | undefined {
  const start = system.indexOf("## Context");
  if (start < 0) return undefined;
  const get = (label: string) => new RegExp(`^- ${label}: (.+)$`, "m").exec(system.slice(start))?.[1]?.trim();
  const agent = get("Agent");
  const now = get("Now");
  const timeZone = get("Time zone");
  if (!agent || !now || !timeZone) return undefined;
  const favorites: NonNullable<AgentContext["favorites"]> = [];
  const lastServices: NonNullable<AgentContext["lastServices"]> = [];
  for (const m of system
    .slice(start)
    .matchAll(/^- Favourite provider: (.+) \(providerId ([0-9a-f-]{36}), (\w+)\)$/gm)) {
    favorites.push({ name: m[1]!, providerId: m[2]!, category: m[3] as never });
  }
  for (const m of system
    .slice(start)
    .matchAll(
      /^- Booked before: (.+) with (.+) \(providerId ([0-9a-f-]{36}), (\w+), (\d{4}-\d{2}-\d{2})\)$/gm,
    )) {
    lastServices.push({
      serviceName: m[1]!,
      providerName: m[2]!,
      providerId: m[3]!,
      category: m[4] as never,
      serviceId: null,
      at: m[5]!,
    });
  }
  const current = get("Current agent");
  return {
    agent,
    ...(current !== undefined ? { currentAgent: current === "none" ? null : current } : {}),
    role: (get("Role") ?? "consumer") as Role,
    now,
    timeZone,
    userName: get("User name") ?? null,
    usualZip: get("Usual zip") ?? null,
    favorites,
    lastServices,
  };
}

/** An instant as ISO 8601 with the zone's offset at that instant ("2026-11-30T06:00:00-06:00"). */
export const isoInZone = formatInZone;
