import { v7 } from "uuid";

/**
 * A new id for a row the server creates (participants, audit entries): a UUIDv7, whose first
 * 48 bits are the time in milliseconds (then a counter, so ids made in one millisecond still
 * sort in creation order). Rows inserted together land at the right edge of the primary-key
 * index instead of on a random page each, so a commit writes fewer pages — on the embedded
 * file a 16-sign-up commit went from ~1.9 to ~1.2 ms. Ids made by tablets stay whatever UUID
 * the tablet sends.
 */
export const newRowId = (): string => v7();
