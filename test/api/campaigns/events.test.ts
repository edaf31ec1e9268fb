import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../../packages/node/src/seed/demo.ts";
import { auditLog, eventPartners, events } from "../../../packages/shared/src/schema/index.ts";
import { AS, createTestApp, type TestApp } from "../../support/app.ts";
import { client, dayFromNow, expectIssue, ok } from "./helpers.ts";

interface EventDetail {
  id: string;
  version: number;
  status: string;
  type: string;
  title: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  startLocal: string;
  endLocal: string;
  cancelReason: string | null;
  attendance: number | null;
  minutes: string | null;
  sharedWithPartners: boolean;
  partners: { id: string; name: string; role: string }[];
  staff: { id: string; name: string }[];
  actions: {
    id: string;
    action: string;
    ownerName: string;
    dueDate: string | null;
    done: boolean;
    updatedAt: string;
  }[];
  reportMissing: { path: string; code: string }[];
  allowedTransitions: string[];
  area: { code: string; name: string } | null;
}
interface EventSummary {
  id: string;
  title: string;
  assignedToMe: boolean;
  status: string;
  partners: { id: string }[];
}

const P = DEMO_IDS.partners;
const C = DEMO_IDS.campaigns;
const U = DEMO_IDS.users;
const E = DEMO_IDS.events;

let t: TestApp;
let api: ReturnType<typeof client>;
let managerSumbagsel: string;
let managerJatim: string;
let staffPalembang: string;
let staffMadiun: string;
beforeAll(async () => {
  t = await createTestApp();
  api = client(t);
  [managerSumbagsel, managerJatim, staffPalembang, staffMadiun] = await Promise.all([
    t.login(AS.managerSumbagsel),
    t.login(AS.managerJatim),
    t.login(AS.staffPalembang),
    t.login(AS.staffMadiun),
  ]);
});

const day = dayFromNow(10);
const sarasehan = (overrides: Record<string, unknown> = {}) => ({
  campaignId: C.sumsel,
  type: "sarasehan",
  title: "Sarasehan Jaminan Sosial UMKM bersama Dinas Koperasi dan UKM Sumsel",
  startLocal: `${day}T09:00`,
  endLocal: `${day}T13:00`,
  venue: "Hotel Swarna Dwipa, Palembang",
  areaCode: "16.71",
  expectedAttendance: 150,
  targetSignups: 120,
  plannedBudget: 45_000_000,
  partners: [{ partnerId: P.dinkopSumsel, role: "co_host" }],
  staffIds: [U.staffPalembang],
  sharedWithPartners: true,
  ...overrides,
});

async function plan(token = managerSumbagsel, overrides: Record<string, unknown> = {}) {
  return ok<EventDetail>(await api.post("/api/events", token, sarasehan(overrides)), 201);
}

