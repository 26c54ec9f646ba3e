import type { StructuredToolInterface } from "@langchain/core/tools";
import { acceptOfferTool } from "./accept-offer.js";
import { cancelBookingTool } from "./cancel-booking.js";
import { checkAvailabilityTool } from "./check-availability.js";
import type { ToolDeps } from "./context.js";
import { createBookingTool } from "./create-booking.js";
import { createRequestTool } from "./create-request.js";
import { getProviderTool } from "./get-provider.js";
import { handoffTool } from "./handoff.js";
import { leaveReviewTool } from "./leave-review.js";
import { listBookingsTool } from "./list-bookings.js";
import { listOffersTool } from "./list-offers.js";
import { listRequestsTool } from "./list-requests.js";
import { makeOfferTool } from "./make-offer.js";
import { rescheduleBookingTool } from "./reschedule-booking.js";
import { saveFavoriteTool } from "./save-favorite.js";
import { searchProvidersTool } from "./search-providers.js";
import { updateProfileTool } from "./update-profile.js";

export type ToolName =
  | "search_providers"
  | "get_provider"
  | "check_availability"
  | "create_booking"
  | "reschedule_booking"
  | "cancel_booking"
  | "list_bookings"
  | "create_request"
  | "list_offers"
  | "accept_offer"
  | "leave_review"
  | "save_favorite"
  | "update_profile"
  | "list_requests"
  | "make_offer"
  | "list_schedule"
  | "transfer_to_router";

/** Tools that change data: each pauses for the user's approval before it writes. */
export const WRITE_TOOLS: ReadonlySet<ToolName> = new Set([
  "create_booking",
  "reschedule_booking",
  "cancel_booking",
  "create_request",
  "accept_offer",
  "leave_review",
  "save_favorite",
  "update_profile",
  "make_offer",
]);

export type ToolSet = Record<ToolName, StructuredToolInterface>;

export function createTools(deps: ToolDeps): ToolSet {
  return {
    search_providers: searchProvidersTool(deps),
    get_provider: getProviderTool(deps),
    check_availability: checkAvailabilityTool(deps),
    create_booking: createBookingTool(deps),
    reschedule_booking: rescheduleBookingTool(deps),
    cancel_booking: cancelBookingTool(deps),
    list_bookings: listBookingsTool(deps),
    create_request: createRequestTool(deps),
    list_offers: listOffersTool(deps),
    accept_offer: acceptOfferTool(deps),
    leave_review: leaveReviewTool(deps),
    save_favorite: saveFavoriteTool(deps),
    update_profile: updateProfileTool(deps),
    list_requests: listRequestsTool(deps),
    make_offer: makeOfferTool(deps),
    list_schedule: listBookingsTool(deps, "list_schedule"),
    transfer_to_router: handoffTool(),
  };
}
