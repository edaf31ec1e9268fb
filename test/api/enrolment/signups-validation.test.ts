import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../../packages/node/src/seed/demo.ts";
import { events } from "../../../packages/shared/src/schema/index.ts";
import { AS, createTestApp, type TestApp } from "../../support/app.ts";
import { blitarRecord, madiunRecord, postBatch } from "./records.ts";

let t: TestApp;
let staff: string;
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.login(AS.staffMadiun);
});

const year = new Date().getUTCFullYear();
const P = DEMO_IDS.partners;
const future = new Date(Date.now() + 3_600_000).toISOString();

/** Every rule of one record, each broken once, sent together in one batch. */
const RULES: [string, Record<string, unknown>, string][] = [
  ["id missing", { id: undefined }, "id:required"],
  ["id not a UUID", { id: "catatan-1" }, "id:invalid_uuid"],
  ["event missing at capture", { eventId: null }, "eventId:required"],
  ["event not a UUID", { eventId: "madiun" }, "eventId:invalid_uuid"],
  ["event unknown", { eventId: "2d2e3f40-3c03-4e8d-9e3c-0000000000ff" }, "eventId:unknown_event"],
  ["NIK empty", { nik: "" }, "nik:required"],
  ["NIK with letters", { nik: "35770I4505800001" }, "nik:nik_digits"],
  ["NIK too short", { nik: "357701450580001" }, "nik:nik_length"],
  ["NIK with an impossible birth date", { nik: "3577013202800001" }, "nik:nik_birth_date"],
  ["NIK serial 0000", { nik: "3577014505800000" }, "nik:nik_serial"],
  ["NIK not text", { nik: 3577014505800001 }, "nik:invalid_type"],
  ["name too short", { fullName: "S" }, "fullName:too_short"],
  ["name too long", { fullName: "A".repeat(101) }, "fullName:too_long"],
  ["name with digits", { fullName: "Slamet 2" }, "fullName:invalid_format"],
  ["sex unknown", { sex: "L" }, "sex:invalid_choice"],
  ["sex against the NIK", { nik: "3577010505800001", birthDate: "1980-05-05", sex: "F" }, "sex:sex_mismatch"],
  ["birth date malformed", { birthDate: "5 Mei 1980" }, "birthDate:invalid_date"],
  [
    "birth date against the NIK",
    { nik: "3577010505800001", sex: "M", birthDate: "1980-05-06" },
    "birthDate:birth_date_mismatch",
  ],
  [
    "birth date day/month swapped",
    { nik: "3577010305800001", sex: "M", birthDate: "1980-03-05" },
    "birthDate:birth_day_month_swapped",
  ],
  [
    "under working age",
    { nik: "3577010505150001", sex: "M", birthDate: "2015-05-05" },
    "birthDate:below_working_age",
  ],
  ["phone with letters", { phone: "0812-ABCD-1234" }, "phone:phone_characters"],
  ["phone abroad", { phone: "+65 8123 4567" }, "phone:phone_foreign_country_code"],
  ["phone landline", { phone: "(0351) 462123" }, "phone:phone_not_mobile"],
  ["phone too short", { phone: "0812345" }, "phone:phone_too_short"],
  ["phone too long", { phone: "0812 3456 7890 123" }, "phone:phone_too_long"],
  ["occupation unknown", { occupation: "pilot" }, "occupation:invalid_choice"],
  ["village not a village code", { villageCode: "35.77" }, "villageCode:invalid_format"],
  ["village unknown", { villageCode: "35.77.01.9999" }, "villageCode:unknown_village"],
  ["address too long", { address: "x".repeat(201) }, "address:too_long"],
  ["income band unknown", { incomeBand: "B77" }, "incomeBand:unknown_band"],
  ["JHT not yes/no", { jht: "ya" }, "jht:invalid_type"],
  ["payer unknown", { payer: "bank" }, "payer:invalid_choice"],
  [
    "sponsor for a self-payer",
    { payer: "self", sponsoredFrom: null, sponsoredUntil: null },
    "sponsorPartnerId:not_allowed",
  ],
  [
    "period for a self-payer",
    { payer: "self", sponsorPartnerId: null, sponsoredUntil: null },
    "sponsoredFrom:not_allowed",
  ],
  ["APBD without a payer organisation", { sponsorPartnerId: null }, "sponsorPartnerId:required"],
  [
    "sponsor unknown",
    { sponsorPartnerId: "0b0c1f3e-1a01-4c6b-9c1a-0000000000ff" },
    "sponsorPartnerId:unknown_sponsor",
  ],
  [
    "APBD paid by a CSR company",
    { sponsorPartnerId: P.csrSumberMakmur },
    "sponsorPartnerId:sponsor_type_mismatch",
  ],
  ["APBD without a start", { sponsoredFrom: null }, "sponsoredFrom:required"],
  ["APBD without an end", { sponsoredUntil: null }, "sponsoredUntil:required"],
  [
    "period ends before it starts",
    { sponsoredFrom: `${year}-06-01`, sponsoredUntil: `${year}-05-31` },
    "sponsoredUntil:period_order",
  ],
  [
    "period over five years",
    { sponsoredFrom: `${year}-01-01`, sponsoredUntil: `${year + 5}-01-31` },
    "sponsoredUntil:period_too_long",
  ],
  ["period start malformed", { sponsoredFrom: "awal tahun" }, "sponsoredFrom:invalid_date"],
  ["no consent", { consentGiven: false }, "consentGiven:consent_required"],
  ["consent version unknown", { consentVersion: "2020-01" }, "consentVersion:unknown_consent_version"],
  ["consent malformed time", { consentAt: "tadi pagi" }, "consentAt:invalid_timestamp"],
  ["consent in the future", { consentAt: future }, "consentAt:in_future"],
  ["recorded in the future", { recordedAt: future }, "recordedAt:in_future"],
  ["recorded over a year ago", { recordedAt: "2020-01-01T00:00:00.000Z" }, "recordedAt:too_old"],
  ["confirmation not yes/no", { identityConfirmed: 1 }, "identityConfirmed:invalid_type"],
];

