import type { EventStatus } from "@jangkau/shared/schema/enums";

/**
 * Whether an event still takes sign-ups. Only a cancelled event refuses them: a tablet that
 * was offline at the venue syncs after the event was marked held or reported, and those
 * sign-ups belong to it.
 *
 * NOTE for integration: if the campaigns feature publishes a pure rule for this in
 * `packages/shared/src/domain/events`, use it here instead.
 */
export function canRecordAtEvent(event: { status: EventStatus }): boolean {
  return event.status !== "cancelled";
}
