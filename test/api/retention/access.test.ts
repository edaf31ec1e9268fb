import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../../packages/node/src/seed/demo.ts";
import { rebuildRetentionRollups } from "../../../packages/shared/src/rollups/retention.ts";
import { AS, createTestApp, type TestApp } from "../../support/app.ts";
import { insertSignups } from "../../support/signup-fixtures.ts";
import { errorOf, insertPaidMonths, monthsAgo, ok, participantsOf } from "./support.ts";

const E = DEMO_IDS.events;

let t: TestApp;

interface SharedEvent {
  eventId: string;
  title: string;
  signedUp: number | null;
  registered: number | null;
  firstPayment: number | null;
  activeNow: number | null;
}

/** `n` sign-ups at an event in the given month; the first `payers` paid for that month. */
async function signupsAt(eventId: string, n: number, payers: number, month = monthsAgo(0)) {
  const signupIds = await insertSignups(
    t.db,
    t.env,
    Array.from({ length: n }, () => ({ eventId, signupMonth: month })),
  );
  const participantIds = await participantsOf(t.db, signupIds);
  await insertPaidMonths(
    t.db,
    participantIds
      .slice(0, payers)
      .map((participantId, i) => ({ participantId, signupId: signupIds[i] as string, months: [month] })),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  // Palembang's sarasehan is shared with Dinkop UKM Sumsel; Solo's rakor with Dinkop Jateng.
  await signupsAt(E.sarasehanPalembang, 7, 3);
  await signupsAt(E.rakorSolo, 3, 3);
  await signupsAt(E.jemputBolaBlitar, 12, 6);
  await rebuildRetentionRollups(t.db, new Date());
});

describe("partners see aggregates of their shared events only, small counts suppressed", () => {
  it("shows counts of 5 and more, and null below 5", async () => {
    const partner = await t.login(AS.partnerDinkopSumsel);
    const body = await ok<{ minCount: number; events: SharedEvent[] }>(
      await t.request("/api/enrolment/retention/shared", { token: partner }),
    );
    expect(body.minCount).toBe(5);
    // Only the sarasehan they co-hosted; Solo's rakor belongs to other partners.
    expect(body.events.map((e) => e.eventId)).toEqual([E.sarasehanPalembang]);
    expect(body.events[0]).toMatchObject({
      signedUp: 7,
      registered: null,
      firstPayment: null,
      activeNow: null,
    });
    const text = JSON.stringify(body);
    for (const word of ["nik", "fullName", "phone", "participantId"]) expect(text).not.toContain(word);
  });

  it("shows the active participants an event produced once they are 5 or more", async () => {
    const partner = await t.login(AS.partnerPaguyubanBlitar);
    const body = await ok<{ events: SharedEvent[] }>(
      await t.request("/api/enrolment/retention/shared", { token: partner }),
    );
    expect(body.events.map((e) => e.eventId)).toEqual([E.jemputBolaBlitar]);
    expect(body.events[0]).toMatchObject({ signedUp: 12, firstPayment: 6, activeNow: 6 });
  });

  it("hides a stage whose difference from another would tell fewer than 5 people", async () => {
    // A database of its own: 12 signed up at the Blitar event and 8 paid — "4 did not pay"
    // would name a group of four, so the paid and active counts are hidden.
    const own = await createTestApp();
    const ids = await insertSignups(
      own.db,
      own.env,
      Array.from({ length: 12 }, () => ({ eventId: E.jemputBolaBlitar, signupMonth: monthsAgo(0) })),
    );
    const participantIds = await participantsOf(own.db, ids);
    await insertPaidMonths(
      own.db,
      participantIds
        .slice(0, 8)
        .map((participantId, i) => ({ participantId, signupId: ids[i] as string, months: [monthsAgo(0)] })),
    );
    await rebuildRetentionRollups(own.db, new Date());
    const body = await ok<{ events: SharedEvent[] }>(
      await own.request("/api/enrolment/retention/shared", {
        token: await own.login(AS.partnerPaguyubanBlitar),
      }),
    );
    expect(body.events[0]).toMatchObject({
      signedUp: 12,
      firstPayment: null,
      activeNow: null,
      companions: ["firstPayment", "activeNow"],
    });
  });

  it("keeps partners out of the staff retention view, and staff out of the partner view", async () => {
    const partner = await t.login(AS.partnerDinkopSumsel);
    await errorOf(
      await t.request(`/api/enrolment/retention?scope=event:${E.sarasehanPalembang}`, { token: partner }),
      403,
      "forbidden",
    );
    await errorOf(
      await t.request("/api/enrolment/retention/shared", { token: await t.login(AS.staffBlitar) }),
      403,
      "forbidden",
    );
  });
});

describe("retention scope", () => {
  it("lets a manager read their offices, events and campaigns, and nothing else", async () => {
    const managerJatim = await t.login(AS.managerJatim);
    const office = await ok<{ groups: { funnel: { signedUp: number } }[] }>(
      await t.request("/api/enrolment/retention?scope=office:kc-blitar", { token: managerJatim }),
    );
    expect(office.groups[0]?.funnel.signedUp).toBe(12);
    await ok(
      await t.request(`/api/enrolment/retention?scope=event:${E.jemputBolaBlitar}&by=payer`, {
        token: managerJatim,
      }),
    );
    await ok(
      await t.request(`/api/enrolment/retention?scope=campaign:${DEMO_IDS.campaigns.blitar}`, {
        token: managerJatim,
      }),
    );
    for (const scope of [
      "office:kc-palembang",
      `event:${E.sarasehanPalembang}`,
      "national",
      "event:unknown",
    ]) {
      await errorOf(
        await t.request(`/api/enrolment/retention?scope=${scope}`, { token: managerJatim }),
        404,
        "scope_not_found",
      );
    }
    const admin = await t.login(AS.admin);
    const national = await ok<{ groups: { funnel: { signedUp: number } }[] }>(
      await t.request("/api/enrolment/retention?scope=national", { token: admin }),
    );
    expect(national.groups[0]?.funnel.signedUp).toBe(22);
  });

  it("refuses a malformed scope or breakdown", async () => {
    const admin = await t.login(AS.admin);
    await errorOf(
      await t.request("/api/enrolment/retention?scope=planet:mars", { token: admin }),
      400,
      "validation_failed",
    );
    await errorOf(
      await t.request("/api/enrolment/retention?scope=national&by=religion", { token: admin }),
      400,
      "validation_failed",
    );
  });
});
