import type { ChatEvent, ConfirmRequest, ProviderOption, ThreadView } from "../api/types.js";

/** What a `search_providers` call found, shown as cards under the turn's reply. */
export interface SearchResult {
  /** The tool call's id. */
  key: string;
  query: string;
  providers: ProviderOption[];
}

export type ConfirmState = "pending" | "sending" | "approved" | "rejected" | "dropped";

export type ChatItem =
  | { kind: "user"; id: string; text: string }
  | {
      kind: "assistant";
      id: string;
      agent: string | null;
      text: string;
      streaming: boolean;
      searches: SearchResult[];
    }
  | {
      kind: "activity";
      id: string;
      tool: string;
      status: "running" | "waiting" | "ok" | "failed";
      summary?: string;
    }
  | { kind: "confirm"; id: string; request: ConfirmRequest; state: ConfirmState }
  | { kind: "notice"; id: string; tone: "error" | "info"; text: string };

export interface ChatState {
  threadId: string | null;
  agent: { name: string; title: string } | null;
  items: ChatItem[];
  busy: boolean;
  /** Search calls of the running turn, shown as cards under the turn's reply. */
  turnSearches: SearchResult[];
  toolArgs: Record<string, Record<string, unknown>>;
  /** The item that takes focus when the turn ends: the confirmation, or else the reply. */
  focusId: string | null;
  /** Bumped by each turn that ends, so that effects can follow it. */
  turns: number;
  /** Where the running turn's items begin. */
  turnStart: number;
}

export const AGENT_TITLES: Record<string, string> = {
  haircut: "Haircut specialist",
  cleaning: "Cleaning specialist",
  plumbing: "Plumbing specialist",
  profile: "Profile assistant",
  bookings: "Bookings assistant",
  general: "Proxie",
};

/** What a tool call looks like while it runs, in words. */
export const TOOL_LABELS: Record<string, string> = {
  search_providers: "Searching providers",
  check_availability: "Checking availability",
  get_provider: "Reading a provider's profile",
  create_booking: "Preparing the booking",
  cancel_booking: "Preparing the cancellation",
  reschedule_booking: "Preparing the new time",
  create_request: "Preparing a request for offers",
  list_requests: "Reading open requests",
  list_offers: "Reading offers",
  accept_offer: "Preparing to accept the offer",
  make_offer: "Preparing the offer",
  list_bookings: "Reading bookings",
  list_schedule: "Reading the schedule",
  leave_review: "Preparing the review",
  save_favorite: "Saving a favorite",
  update_profile: "Preparing the profile change",
  transfer_to_router: "Handing over",
};

/** What a finished tool call did, where it reads better than its running label. */
export const TOOL_DONE_LABELS: Record<string, string> = {
  search_providers: "Searched providers",
  check_availability: "Checked availability",
  create_booking: "Booking",
  cancel_booking: "Cancellation",
  reschedule_booking: "New time",
  create_request: "Request for offers",
  accept_offer: "Offer",
  make_offer: "Offer",
  leave_review: "Review",
  update_profile: "Profile change",
};

/** Tools that change something: the pages reload what they show when one succeeds. */
export const WRITE_TOOLS = new Set([
  "create_booking",
  "cancel_booking",
  "reschedule_booking",
  "create_request",
  "accept_offer",
  "make_offer",
  "leave_review",
  "save_favorite",
  "update_profile",
]);

export const initialChat: ChatState = {
  threadId: null,
  agent: null,
  items: [],
  busy: false,
  turnSearches: [],
  toolArgs: {},
  focusId: null,
  turns: 0,
  turnStart: 0,
};

export type ChatAction =
  | { type: "reset" }
  | { type: "restore"; thread: ThreadView }
  | { type: "send"; id: string; text: string }
  | { type: "decide"; confirmId: string; decision: "approve" | "reject" }
  | { type: "event"; event: ChatEvent }
  | { type: "failed"; message: string }
  | { type: "ended" };

/** Options the agent presents to the user at once. */
const SHOWN = 3;

/**
 * The options the agent lists, as it lists them: the ones whose service matched the request when
 * there are any (the search falls back to a provider's cheapest service otherwise), the first
 * three, numbered 1..n, so that "the second one" means the same card.
 */
function shownOptions(all: ProviderOption[]): ProviderOption[] {
  const matched = all.filter((p) => p.service.matched);
  return (matched.length ? matched : all).slice(0, SHOWN).map((p, i) => ({ ...p, option: i + 1 }));
}

let seq = 0;
const nextId = (prefix: string) => `${prefix}-${++seq}`;

function update(items: ChatItem[], id: string, change: (item: ChatItem) => ChatItem): ChatItem[] {
  return items.map((i) => (i.id === id ? change(i) : i));
}

/** The assistant reply being streamed in this turn, if any. */
function streamingReply(items: ChatItem[]) {
  const last = items.at(-1);
  return last?.kind === "assistant" && last.streaming ? last : undefined;
}