describe("a manager plans a sarasehan with Dinas Koperasi dan UKM and takes it to reported", () => {
  it("walks planned → confirmed → held → reported, staff recording the outcome", async () => {
    const planned = await plan();
    expect(planned).toMatchObject({
      status: "planned",
      type: "sarasehan",
      timeZone: "WIB",
      startLocal: `${day}T09:00`,
      startsAt: `${day}T02:00:00.000Z`,
      endsAt: `${day}T06:00:00.000Z`,
      sharedWithPartners: true,
      version: 1,
      area: { code: "16.71" },
    });
    expect(planned.partners).toEqual([expect.objectContaining({ id: P.dinkopSumsel, role: "co_host" })]);
    expect(planned.staff.map((s) => s.id)).toEqual([U.staffPalembang]);
    expect(planned.allowedTransitions).toEqual(["confirmed", "cancelled"]);

    const confirmed = await ok<EventDetail>(
      await api.post(`/api/events/${planned.id}/status`, managerSumbagsel, {
        version: 1,
        status: "confirmed",
      }),
    );
    expect(confirmed).toMatchObject({ status: "confirmed", version: 2 });

    // The assigned staff member sees it first among their assignments and marks it held.
    const mine = await ok<EventSummary[]>(await api.get("/api/events?mine=1", staffPalembang));
    expect(mine.map((e) => e.id)).toContain(planned.id);
    expect(mine.every((e) => e.assignedToMe)).toBe(true);
    const held = await ok<EventDetail>(
      await api.post(`/api/events/${planned.id}/status`, staffPalembang, { version: 2, status: "held" }),
    );
    expect(held.status).toBe("held");

    // Reporting before attendance and minutes are in names both fields.
    const early = await api.post(`/api/events/${planned.id}/status`, staffPalembang, {
      version: 3,
      status: "reported",
    });
    const body = await expectIssue(early, 409, "report_incomplete", "attendance", "attendance_required");
    expect(body.details?.issues).toContainEqual(
      expect.objectContaining({ path: "minutes", code: "minutes_required" }),
    );

    const recorded = await ok<EventDetail>(
      await api.patch(`/api/events/${planned.id}/outcome`, staffPalembang, {
        version: 3,
        attendance: 164,
        minutes: "Dinkop UKM Sumsel mencatat 4.000 koperasi; disepakati pendataan anggota koperasi.",
        actualCost: 41_500_000,
      }),
    );
    expect(recorded.reportMissing).toEqual([]);

    const action = await ok<{ id: string; updatedAt: string }>(
      await api.post(`/api/events/${planned.id}/actions`, staffPalembang, {
        action: "Kirim daftar anggota koperasi untuk pendataan",
        ownerName: "Dinkop UKM Sumsel",
        dueDate: dayFromNow(30),
      }),
      201,
    );
    const reported = await ok<EventDetail>(
      await api.post(`/api/events/${planned.id}/status`, staffPalembang, { version: 4, status: "reported" }),
    );
    expect(reported).toMatchObject({
      status: "reported",
      attendance: 164,
      version: 5,
      allowedTransitions: [],
    });
    expect(reported.actions).toEqual([expect.objectContaining({ id: action.id, done: false })]);

    // Follow-ups can still be ticked off after the report.
    const done = await ok<{ done: boolean }>(
      await api.patch(`/api/events/${planned.id}/actions/${action.id}`, staffPalembang, {
        updatedAt: action.updatedAt,
        done: true,
      }),
    );
    expect(done.done).toBe(true);

    // Every step left an audit entry without personal data.
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, planned.id));
    expect(audit.map((a) => a.action).sort()).toEqual(
      ["event.create", "event.outcome", "event.status", "event.status", "event.status"].sort(),
    );
  });
});

