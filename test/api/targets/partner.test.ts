import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../../packages/node/src/seed/demo.ts";
import { participants } from "../../../packages/shared/src/schema/index.ts";
import { AS, createTestApp, type TestApp } from "../../support/app.ts";
import { insertSignups, type SignupFixture } from "../../support/signup-fixtures.ts";

/**
 * A partner sees aggregates of its area and of the events it co-hosts that were shared with
 * partners — counts below 5 suppressed, and nothing that names, numbers or reaches a person.
 */
const E = DEMO_IDS.events;
const NOW = new Date("2026-06-15T03:00:00Z");
let t: TestApp;
let fixtureNiks: string[] = [];

const many = (n: number, f: SignupFixture): SignupFixture[] => Array.from({ length: n }, () => ({ ...f }));

beforeAll(async () => {
  t = await createTestApp({ now: NOW });
  await insertSignups(t.db, t.env, [
    // Pasar Legi Blitar (shared with partners; the paguyuban co-hosts): 23 live.
    ...many(14, {
      eventId: E.jemputBolaBlitar,
      signupMonth: "2026-04",
      occupation: "pedagang_pasar",
      payer: "self",
    }),
    ...many(6, {
      eventId: E.jemputBolaBlitar,
      signupMonth: "2026-04",
      occupation: "penjahit",
      payer: "paguyuban",
    }),
    ...many(3, { eventId: E.jemputBolaBlitar, signupMonth: "2026-05", occupation: "becak", payer: "csr" }),
    ...many(2, { eventId: E.jemputBolaBlitar, signupMonth: "2026-05", status: "rejected" }),
    // Tulungagung (not shared with partners): must not show as an event.
    ...many(9, { eventId: E.jemputBolaTulungagung, signupMonth: "2026-05" }),
    // Kota Blitar sign-ups from a kelurahan list (the paguyuban's area, no event): 2.
    ...many(2, {
      officeId: "kc-blitar",
      regencyCode: "35.72",
      signupMonth: "2026-06",
      source: "kelurahan_list",
    }),
    // Palembang sarasehan (shared; Dinkop Sumsel co-hosts), January: 3 — below 5.
    ...many(3, { eventId: E.sarasehanPalembang, signupMonth: "2026-01", occupation: "nelayan" }),
    // Elsewhere in Sumatera Selatan: 40 in Kab. Banyuasin (16.07).
    ...many(40, {
      officeId: "kc-palembang",
      regencyCode: "16.07",
      signupMonth: "2026-02",
      source: "csr_list",
      payer: "csr",
    }),
  ]);
  // The fixtures' NIKs are encrypted; the masked forms and names are what could leak.
  const rows = await t.db.select().from(participants);
  fixtureNiks = rows.map((r) => r.nikMasked);
});

type Shown = { count: number | null; suppressed: boolean };
interface View {
  partner: { name: string; areaCode: string | null };
  area: {
    code: string;
    total: Shown;
    byMonth: (Shown & { month: string })[];
    byRegency: (Shown & { code: string; name: string })[];
  } | null;
  events: {
    total: Shown;
    byMonth: (Shown & { month: string })[];
    byOccupation: (Shown & { key: string; label: string })[];
    byPayer: (Shown & { key: string })[];
    list: (Shown & { id: string; title: string; attendance: Shown | null })[];
  };
}

async function view(email: string, path = "/api/targets/partner/progress?year=2026") {
  const res = await t.request(path, { token: await t.login(email) });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return { text, body: JSON.parse(text) as View };
}

/** Personal data that must never reach a partner, in any form. */
function expectNoPersonalData(text: string) {
  expect(text).not.toMatch(/\d{16}/); // a NIK
  expect(text).not.toMatch(/(\+62|08)\d{8,}/); // a phone number
  for (const word of [
    "Peserta Uji",
    "1980-05-01",
    "Musiawati",
    "Siti Aminah",
    "Yuli Astuti",
    "Agus Dwi",
    "+6281100000004",
  ]) {
    expect(text).not.toContain(word);
  }
  for (const masked of fixtureNiks) expect(text).not.toContain(masked);
  expect(text).not.toMatch(/\b(fullName|birthDate|nikMasked|nik|phone|kpj|address|sex)\b/i);
}

