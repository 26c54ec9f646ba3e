/** The wire shapes of the HTTP contract (DESIGN.md section 5) that the web app reads. */

export type Role = "consumer" | "provider" | "admin";
export type Category = "haircut" | "cleaning" | "plumbing";

export interface Me {
  user: { id: string; role: Role; name: string | null; zip: string | null; timezone: string };
  provider: ProviderProfile | null;
}

export interface ProviderSummary {
  id: string;
  name: string;
  category: Category;
  rating: number;
  reviewCount: number;
  priceFromCents: number | null;
  zip: string;
  distanceKm: number | null;
  score: number;
}

export interface Service {
  id: string;
  name: string;
  description: string;
  priceCents: number;
  durationMin: number;
}

export interface ProviderProfile {
  id: string;
  name: string;
  category: Category;
  bio: string;
  zip: string;
  serviceRadiusKm: number;
  timezone: string;
  services: Service[];
  weeklyHours: { weekday: number; start: string; end: string }[];
  timeOff: { startsAt: string; endsAt: string; reason: string | null }[];
  details: Record<string, unknown>;
  rating: number;
  reviewCount: number;
}

export interface Slot {
  startsAt: string;
  endsAt: string;
}

export interface Booking {
  id: string;
  consumerId: string;
  providerId: string;
  providerName: string;
  category: Category;
  serviceId: string | null;
  serviceName: string;
  startsAt: string;
  endsAt: string;
  status: "confirmed" | "cancelled" | "completed";
  priceCents: number;
  requestId: string | null;
}

export interface ServiceRequest {
  id: string;
  consumerId: string;
  category: Category;
  description: string;
  zip: string;
  windowStart: string;
  windowEnd: string;
  budgetCents: number | null;
  status: "open" | "booked" | "cancelled" | "expired";
  offerCount: number;
  createdAt: string;
}

export interface Offer {
  id: string;
  requestId: string;
  providerId: string;
  providerName: string;
  rating: number;
  serviceId: string | null;
  priceCents: number;
  startsAt: string;
  durationMin: number;
  message: string | null;
  status: "pending" | "accepted" | "declined" | "withdrawn" | "expired";
  bookingId: string | null;
  createdAt: string;
}

export type NotificationKind = "request" | "offer" | "booking" | "cancellation" | "review" | "profile";

export interface AppNotification {
  id: string;
  kind: NotificationKind;
  payload: Record<string, unknown>;
  readAt: string | null;
  createdAt: string;
}

export interface ConfirmRequest {
  id: string;
  action: string;
  summary: string;
  details: Record<string, unknown>;
}

/** The chat stream's events, as `POST /v1/chat` sends them over SSE and socket.io. */
export type ChatEvent =
  | { type: "thread"; threadId: string }
  | { type: "agent"; name: string; title?: string }
  | { type: "token"; text: string }
  | { type: "tool_call"; id: string; name: string; args: Record<string, unknown> }
  | {
      type: "tool_result";
      id: string;
      name: string;
      ok: boolean;
      summary: string;
      data?: { providers?: ProviderOption[] };
    }
  | ({ type: "confirm" } & ConfirmRequest)
  | { type: "message"; role: "assistant"; agent: string; content: string }
  | { type: "done"; threadId: string; usage: { inputTokens: number; outputTokens: number; costUsd: number } }
  | { type: "error"; code: string; message: string };

export interface ChatBody {
  threadId?: string;
  message?: string;
  resume?: { decision: "approve" | "reject"; note?: string };
}

export interface ThreadView {
  threadId: string;
  agent: string | null;
  messages: { role: "user" | "assistant"; content: string; agent?: string }[];
  pendingConfirm?: ConfirmRequest;
}

/** What the server tells the web app about itself (`GET /ui/config.json`). */
export interface UiConfig {
  authMode: "dev" | "clerk";
  clerkPublishableKey: string | null;
}

/** One option of a `search_providers` result, as the agent presents it (numbered the same way). */
export interface ProviderOption {
  option: number;
  providerId: string;
  name: string;
  rating: number;
  reviewCount: number;
  distanceKm: number | null;
  service: {
    serviceId: string;
    name: string;
    priceCents: number;
    price: string;
    durationMin: number;
    matched?: boolean;
  };
  nextSlots: { startsAt: string; endsAt: string; local: string }[];
  timezone: string;
}
