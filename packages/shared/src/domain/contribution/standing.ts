import { compareIso, type YearMonth } from "../calendar/index.ts";
import { participantStatus } from "../retention/index.ts";
import type { ParticipantStanding } from "./index.ts";

/**
 * Where a participant stands for PP 50/2025 when paying for `month`, judged at the month the
 * payment was made (`paidInMonth`, in the participant's time zone) from the other months
 * already paid:
 * - `inactive` — participation had ended (lapsed, or never paid for more than 3 months) and
 *   the payment is for an earlier month: arrears of an inactive participant, no discount;
 * - `new` — nothing paid before;
 * - `active` — otherwise, including a lapsed participant resuming with the current month or
 *   one paid ahead (resumption is a new period, with the same NIK, no fine).
 */
export function paymentStanding(input: {
  signupMonth: YearMonth;
  /** Months already paid, without `month`. */
  otherPaidMonths: readonly YearMonth[];
  month: YearMonth;
  paidInMonth: YearMonth;
}): ParticipantStanding {
  const asOf = compareIso(input.paidInMonth, input.signupMonth) < 0 ? input.signupMonth : input.paidInMonth;
  const others = input.otherPaidMonths.filter((m) => m !== input.month);
  const { status } = participantStatus({
    signupMonth: input.signupMonth,
    paidMonths: others,
    asOfMonth: asOf,
  });
  if ((status === "lapsed" || status === "never_paid") && compareIso(input.month, asOf) < 0)
    return "inactive";
  return others.length === 0 ? "new" : "active";
}
