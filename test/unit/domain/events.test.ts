import { describe, expect, it } from "vitest";
import {
  CAMPAIGN_TRANSITIONS,
  canRecordSignups,
  canTransition,
  canTransitionCampaign,
  EVENT_TRANSITIONS,
  eventWindowIssue,
  eventYield,
  partnerCount,
  reportReadiness,
  suppressSmallCells,
} from "../../../packages/shared/src/domain/events/index.ts";
import { EVENT_STATUSES } from "../../../packages/shared/src/schema/enums.ts";

describe("event status transitions", () => {
  it("walks planned → confirmed → held → reported", () => {
    expect(canTransition("planned", "confirmed")).toBe(true);
    expect(canTransition("confirmed", "held")).toBe(true);
    expect(canTransition("held", "reported")).toBe(true);
  });

  it.each([
    ["planned", "held"],
    ["planned", "reported"],
    ["confirmed", "reported"],
    ["held", "cancelled"],
    ["reported", "held"],
    ["cancelled", "planned"],
    ["held", "planned"],
  ] as const)("refuses %s → %s", (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it("treats reported and cancelled as final and lets only planned or confirmed be cancelled", () => {
    expect(EVENT_TRANSITIONS.reported).toEqual([]);
    expect(EVENT_TRANSITIONS.cancelled).toEqual([]);
    const cancellable = EVENT_STATUSES.filter((s) => canTransition(s, "cancelled"));
    expect(cancellable).toEqual(["planned", "confirmed"]);
  });

  it("never lists a status as following itself", () => {
    for (const s of EVENT_STATUSES) expect(EVENT_TRANSITIONS[s]).not.toContain(s);
  });
});

describe("campaign status transitions", () => {
  it("goes draft → active → closed and never back", () => {
    expect(canTransitionCampaign("draft", "active")).toBe(true);
    expect(canTransitionCampaign("active", "closed")).toBe(true);
    expect(canTransitionCampaign("active", "draft")).toBe(false);
    expect(canTransitionCampaign("closed", "active")).toBe(false);
    expect(CAMPAIGN_TRANSITIONS.closed).toEqual([]);
  });
});

describe("eventWindowIssue", () => {
  it("accepts an end after the start", () => {
    expect(eventWindowIssue("2026-03-10T02:00:00.000Z", "2026-03-10T06:00:00.000Z")).toBeNull();
  });
  it.each([
    ["2026-03-10T06:00:00.000Z", "2026-03-10T02:00:00.000Z"],
    ["2026-03-10T02:00:00.000Z", "2026-03-10T02:00:00.000Z"],
  ])("names endLocal when the end is not after the start (%s → %s)", (start, end) => {
    expect(eventWindowIssue(start, end)).toMatchObject({ path: "endLocal", code: "end_not_after_start" });
  });
});

describe("reportReadiness", () => {
  it("is ready with attendance and minutes", () => {
    expect(reportReadiness({ attendance: 164, minutes: "Sarasehan dibuka." })).toEqual([]);
  });
  it("accepts zero attendance as recorded", () => {
    expect(reportReadiness({ attendance: 0, minutes: "Hujan deras, tidak ada yang datang." })).toEqual([]);
  });
  it("names each missing field", () => {
    expect(reportReadiness({ attendance: null, minutes: "  " }).map((i) => [i.path, i.code])).toEqual([
      ["attendance", "attendance_required"],
      ["minutes", "minutes_required"],
    ]);
  });
});

describe("canRecordSignups", () => {
  it("refuses a cancelled event", () => {
    expect(canRecordSignups({ status: "cancelled" })).toMatchObject({ ok: false, code: "event_cancelled" });
  });
  it.each(["planned", "confirmed", "held", "reported"] as const)("accepts a %s event", (status) => {
    expect(canRecordSignups({ status })).toEqual({ ok: true });
  });
});

describe("eventYield", () => {
  const sarasehan = {
    targetSignups: 120,
    attendance: 164,
    actualCost: 41_500_000,
    plannedBudget: 45_000_000,
  };

  it("measures sign-ups against target, cost per sign-up and sign-ups per attendee", () => {
    const y = eventYield(sarasehan, 96);
    expect(y.achievement).toBeCloseTo(0.8);
    expect(y.costPerSignup).toBe(432_292); // 41,500,000 / 96, rounded to the rupiah
    expect(y.costBasis).toBe("actual");
    expect(y.signupsPerAttendee).toBeCloseTo(96 / 164);
  });

  it("falls back to the planned budget until the actual cost is known", () => {
    const y = eventYield({ ...sarasehan, actualCost: null }, 90);
    expect(y.costPerSignup).toBe(500_000);
    expect(y.costBasis).toBe("planned");
  });

  it("leaves ratios empty when they cannot be computed", () => {
    const y = eventYield({ targetSignups: 0, attendance: null, actualCost: null, plannedBudget: 0 }, 0);
    expect(y).toMatchObject({
      achievement: null,
      costPerSignup: null,
      costBasis: null,
      signupsPerAttendee: null,
    });
  });
});

describe("partner suppression", () => {
  it("hides single counts from 1 to 4 but shows 0 and 5+", () => {
    expect([0, 1, 4, 5, 120].map((n) => partnerCount(n))).toEqual([0, null, null, 5, 120]);
  });

  it("folds small cells into 'other' and keeps 'other' itself at 5 or more", () => {
    const out = suppressSmallCells([
      { key: "pedagang", count: 40 },
      { key: "ojek", count: 7 },
      { key: "nelayan", count: 2 },
      { key: "petani", count: 1 },
    ]);
    // 2 + 1 = 3 would be guessable from the total: the smallest shown cell (ojek 7) joins it.
    expect(out).toEqual({ cells: [{ key: "pedagang", count: 40 }], other: 10 });
  });

  it("shows nothing when everything together is below 5", () => {
    expect(suppressSmallCells([{ key: "nelayan", count: 3 }])).toEqual({ cells: [], other: null });
  });

  it("leaves large cells alone", () => {
    expect(
      suppressSmallCells([
        { key: "self", count: 8 },
        { key: "apbd", count: 12 },
      ]),
    ).toEqual({
      cells: [
        { key: "apbd", count: 12 },
        { key: "self", count: 8 },
      ],
      other: null,
    });
  });
});