describe("the paguyuban of Pasar Legi Blitar", () => {
  it("sees its co-hosted, shared event with sign-ups by month, occupation and payer", async () => {
    const { body } = await view(AS.partnerPaguyubanBlitar);
    expect(body.partner.name).toBe("Paguyuban Pedagang Pasar Legi Blitar");
    expect(body.events.list.map((e) => e.id)).toEqual([E.jemputBolaBlitar]);
    expect(body.events.list[0]).toMatchObject({ count: 23, suppressed: false, attendance: { count: 131 } });
    expect(body.events.total).toEqual({ count: 23, suppressed: false });
    // 3 in May is below 5; April (20) minus the shown total (23) would give it away, so
    // April is hidden too.
    expect(body.events.byMonth).toEqual([
      // April is not small: it is hidden as May's companion, and marked so ("*", not "< 5").
      { month: "2026-04", count: null, suppressed: true, companion: true },
      { month: "2026-05", count: null, suppressed: true },
    ]);
    // Likewise the 3 becak drivers hide the next smallest group.
    expect(body.events.byOccupation.map((o) => [o.key, o.count, o.suppressed])).toEqual([
      ["pedagang_pasar", 14, false],
      ["penjahit", null, true],
      ["becak", null, true],
    ]);
    expect(body.events.byPayer.map((p) => [p.key, p.count, p.suppressed])).toEqual([
      ["self", 14, false],
      ["paguyuban", null, true],
      ["csr", null, true],
    ]);
  });

  it("sees its area (Kota Blitar) from the regency cells, small months suppressed", async () => {
    const { body } = await view(AS.partnerPaguyubanBlitar);
    expect(body.area?.code).toBe("35.72");
    expect(body.area?.total).toEqual({ count: 25, suppressed: false });
    expect(body.area?.byMonth.map((m) => [m.month, m.count, m.suppressed])).toEqual([
      ["2026-04", 20, false],
      ["2026-05", null, true],
      ["2026-06", null, true],
    ]);
  });

  it("never sees an event it does not co-host or that was not shared", async () => {
    const { text } = await view(AS.partnerPaguyubanBlitar);
    expect(text).not.toContain(E.jemputBolaTulungagung);
    expect(text).not.toContain(E.sarasehanPalembang);
    expect(text).not.toContain("Tulungagung");
  });
});

describe("Dinas Koperasi dan UKM Sumatera Selatan", () => {
  it("sees the province by regency and its sarasehan, with the sarasehan's 3 sign-ups suppressed", async () => {
    const { body } = await view(AS.partnerDinkopSumsel);
    expect(body.area?.code).toBe("16");
    expect(body.area?.total).toEqual({ count: 43, suppressed: false });
    expect(body.area?.byRegency.map((r) => [r.code, r.count, r.suppressed])).toEqual([
      ["16.07", null, true],
      ["16.71", null, true],
    ]);
    expect(body.events.list).toEqual([
      expect.objectContaining({ id: E.sarasehanPalembang, count: null, suppressed: true }),
    ]);
    expect(body.events.total).toEqual({ count: null, suppressed: true });
    expect(body.events.byOccupation).toEqual([
      expect.objectContaining({ key: "nelayan", count: null, suppressed: true }),
    ]);
  });
});

describe("no personal data in any partner response", () => {
  it.each([
    ["paguyuban, JSON", AS.partnerPaguyubanBlitar, "/api/targets/partner/progress?year=2026"],
    ["paguyuban, CSV", AS.partnerPaguyubanBlitar, "/api/targets/partner/progress.csv?year=2026"],
    ["dinkop, JSON", AS.partnerDinkopSumsel, "/api/targets/partner/progress?year=2026"],
    ["dinkop, CSV", AS.partnerDinkopSumsel, "/api/targets/partner/progress.csv?year=2026"],
    ["an empty year", AS.partnerDinkopSumsel, "/api/targets/partner/progress?year=2019"],
  ])("%s", async (_label, email, path) => {
    const res = await t.request(path, { token: await t.login(email) });
    expect(res.status).toBe(200);
    expectNoPersonalData(await res.text());
  });

  it("refuses partners every other progress and target route", async () => {
    const token = await t.login(AS.partnerPaguyubanBlitar);
    for (const path of [
      "/api/targets",
      "/api/targets/baselines",
      "/api/targets/progress/offices",
      "/api/targets/progress/offices/kc-blitar",
      `/api/targets/progress/events/${E.jemputBolaBlitar}`,
    ]) {
      expect((await t.request(path, { token })).status, path).toBe(403);
    }
  });

  it("refuses the partner view to managers (it is the partner's own)", async () => {
    const res = await t.request("/api/targets/partner/progress", { token: await t.login(AS.managerBlitar) });
    expect(res.status).toBe(403);
  });
});

describe("CSV export", () => {
  it("is text/csv with the same suppression, written as <5 (and * for a companion)", async () => {
    const res = await t.request("/api/targets/partner/progress.csv?year=2026", {
      token: await t.login(AS.partnerPaguyubanBlitar),
    });
    expect(res.headers.get("Content-Type")).toMatch(/^text\/csv/);
    expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename="progres-mitra-2026\.csv"/);
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toBe("bagian,kunci,keterangan,jumlah");
    expect(lines).toContain("wilayah,35.72,Kota Blitar,25");
    expect(lines).toContain("wilayah_per_bulan,2026-05,2026-05,<5");
    expect(lines).toContain("kegiatan_per_pekerjaan,pedagang_pasar,Pedagang pasar,14");
    expect(lines).toContain("kegiatan_per_pekerjaan,becak,Pengayuh becak,<5");
    expect(lines).toContain("kegiatan_per_bulan,2026-04,2026-04,*");
    expect(lines).toContain("kegiatan_per_bulan,2026-05,2026-05,<5");
    expect(lines.some((l) => l.startsWith(`kegiatan,${E.jemputBolaBlitar},`) && l.endsWith(",23"))).toBe(
      true,
    );
  });
});
