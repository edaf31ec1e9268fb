import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../../packages/node/src/seed/demo.ts";
import { AS, createTestApp, type TestApp } from "../../support/app.ts";
import { blitarRecord, errorOf, madiunRecord, postBatch } from "./records.ts";

let t: TestApp;
let staff: string;
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.login(AS.staffMadiun);
});

interface CaptureEvents {
  events: {
    id: string;
    today: boolean;
    timeZone: string;
    areaName: string;
    villages: { code: string; name: string; districtName: string; suggested: boolean }[];
    sponsors: { id: string; name: string; type: string }[];
  }[];
}

describe("GET /api/enrolment/capture/events", () => {
  it("gives staff today's events they are assigned to, with the area's villages and payers", async () => {
    const res = await t.request("/api/enrolment/capture/events", { token: staff });
    expect(res.status).toBe(200);
    const body = (await res.json()) as CaptureEvents;
    expect(body.events.map((e) => e.id)).toEqual([DEMO_IDS.events.sosialisasiMadiun]);
    const [event] = body.events;
    expect(event?.today).toBe(true);
    expect(event?.areaName).toBe("Kota Madiun");
    expect(event?.villages).toHaveLength(27);
    expect(event?.villages.every((v) => v.code.startsWith("35.77.") && v.suggested)).toBe(true);
    expect(event?.villages.map((v) => v.districtName)).toContain("Kartoharjo");
    expect(event?.sponsors.map((s) => s.id)).toEqual(
      expect.arrayContaining([DEMO_IDS.partners.pemkotMadiun, DEMO_IDS.partners.csrSumberMakmur]),
    );
  });

  it("gives staff of another branch none of Madiun's, and refuses partners", async () => {
    const blitar = await t.request("/api/enrolment/capture/events", { token: await t.login(AS.staffBlitar) });
    expect(((await blitar.json()) as CaptureEvents).events).toEqual([]);
    const partner = await t.request("/api/enrolment/capture/events", {
      token: await t.login(AS.partnerDinkopSumsel),
    });
    expect(partner.status).toBe(403);
  });
});

describe("GET /api/enrolment/consent and /contribution-quote", () => {
  it("serves the consent text in force with its version", async () => {
    const res = await t.request("/api/enrolment/consent", { token: staff });
    const body = (await res.json()) as { version: string; text: { id: string } };
    expect(body.version).toBe("2026-07");
    expect(body.text.id).toContain("UU No. 27 Tahun 2022");
  });

  it.each([
    ["band=B01&occupation=becak&payer=self&month=2026-11", 8_400, "pp50-2025-transport"],
    ["band=B01&occupation=pedagang_pasar&payer=apbd&month=2026-11", 16_800, null],
    ["band=B01&occupation=petani&payer=self&month=2026-03", 16_800, null],
    ["band=B01&occupation=ojek&payer=self&month=2027-03", 8_400, "pp50-2025-transport"],
    ["band=B02&occupation=nelayan&payer=self&jht=true&month=2027-01", 51_800, null],
  ])("%s → Rp%i", async (query, total, discountId) => {
    const res = await t.request(`/api/enrolment/contribution-quote?${query}`, { token: staff });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ total, discountId });
  });

  it("refuses an unknown band or occupation with field issues", async () => {
    const res = await t.request("/api/enrolment/contribution-quote?band=B99&occupation=becak&payer=self", {
      token: staff,
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).details?.issues).toEqual([
      expect.objectContaining({ path: "band", code: "unknown_band" }),
    ]);
    const bad = await t.request("/api/enrolment/contribution-quote?band=B01&occupation=pilot&payer=self", {
      token: staff,
    });
    expect(bad.status).toBe(400);
  });
});

describe("POST /api/enrolment/nik-check", () => {
  const check = (json: unknown, token = staff) =>
    t.request("/api/enrolment/nik-check", { method: "POST", token, json });

  it("decodes birth date and sex, names the region, and never caches", async () => {
    const res = await check({ nik: "3577 0145 0580 0001", birthDate: "1980-05-05", sex: "F" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(await res.json()).toMatchObject({
      valid: true,
      nikMasked: "3577••••••••0001",
      decoded: { birthDate: "1980-05-05", sex: "F", districtCode: "35.77.01" },
      region: { status: "known", regencyName: "Kota Madiun", districtName: "Kartoharjo" },
      mismatches: [],
      duplicate: null,
    });
  });

  it("reports mismatches with what was entered, and an unknown region as a warning", async () => {
    const res = await check({ nik: "3577994505800001", birthDate: "1980-05-06", sex: "M" });
    const body = (await res.json()) as { region: { status: string }; mismatches: { code: string }[] };
    expect(body.region.status).toBe("unknown_region");
    expect(body.mismatches.map((m) => m.code).sort()).toEqual(["birth_date_mismatch", "sex_mismatch"]);
  });

  it("explains a malformed NIK and refuses a missing one", async () => {
    expect(await (await check({ nik: "3577014505800000" })).json()).toMatchObject({
      valid: false,
      code: "nik_serial",
    });
    expect((await check({})).status).toBe(400);
  });

  it("shows a duplicate in detail within scope and only its date outside", async () => {
    const blitarStaff = await t.login(AS.staffBlitar);
    const record = blitarRecord();
    await postBatch(t, blitarStaff, [record]);
    const own = (await (await check({ nik: record.nik }, blitarStaff)).json()) as {
      duplicate: Record<string, unknown>;
    };
    expect(own.duplicate).toMatchObject({
      sameScope: true,
      signupId: record.id,
      eventTitle: "Jemput Bola Pasar Legi Blitar bersama Paguyuban Pedagang",
    });
    const other = (await (await check({ nik: record.nik })).json()) as { duplicate: Record<string, unknown> };
    expect(Object.keys(other.duplicate).sort()).toEqual(["sameScope", "signupDate"]);
  });

  it("is for those who record sign-ups", async () => {
    const res = await check({ nik: madiunRecord().nik }, await t.login(AS.partnerDinkopSumsel));
    expect(res.status).toBe(403);
  });
});