describe("bad input names the field and the rule", () => {
  it("end before start → 400 endLocal end_not_after_start", async () => {
    const res = await api.post(
      "/api/events",
      managerSumbagsel,
      sarasehan({ startLocal: `${day}T13:00`, endLocal: `${day}T09:00` }),
    );
    await expectIssue(res, 400, "validation_failed", "endLocal", "end_not_after_start");
  });

  it("a day that does not exist → 400 startLocal invalid_local_time", async () => {
    const res = await api.post(
      "/api/events",
      managerSumbagsel,
      sarasehan({ startLocal: "2026-02-30T09:00" }),
    );
    await expectIssue(res, 400, "validation_failed", "startLocal", "invalid_local_time");
  });

  it("an unknown area code → 400 areaCode unknown_area", async () => {
    const res = await api.post("/api/events", managerSumbagsel, sarasehan({ areaCode: "16.99" }));
    await expectIssue(res, 400, "validation_failed", "areaCode", "unknown_area");
  });

  it("a province or village as the area → 400 areaCode area_level_not_allowed", async () => {
    const res = await api.post("/api/events", managerSumbagsel, sarasehan({ areaCode: "16" }));
    await expectIssue(res, 400, "validation_failed", "areaCode", "area_level_not_allowed");
  });

  it("a partner outside the manager's scope → 403 partners.0.partnerId partner_out_of_scope", async () => {
    const res = await api.post(
      "/api/events",
      managerSumbagsel,
      sarasehan({ partners: [{ partnerId: P.dinkopJateng, role: "co_host" }] }),
    );
    await expectIssue(res, 403, "partner_out_of_scope", "partners.0.partnerId");
  });

  it("an unknown partner → 400 unknown_partner", async () => {
    const res = await api.post(
      "/api/events",
      managerSumbagsel,
      sarasehan({ partners: [{ partnerId: crypto.randomUUID(), role: "co_host" }] }),
    );
    await expectIssue(res, 400, "validation_failed", "partners.0.partnerId", "unknown_partner");
  });

  it("staff of another branch → 400 staffIds.1 staff_not_in_branch", async () => {
    const res = await api.post(
      "/api/events",
      managerSumbagsel,
      sarasehan({ staffIds: [U.staffPalembang, U.staffMadiun] }),
    );
    await expectIssue(res, 400, "validation_failed", "staffIds.1", "staff_not_in_branch");
  });

  it("a manager cannot be assigned as event staff, nor a partner user", async () => {
    const res = await api.post(
      "/api/events",
      managerSumbagsel,
      sarasehan({ staffIds: [U.managerSumbagsel, U.partnerDinkopSumsel] }),
    );
    const body = await expectIssue(res, 400, "validation_failed", "staffIds.0", "staff_not_in_branch");
    expect(body.details?.issues).toContainEqual(expect.objectContaining({ path: "staffIds.1" }));
  });

  it("a campaign outside scope → 400 campaignId unknown_campaign", async () => {
    const res = await api.post("/api/events", managerSumbagsel, sarasehan({ campaignId: C.madiun }));
    await expectIssue(res, 400, "validation_failed", "campaignId", "unknown_campaign");
  });

  it("an unknown field or wrong type is refused by the validator with its path", async () => {
    const res = await api.post("/api/events", managerSumbagsel, {
      ...sarasehan(),
      type: "konser",
      status: "held",
    });
    const body = await expectIssue(res, 400, "validation_failed", "type", "invalid");
    expect(JSON.stringify(body)).not.toContain("konser");
  });

  it("an illegal status change → 409 status illegal_status_transition", async () => {
    const e = await plan();
    const res = await api.post(`/api/events/${e.id}/status`, managerSumbagsel, {
      version: 1,
      status: "reported",
    });
    const body = await expectIssue(res, 409, "illegal_status_transition", "status");
    expect(body.details).toMatchObject({ from: "planned", to: "reported" });
  });

  it("cancelling needs a reason; a cancelled event is final", async () => {
    const e = await plan();
    const noReason = await api.post(`/api/events/${e.id}/status`, managerSumbagsel, {
      version: 1,
      status: "cancelled",
    });
    await expectIssue(noReason, 400, "validation_failed", "cancelReason", "cancel_reason_required");
    const cancelled = await ok<EventDetail>(
      await api.post(`/api/events/${e.id}/status`, managerSumbagsel, {
        version: 1,
        status: "cancelled",
        cancelReason: "Gedung dipakai untuk vaksinasi massal.",
      }),
    );
    expect(cancelled).toMatchObject({
      status: "cancelled",
      cancelReason: "Gedung dipakai untuk vaksinasi massal.",
    });
    const edit = await api.patch(`/api/events/${e.id}`, managerSumbagsel, { version: 2, title: "Lagi" });
    await expectIssue(edit, 409, "event_locked", "status");
    const revive = await api.post(`/api/events/${e.id}/status`, managerSumbagsel, {
      version: 2,
      status: "planned",
    });
    await expectIssue(revive, 409, "illegal_status_transition", "status");
  });

  it("staff may mark held and reported but not confirm or cancel", async () => {
    const e = await plan();
    const res = await api.post(`/api/events/${e.id}/status`, staffPalembang, {
      version: 1,
      status: "confirmed",
    });
    await expectIssue(res, 403, "status_change_not_allowed", "status");
    const edit = await api.patch(`/api/events/${e.id}`, staffPalembang, { version: 1, title: "x" });
    expect(edit.status).toBe(403);
  });
});

