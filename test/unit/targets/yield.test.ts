import { describe, expect, it } from "vitest";
import { eventYield, rankEvents } from "../../../workers/targets/src/progress/yield.ts";

const ev = (id: string, signups: number, over: Partial<Parameters<typeof eventYield>[0]> = {}) => {
  const input = {
    status: "reported" as const,
    signups,
    attendance: 100,
    actualCost: 1_000_000,
    targetSignups: 50,
    ...over,
  };
  return { id, yield: eventYield(input) };
};

describe("event yield", () => {
  it("computes cost per sign-up and sign-ups per attendee (Pasar Legi: Rp7,200,000 / 30, 30 of 131)", () => {
    const y = eventYield({
      status: "reported",
      signups: 30,
      attendance: 131,
      actualCost: 7_200_000,
      targetSignups: 100,
    });
    expect(y).toMatchObject({ costPerSignup: 240_000, signupsPerAttendee: 0.23, ranked: true });
    expect(y.achievement?.percent).toBe(30);
  });

  it("has no cost per sign-up without sign-ups or a reported cost, and ranks only held events", () => {
    expect(
      eventYield({ status: "held", signups: 0, attendance: 10, actualCost: 5, targetSignups: 0 }),
    ).toMatchObject({
      costPerSignup: null,
      achievement: null,
    });
    expect(
      eventYield({ status: "planned", signups: 0, attendance: null, actualCost: null, targetSignups: 10 })
        .ranked,
    ).toBe(false);
  });
});

describe("rankEvents", () => {
  const list = [
    ev("a", 40),
    ev("b", 10),
    ev("c", 25, { actualCost: 250_000 }),
    ev("d", 5),
    ev("p", 99, { status: "planned" }),
  ];

  it("puts the most sign-ups first and the fewest last, without overlap", () => {
    const r = rankEvents(list, "signups", 2);
    expect(r.best.map((e) => e.id)).toEqual(["a", "c"]);
    expect(r.worst.map((e) => e.id)).toEqual(["d", "b"]);
  });

  it("ranks by cost with the cheapest sign-up first", () => {
    const r = rankEvents(list, "cost_per_signup", 1);
    expect(r.best.map((e) => e.id)).toEqual(["c"]);
    expect(r.worst.map((e) => e.id)).toEqual(["d"]);
  });

  it("shows every event as best and none as worst when there are too few to split", () => {
    const r = rankEvents(list, "signups", 5);
    expect(r.best).toHaveLength(4);
    expect(r.worst).toEqual([]);
  });
});