function onEvent(s: ChatState, e: ChatEvent): ChatState {
  switch (e.type) {
    case "thread":
      return { ...s, threadId: e.threadId };
    case "agent":
      return { ...s, agent: { name: e.name, title: e.title ?? AGENT_TITLES[e.name] ?? e.name } };
    case "tool_call":
      return {
        ...s,
        toolArgs: { ...s.toolArgs, [e.id]: e.args },
        items: [...s.items, { kind: "activity", id: e.id, tool: e.name, status: "running" }],
      };
    case "tool_result": {
      const providers =
        e.ok && e.name === "search_providers" ? shownOptions(e.data?.providers ?? []) : undefined;
      const query = s.toolArgs[e.id]?.query;
      const search = providers?.length
        ? { key: e.id, query: typeof query === "string" ? query : "", providers }
        : undefined;
      return {
        ...s,
        turnSearches: search ? [...s.turnSearches, search] : s.turnSearches,
        items: update(s.items, e.id, (i) =>
          i.kind === "activity" ? { ...i, status: e.ok ? "ok" : "failed", summary: e.summary } : i,
        ),
      };
    }
    case "token": {
      const reply = streamingReply(s.items);
      if (reply)
        return { ...s, items: update(s.items, reply.id, () => ({ ...reply, text: reply.text + e.text })) };
      const item: ChatItem = {
        kind: "assistant",
        id: nextId("a"),
        agent: s.agent?.name ?? null,
        text: e.text,
        streaming: true,
        searches: [],
      };
      return { ...s, items: [...s.items, item] };
    }
    case "message": {
      const reply = streamingReply(s.items);
      const done: ChatItem = {
        kind: "assistant",
        id: reply?.id ?? nextId("a"),
        agent: e.agent,
        text: e.content,
        streaming: false,
        searches: s.turnSearches,
      };
      return {
        ...s,
        turnSearches: [],
        items: reply ? update(s.items, reply.id, () => done) : [...s.items, done],
      };
    }
    case "confirm":
      return {
        ...s,
        items: [
          ...update(s.items, e.id, (i) => (i.kind === "activity" ? { ...i, status: "waiting" } : i)),
          {
            kind: "confirm",
            id: `confirm-${e.id}`,
            request: { id: e.id, action: e.action, summary: e.summary, details: e.details },
            state: "pending",
          },
        ],
      };
    case "done":
      return { ...s, threadId: e.threadId };
    case "error":
      return {
        ...s,
        items: [...s.items, { kind: "notice", id: nextId("n"), tone: "error", text: e.message }],
      };
  }
}

/** Where focus goes at the end of a turn: to what the user must act on, or to the newest reply. */
function focusAfterTurn(items: ChatItem[], from: number): string | null {
  const turn = items.slice(from);
  const confirm = turn.find((i) => i.kind === "confirm" && i.state === "pending");
  if (confirm) return confirm.id;
  const reply = [...turn].reverse().find((i) => i.kind === "assistant" || i.kind === "notice");
  return reply?.id ?? null;
}

export function chatReducer(s: ChatState, a: ChatAction): ChatState {
  switch (a.type) {
    case "reset":
      return initialChat;
    case "restore": {
      const items: ChatItem[] = a.thread.messages.map((m) =>
        m.role === "user"
          ? { kind: "user", id: nextId("u"), text: m.content }
          : {
              kind: "assistant",
              id: nextId("a"),
              agent: m.agent ?? null,
              text: m.content,
              streaming: false,
              searches: [],
            },
      );
      const pending = a.thread.pendingConfirm;
      if (pending)
        items.push({ kind: "confirm", id: `confirm-${pending.id}`, request: pending, state: "pending" });
      const agent = a.thread.agent;
      return {
        ...initialChat,
        threadId: a.thread.threadId,
        agent: agent ? { name: agent, title: AGENT_TITLES[agent] ?? agent } : null,
        items,
      };
    }
    case "send":
      return {
        ...s,
        turnStart: s.items.length,
        busy: true,
        focusId: null,
        turnSearches: [],
        // The server drops a pending write when the user says something else instead.
        items: [
          ...s.items.map((i) =>
            i.kind === "confirm" && i.state === "pending" ? { ...i, state: "dropped" as const } : i,
          ),
          { kind: "user", id: a.id, text: a.text },
        ],
      };
    case "decide":
      return {
        ...s,
        turnStart: s.items.length,
        busy: true,
        focusId: null,
        turnSearches: [],
        items: update(s.items, `confirm-${a.confirmId}`, (i) =>
          i.kind === "confirm" ? { ...i, state: a.decision === "approve" ? "approved" : "rejected" } : i,
        ),
      };
    case "event":
      return onEvent(s, a.event);
    case "failed":
      return {
        ...s,
        items: [...s.items, { kind: "notice", id: nextId("n"), tone: "error", text: a.message }],
      };
    case "ended": {
      // Searches of a turn that ended without a reply (a confirmation, an error) still show their cards.
      const items: ChatItem[] = s.turnSearches.length
        ? [
            ...s.items,
            {
              kind: "assistant",
              id: nextId("a"),
              agent: s.agent?.name ?? null,
              text: "",
              streaming: false,
              searches: s.turnSearches,
            },
          ]
        : s.items.map((i) => (i.kind === "assistant" && i.streaming ? { ...i, streaming: false } : i));
      return {
        ...s,
        busy: false,
        turnSearches: [],
        items: items.map((i) =>
          i.kind === "activity" && i.status === "running" ? { ...i, status: "failed" } : i,
        ),
        focusId: focusAfterTurn(items, s.turnStart),
        turns: s.turns + 1,
      };
    }
  }
}