describe("time zones come from the venue's province", () => {
  it("stores a Bali event as WITA (UTC+8) and shows it back in local time", async () => {
    const e = await ok<EventDetail>(
      await api.post("/api/events", managerJatim, {
        campaignId: C.madiun,
        type: "gerai",
        title: "Gerai di Pesta Kesenian Bali",
        startLocal: `${day}T09:00`,
        endLocal: `${day}T15:30`,
        areaCode: "51.71",
      }),
      201,
    );
    expect(e).toMatchObject({
      timeZone: "WITA",
      startsAt: `${day}T01:00:00.000Z`,
      endsAt: `${day}T07:30:00.000Z`,
      startLocal: `${day}T09:00`,
    });
    // Moving it to Jayapura keeps the wall-clock time and changes the zone.
    const moved = await ok<EventDetail>(
      await api.patch(`/api/events/${e.id}`, managerJatim, { version: 1, areaCode: "91.71" }),
    );
    expect(moved).toMatchObject({
      timeZone: "WIT",
      startLocal: `${day}T09:00`,
      startsAt: `${day}T00:00:00.000Z`,
    });
  });
});

describe("concurrent edits never overwrite each other", () => {
  it("answers a stale version with 409 and the current version, leaving the row as the winner wrote it", async () => {
    const e = await plan();
    const first = await ok<EventDetail>(
      await api.patch(`/api/events/${e.id}`, managerSumbagsel, { version: 1, title: "Judul dari tablet A" }),
    );
    expect(first.version).toBe(2);
    const stale = await api.patch(`/api/events/${e.id}`, managerSumbagsel, {
      version: 1,
      title: "Judul dari tablet B",
      partners: [],
    });
    const body = await expectIssue(stale, 409, "version_conflict", "version");
    expect(body.details).toMatchObject({ currentVersion: 2 });
    const [row] = await t.db.select().from(events).where(eq(events.id, e.id));
    expect(row?.title).toBe("Judul dari tablet A");
    const links = await t.db.select().from(eventPartners).where(eq(eventPartners.eventId, e.id));
    expect(links).toHaveLength(1);
  });

  it("lets exactly one of two simultaneous edits from the same version win, with its child rows intact", async () => {
    const e = await plan();
    const [a, b] = await Promise.all([
      api.patch(`/api/events/${e.id}`, managerSumbagsel, { version: 1, title: "A", partners: [] }),
      api.patch(`/api/events/${e.id}`, managerSumbagsel, {
        version: 1,
        title: "B",
        staffIds: [],
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [row] = await t.db.select().from(events).where(eq(events.id, e.id));
    const links = await t.db.select().from(eventPartners).where(eq(eventPartners.eventId, e.id));
    const detail = await ok<EventDetail>(await api.get(`/api/events/${e.id}`, managerSumbagsel));
    if (a.status === 200) {
      expect(row?.title).toBe("A");
      expect(links).toHaveLength(0);
      expect(detail.staff).toHaveLength(1);
    } else {
      expect(row?.title).toBe("B");
      expect(links).toHaveLength(1);
      expect(detail.staff).toHaveLength(0);
    }
    expect(row?.version).toBe(2);
  });

  it("guards follow-up actions by their updatedAt", async () => {
    const e = await plan();
    const action = await ok<{ id: string; updatedAt: string }>(
      await api.post(`/api/events/${e.id}/actions`, managerSumbagsel, {
        action: "Undang paguyuban pedagang",
        ownerName: "Kantor Cabang Palembang",
      }),
      201,
    );
    await ok(
      await api.patch(`/api/events/${e.id}/actions/${action.id}`, managerSumbagsel, {
        updatedAt: action.updatedAt,
        done: true,
      }),
    );
    const stale = await api.patch(`/api/events/${e.id}/actions/${action.id}`, staffPalembang, {
      updatedAt: action.updatedAt,
      ownerName: "Dinkop",
    });
    await expectIssue(stale, 409, "version_conflict", "updatedAt");
  });
});

describe("who sees which event", () => {
  it("staff see their branch's events, assignments marked, and not another branch's (404)", async () => {
    const list = await ok<EventSummary[]>(await api.get("/api/events", staffMadiun));
    expect(list.map((e) => e.id)).toContain(E.sosialisasiMadiun);
    expect(list.find((e) => e.id === E.sosialisasiMadiun)?.assignedToMe).toBe(true);
    expect(list.map((e) => e.id)).not.toContain(E.sarasehanPalembang);
    const other = await api.get(`/api/events/${E.sarasehanPalembang}`, staffMadiun);
    await expectIssue(other, 404, "event_not_found");
  });

  it("a manager sees only events of offices in scope and filters by type, status and partner", async () => {
    const jatim = await ok<EventSummary[]>(await api.get("/api/events", managerJatim));
    expect(jatim.map((e) => e.id)).toEqual(expect.arrayContaining([E.sosialisasiMadiun, E.jemputBolaBlitar]));
    expect(jatim.map((e) => e.id)).not.toContain(E.rakorSolo);
    const withPaguyuban = await ok<EventSummary[]>(
      await api.get(
        `/api/events?partner=${P.paguyubanPasarBlitar}&type=jemput_bola&status=reported`,
        managerJatim,
      ),
    );
    expect(withPaguyuban.map((e) => e.id)).toEqual([E.jemputBolaBlitar]);
    const outside = await api.get(`/api/events/${E.rakorSolo}`, managerJatim);
    expect(outside.status).toBe(404);
  });

  it("filters by local dates", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const list = await ok<EventSummary[]>(
      await api.get(`/api/events?from=${today}&to=${dayFromNow(8)}&office=kc-madiun`, managerJatim),
    );
    expect(list.map((e) => e.id)).toEqual([E.sosialisasiMadiun, E.sosialisasiMadiunNext]);
  });

  it("lists assignable staff of a branch only for a manager in scope", async () => {
    const staff = await ok<{ id: string }[]>(
      await api.get("/api/events/assignable-staff?office=kc-palembang", managerSumbagsel),
    );
    expect(staff.map((s) => s.id)).toEqual([U.staffPalembang]);
    const outside = await api.get("/api/events/assignable-staff?office=kc-madiun", managerSumbagsel);
    expect(outside.status).toBe(404);
  });
});

describe("guarded writes (the mechanism behind the 409)", () => {
  it("skip child rows and the audit entry when the version moved before the batch ran", async () => {
    const { insertWhen, runBatch, rowsAffected } = await import(
      "../../../workers/campaigns/src/concurrency/guarded.ts"
    );
    const { and, exists, sql } = await import("drizzle-orm");
    const e = await plan();
    const db = t.db;
    const guardFor = (version: number) =>
      exists(
        db
          .select({ one: sql`1` })
          .from(events)
          .where(and(eq(events.id, e.id), eq(events.version, version))),
      );
    const stale = guardFor(7);
    const results = await runBatch(db, [
      db.delete(eventPartners).where(and(eq(eventPartners.eventId, e.id), stale)),
      insertWhen(db, eventPartners, { eventId: e.id, partnerId: P.csrSumberMakmur, role: "sponsor" }, stale),
      insertWhen(
        db,
        auditLog,
        {
          id: crypto.randomUUID(),
          at: new Date().toISOString(),
          action: "x",
          entity: "event",
          entityId: e.id,
        },
        stale,
      ),
      db
        .update(events)
        .set({ title: "stale" })
        .where(and(eq(events.id, e.id), eq(events.version, 7))),
    ]);
    expect(results.map(rowsAffected)).toEqual([0, 0, 0, 0]);
    const links = await db.select().from(eventPartners).where(eq(eventPartners.eventId, e.id));
    expect(links.map((l) => l.partnerId)).toEqual([P.dinkopSumsel]);

    const fresh = guardFor(1);
    const applied = await runBatch(db, [
      insertWhen(db, eventPartners, { eventId: e.id, partnerId: P.csrSumberMakmur, role: "sponsor" }, fresh),
      db
        .update(events)
        .set({ version: 2 })
        .where(and(eq(events.id, e.id), eq(events.version, 1))),
    ]);
    expect(applied.map(rowsAffected)).toEqual([1, 1]);
  });
});
