import { describe, expect, it } from "vitest";
import type { TimeZone } from "../../../packages/shared/src/domain/timezone/index.ts";
import { paymentStatusNow } from "../../../workers/enrolment/src/contributions/service.ts";
import {
  followupsDue,
  type SignupPaymentFacts,
  sponsoredUntilMonth,
  tasksNoLongerDue,
} from "../../../workers/enrolment/src/followups/service.ts";

/** A registered participant paying October 2025 – January 2026, in a given time zone. */
function participant(timeZone: TimeZone, extra: Partial<SignupPaymentFacts> = {}): SignupPaymentFacts {
  return {
    participantId: "p",
    signupId: "s",
    officeId: "kc-blitar",
    eventId: null,
    recordedBy: null,
    payer: "self",
    sponsorPartnerId: null,
    signupMonth: "2025-10",
    sponsoredFrom: null,
    sponsoredUntil: null,
    occupation: "pedagang_pasar",
    incomeBand: "B01",
    jht: false,
    signupStatus: "registered",
    timeZone,
    paidMonths: ["2025-10", "2025-11", "2025-12", "2026-01"],
    ...extra,
  };
}

describe("status and calls at month boundaries, in the participant's time zone", () => {
  // 23:30 on 31 January in Blitar (WIB) is already 01:30 on 1 February in Jayapura (WIT).
  const instant = new Date("2026-01-31T16:30:00Z");

  it("is still active in January in WIB, with the reminder for February", () => {
    expect(paymentStatusNow(participant("WIB"), instant)).toMatchObject({
      asOfMonth: "2026-01",
      today: "2026-01-31",
      status: "active",
      paidThrough: "2026-01",
    });
    expect(followupsDue(participant("WIB"), instant)).toEqual([
      { kind: "payment_reminder", periodKey: "2026-02", dueDate: "2026-01-31" },
    ]);
  });

  it("is already a month behind in February in WIT, with an arrears call", () => {
    expect(paymentStatusNow(participant("WIT"), instant)).toMatchObject({
      asOfMonth: "2026-02",
      status: "in_arrears",
      monthsBehind: 1,
    });
    expect(followupsDue(participant("WIT"), instant)).toEqual([
      { kind: "arrears", periodKey: "2026-02", dueDate: "2026-04-30" },
    ]);
  });

  it("crosses the year in WITA before WIB", () => {
    const newYearsEve = new Date("2025-12-31T16:30:00Z"); // 23:30 WIB, 00:30 WITA
    const paidToDecember = { paidMonths: ["2025-10", "2025-11", "2025-12"] };
    expect(paymentStatusNow(participant("WIB", paidToDecember), newYearsEve)).toMatchObject({
      asOfMonth: "2025-12",
      status: "active",
    });
    expect(paymentStatusNow(participant("WITA", paidToDecember), newYearsEve)).toMatchObject({
      asOfMonth: "2026-01",
      status: "in_arrears",
    });
  });

  it("raises no call before the sign-up is registered", () => {
    expect(followupsDue(participant("WIB", { signupStatus: "verified", paidMonths: [] }), instant)).toEqual(
      [],
    );
  });

  it("reads a sponsorship end date as its month, and tells which open calls are no longer due", () => {
    expect(sponsoredUntilMonth("2026-06-30")).toBe("2026-06");
    expect(sponsoredUntilMonth(null)).toBeNull();
    const open = [
      { id: "a", participantId: "p", kind: "arrears", periodKey: "2026-01" },
      { id: "b", participantId: "p", kind: "payment_reminder", periodKey: "2026-02" },
    ];
    expect(tasksNoLongerDue(followupsDue(participant("WIB"), instant), open).map((x) => x.id)).toEqual(["a"]);
  });
});