describe("every rule of a sign-up record, checked again on the server", () => {
  it("rejects each broken record with its field, code and a message in Bahasa Indonesia", async () => {
    const good = madiunRecord();
    const results = await postBatch(t, staff, [good, ...RULES.map(([, patch]) => madiunRecord(patch))]);
    expect(results[0]?.status).toBe("created");
    for (const [i, [label, , expected]] of RULES.entries()) {
      const result = results[i + 1];
      const found = (result?.issues ?? []).map((x) => `${x.path}:${x.code}`);
      expect({ label, status: result?.status, found }).toEqual({
        label,
        status: "invalid",
        found: expect.arrayContaining([expected]),
      });
      for (const issue of result?.issues ?? []) expect(issue.message.length).toBeGreaterThan(5);
    }
  });

  it("keeps messages free of the values sent", async () => {
    const [result] = await postBatch(t, staff, [
      madiunRecord({ nik: "35770I4505800001", fullName: "Budi 77", phone: "0812-ABCD-1234" }),
    ]);
    const text = JSON.stringify(result);
    expect(text).not.toContain("35770I4505800001");
    expect(text).not.toContain("Budi 77");
    expect(text).not.toContain("ABCD");
  });

  it("accepts a NIK whose region is not on today's list, with a warning", async () => {
    const [result] = await postBatch(t, staff, [
      madiunRecord({ nik: "3577990505800001", sex: "M", birthDate: "1980-05-05" }),
    ]);
    expect(result?.status).toBe("created");
    expect(result?.warnings?.map((w) => `${w.path}:${w.code}`)).toEqual(["nik:unknown_region"]);
  });

  it("accepts a NIK mismatch the officer confirmed against the KTP, with a warning", async () => {
    const [result] = await postBatch(t, staff, [
      madiunRecord({ nik: "3577010505810001", sex: "M", birthDate: "1981-06-05", identityConfirmed: true }),
    ]);
    expect(result?.status).toBe("created");
    expect(result?.warnings?.map((w) => w.code)).toEqual(["birth_date_mismatch"]);
  });
});

describe("where a record may be made", () => {
  it("refuses events the staff member is not assigned to", async () => {
    const [other] = await postBatch(t, staff, [blitarRecord()]);
    expect(other?.status).toBe("event_forbidden");
  });

  it("refuses a cancelled event but keeps taking a held one", async () => {
    await t.db
      .update(events)
      .set({ status: "cancelled", cancelReason: "Hujan deras" })
      .where(eq(events.id, DEMO_IDS.events.sosialisasiMadiunNext));
    const [closed] = await postBatch(t, staff, [
      madiunRecord({ eventId: DEMO_IDS.events.sosialisasiMadiunNext }),
    ]);
    expect(closed?.status).toBe("event_closed");

    const blitarStaff = await t.login(AS.staffBlitar);
    const [held] = await postBatch(t, blitarStaff, [blitarRecord()]);
    expect(held?.status).toBe("created");
  });

  it("lets a manager record at any event of their offices, and refuses others", async () => {
    const manager = await t.login(AS.managerSumbagsel);
    const [result] = await postBatch(t, manager, [madiunRecord()]);
    expect(result?.status).toBe("event_forbidden");
    const jatim = await t.login(AS.managerJatim);
    const [ok] = await postBatch(t, jatim, [madiunRecord()]);
    expect(ok?.status).toBe("created");
  });

  it("refuses partners altogether", async () => {
    const partner = await t.login(AS.partnerDinkopSumsel);
    const res = await t.request("/api/enrolment/signups/batch", {
      method: "POST",
      token: partner,
      json: { records: [madiunRecord()] },
    });
    expect(res.status).toBe(403);
  });

  it("needs a session", async () => {
    const res = await t.request("/api/enrolment/signups/batch", { method: "POST", json: { records: [] } });
    expect(res.status).toBe(401);
  });
});
