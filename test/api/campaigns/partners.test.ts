import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../../packages/node/src/seed/demo.ts";
import { AS, createTestApp, type TestApp } from "../../support/app.ts";
import { insertSignups } from "../../support/signup-fixtures.ts";
import { client, dayFromNow, expectIssue, ok } from "./helpers.ts";

interface Partner {
  id: string;
  name: string;
  type: string;
  version: number;
  officeId: string;
  userCount: number;
  contacts: { name: string; role: string | null; phone: string | null; email: string | null }[];
}
interface SharedEvent {
  id: string;
  title: string;
  cohosts: { name: string }[];
  attendance: number | null;
  outcome: {
    signups: number | null;
    achievement: number | null;
    byOccupation: { cells: { key: string; count: number }[]; other: number | null };
    byPayer: { cells: { key: string; count: number }[]; other: number | null };
  };
}

const P = DEMO_IDS.partners;
const E = DEMO_IDS.events;

let t: TestApp;
let api: ReturnType<typeof client>;
let manager: string;
let staff: string;
let staffMadiun: string;
let partner: string;
let paguyuban: string;
beforeAll(async () => {
  t = await createTestApp();
  api = client(t);
  [manager, staff, staffMadiun, partner, paguyuban] = await Promise.all([
    t.login(AS.managerSumbagsel),
    t.login(AS.staffPalembang),
    t.login(AS.staffMadiun),
    t.login(AS.partnerDinkopSumsel),
    t.login(AS.partnerPaguyubanBlitar),
  ]);
});

describe("partner organisations", () => {
  it("a manager adds a partner with contacts; staff of the office read them, others do not", async () => {
    const created = await ok<Partner>(
      await api.post("/api/partners", manager, {
        name: "Dinas Koperasi dan UKM Kota Palembang",
        type: "dinas_koperasi_ukm",
        level: "regency",
        areaCode: "16.71",
        officeId: "kc-palembang",
        contacts: [
          { name: "Hendra Gunawan", role: "Kabid UKM", phone: "0711-350123", email: "UKM@palembang.example" },
        ],
      }),
      201,
    );
    expect(created.contacts).toEqual([
      {
        id: expect.any(String),
        name: "Hendra Gunawan",
        role: "Kabid UKM",
        phone: "0711-350123",
        email: "ukm@palembang.example",
      },
    ]);
    const seen = await ok<Partner>(await api.get(`/api/partners/${created.id}`, staff));
    expect(seen.contacts).toHaveLength(1);
    expect((await api.get(`/api/partners/${created.id}`, staffMadiun)).status).toBe(404);
    expect((await api.post("/api/partners", staff, { name: "x" })).status).toBe(403);
  });

  it("replaces the contact list under a version check", async () => {
    const before = await ok<Partner>(await api.get(`/api/partners/${P.dinkopSumsel}`, manager));
    const updated = await ok<Partner>(
      await api.patch(`/api/partners/${P.dinkopSumsel}`, manager, {
        version: before.version,
        contacts: [
          { name: "Musiawati", role: "Kepala Dinas" },
          { name: "Rudi Hartono", role: "Sekretaris", phone: "+62 811 0000 009" },
        ],
      }),
    );
    expect(updated.version).toBe(before.version + 1);
    expect(updated.contacts.map((c) => c.name)).toEqual(["Musiawati", "Rudi Hartono"]);
    const stale = await api.patch(`/api/partners/${P.dinkopSumsel}`, manager, {
      version: before.version,
      contacts: [],
    });
    await expectIssue(stale, 409, "version_conflict", "version");
    const after = await ok<Partner>(await api.get(`/api/partners/${P.dinkopSumsel}`, manager));
    expect(after.contacts).toHaveLength(2);
  });

  it("names the field for an unknown area, an office out of scope, a bad email", async () => {
    const base = {
      name: "Paguyuban Ojek Plaju",
      type: "paguyuban",
      level: "district",
      officeId: "kc-palembang",
    };
    await expectIssue(
      await api.post("/api/partners", manager, { ...base, areaCode: "16.71.99" }),
      400,
      "validation_failed",
      "areaCode",
      "unknown_area",
    );
    await expectIssue(
      await api.post("/api/partners", manager, { ...base, officeId: "kc-blitar" }),
      403,
      "office_out_of_scope",
      "officeId",
    );
    await expectIssue(
      await api.post("/api/partners", manager, {
        ...base,
        contacts: [{ name: "Budi", email: "bukan-email" }],
      }),
      400,
      "validation_failed",
      "contacts.0.email",
      "invalid",
    );
  });

  it("lists only partners of offices in scope", async () => {
    const list = await ok<Partner[]>(await api.get("/api/partners", manager));
    expect(list.map((p) => p.id)).toContain(P.dinkopSumsel);
    expect(list.map((p) => p.id)).not.toContain(P.dinkopJateng);
    expect(list.find((p) => p.id === P.dinkopSumsel)?.userCount).toBe(1);
  });
});

describe("a partner sees only shared events their organisation co-hosts", () => {
  it("sees the shared sarasehan with aggregate outcomes and nothing personal", async () => {
    const month = new Date().toISOString().slice(0, 7);
    await insertSignups(t.db, t.env, [
      ...Array.from({ length: 30 }, () => ({ eventId: E.sarasehanPalembang, signupMonth: month })),
      ...Array.from({ length: 8 }, () => ({
        eventId: E.sarasehanPalembang,
        signupMonth: month,
        occupation: "penjahit",
      })),
      ...Array.from({ length: 2 }, () => ({
        eventId: E.sarasehanPalembang,
        signupMonth: month,
        occupation: "nelayan",
      })),
      ...Array.from({ length: 3 }, () => ({
        eventId: E.sarasehanPalembang,
        signupMonth: month,
        occupation: "nelayan",
        status: "rejected" as const,
      })),
    ]);
    const list = await ok<SharedEvent[]>(await api.get("/api/events/shared", partner));
    expect(list.map((e) => e.id)).toEqual([E.sarasehanPalembang]);
    const one = await ok<SharedEvent>(await api.get(`/api/events/shared/${E.sarasehanPalembang}`, partner));
    expect(one.attendance).toBe(164);
    expect(one.outcome.signups).toBe(40);
    expect(one.outcome.achievement).toBeCloseTo(40 / 120);
    // nelayan (2 live) is folded together with the next smallest cell so it cannot be derived.
    expect(one.outcome.byOccupation).toEqual({ cells: [{ key: "pedagang", count: 30 }], other: 10 });
    const text = JSON.stringify(one);
    for (const secret of [
      "Musiawati",
      "+6281100000001",
      "dinkop@sumselprov",
      "Dolly",
      "41500000",
      "minutes",
      "notulen",
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/Dinkop UKM Sumsel mencatat/);
  });

  it("gets 404 for an unshared event, another partner's event, and a co-hosted event once unsharing", async () => {
    for (const id of [E.rakorSolo, E.jemputBolaBlitar, E.sosialisasiMadiun, crypto.randomUUID()]) {
      await expectIssue(await api.get(`/api/events/shared/${id}`, partner), 404, "event_not_found");
    }
    // The paguyuban co-hosts the Blitar jemput bola (shared) but not the Tulungagung one (unshared).
    const pag = await ok<SharedEvent[]>(await api.get("/api/events/shared", paguyuban));
    expect(pag.map((e) => e.id)).toEqual([E.jemputBolaBlitar]);
    expect(pag[0]?.outcome.signups).toBe(0);

    const managerJatim = await t.login(AS.managerJatim);
    const detail = await ok<{ version: number }>(
      await api.get(`/api/events/${E.jemputBolaBlitar}`, managerJatim),
    );
    // Reported events are final; unshare a fresh co-hosted one instead.
    const fresh = await ok<{ id: string; version: number }>(
      await api.post("/api/events", managerJatim, {
        campaignId: DEMO_IDS.campaigns.blitar,
        type: "jemput_bola",
        title: "Jemput bola Pasar Templek",
        startLocal: `${dayFromNow(3)}T06:00`,
        endLocal: `${dayFromNow(3)}T10:00`,
        areaCode: "35.72",
        partners: [{ partnerId: P.paguyubanPasarBlitar, role: "co_host" }],
        sharedWithPartners: true,
      }),
      201,
    );
    expect(detail.version).toBe(1);
    await ok(await api.get(`/api/events/shared/${fresh.id}`, paguyuban));
    await ok(
      await api.patch(`/api/events/${fresh.id}`, managerJatim, { version: 1, sharedWithPartners: false }),
    );
    await expectIssue(await api.get(`/api/events/shared/${fresh.id}`, paguyuban), 404, "event_not_found");
  });

  it("cannot reach staff routes: events, partners, contacts, campaigns", async () => {
    for (const path of [
      `/api/events/${E.sarasehanPalembang}`,
      "/api/events",
      `/api/partners/${P.dinkopSumsel}`,
      "/api/partners",
      "/api/campaigns",
      "/api/calendar/feeds",
    ]) {
      const res = await api.get(path, partner);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }
  });
});
