import { describe, expect, it } from "vitest";
import { currentConsent } from "../../../packages/shared/src/domain/consent/index.ts";
import {
  BPU_CONTRIBUTION_RULES,
  PP50_2025_DISCOUNTS,
} from "../../../packages/shared/src/domain/contribution/rules.ts";
import {
  defaultSponsoredPeriod,
  type SignupValidationContext,
  signupFingerprintSource,
  validateSignupRecord,
} from "../../../packages/shared/src/schema/signups/validation.ts";

const NOW = new Date("2026-11-22T03:00:00.000Z");
const PEMKOT = "0b0c1f3e-1a01-4c6b-9c1a-000000000005";
const CSR = "0b0c1f3e-1a01-4c6b-9c1a-000000000007";
const PAGUYUBAN = "0b0c1f3e-1a01-4c6b-9c1a-000000000006";
const KNOWN = new Set(["35.77.01", "35.77.01.1001"]);
const TYPES: Record<string, "pemda" | "csr_company" | "paguyuban"> = {
  [PEMKOT]: "pemda",
  [CSR]: "csr_company",
  [PAGUYUBAN]: "paguyuban",
};

const ctx: SignupValidationContext = {
  now: NOW,
  rules: BPU_CONTRIBUTION_RULES,
  discounts: PP50_2025_DISCOUNTS,
  timeZone: "WIB",
  requireEvent: true,
  isKnownArea: (code) => KNOWN.has(code),
  sponsorType: (id) => TYPES[id] ?? null,
};

/** A woman born 5 May 1980 (day 45 in the NIK), self-paying market trader in Kota Madiun. */
const valid = {
  id: "5f0c7a52-8c1e-4a53-9d0b-2b1f1c3a9e01",
  eventId: "2d2e3f40-3c03-4e8d-9e3c-000000000003",
  nik: "3577014505800001",
  fullName: "Sri  Wahyuningsih ",
  sex: "F",
  birthDate: "1980-05-05",
  phone: "0812-3456-7890",
  occupation: "pedagang_pasar",
  villageCode: "35.77.01.1001",
  address: "Jl. Salak 3",
  incomeBand: "B01",
  jht: false,
  payer: "self",
  consentGiven: true,
  consentVersion: "2026-07",
  consentAt: "2026-11-22T02:55:00.000Z",
  recordedAt: "2026-11-22T02:56:00.000Z",
};

function issuesOf(patch: Record<string, unknown>, context: SignupValidationContext = ctx) {
  const result = validateSignupRecord({ ...valid, ...patch }, context);
  return result.ok ? [] : result.issues.map((i) => `${i.path}:${i.code}`);
}

describe("validateSignupRecord", () => {
  it("accepts a valid record and normalises it", () => {
    const result = validateSignupRecord(valid, ctx);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.fullName).toBe("Sri Wahyuningsih");
    expect(result.value.phone).toBe("+6281234567890");
    expect(result.value.nikMasked).toBe("3577••••••••0001");
    expect(result.value.signupMonth).toBe("2026-11");
    // Non-transport PP 50/2025 discount (April–December 2026) for a self-payer: 16,800 → 8,400.
    expect(result.value.contribution.total).toBe(8_400);
    expect(result.value.contribution.discountId).toBe("pp50-2025-non-transport");
    expect(result.warnings).toEqual([]);
  });

  it("computes APBD-paid contributions without the discount", () => {
    const result = validateSignupRecord(
      {
        ...valid,
        payer: "apbd",
        sponsorPartnerId: PEMKOT,
        sponsoredFrom: "2026-01-01",
        sponsoredUntil: "2026-12-31",
      },
      ctx,
    );
    expect(result.ok && result.value.contribution.total).toBe(16_800);
    expect(result.ok && result.value.contribution.discountWithheld).toBe("payer_excluded");
  });

  it("adds JHT at 2 % of the band's wage", () => {
    const result = validateSignupRecord({ ...valid, jht: true, incomeBand: "B03" }, ctx);
    // B03 = Rp2,000,000: JKK 20,000 + JKM 6,800 halved = 13,400, plus JHT 40,000.
    expect(result.ok && result.value.contribution.total).toBe(53_400);
  });

  it.each([
    [{ id: undefined }, "id:required"],
    [{ id: "not-a-uuid" }, "id:invalid_uuid"],
    [{ eventId: null }, "eventId:required"],
    [{ eventId: "x" }, "eventId:invalid_uuid"],
    [{ nik: "" }, "nik:required"],
    [{ nik: "3577A14505800001" }, "nik:nik_digits"],
    [{ nik: "357701450580001" }, "nik:nik_length"],
    [{ nik: "3577019913800001" }, "nik:nik_birth_date"],
    [{ nik: "3577014505800000" }, "nik:nik_serial"],
    [{ nik: 3577014505800001 }, "nik:invalid_type"],
    [{ fullName: "S" }, "fullName:too_short"],
    [{ fullName: "A".repeat(101) }, "fullName:too_long"],
    [{ fullName: "Sri 123" }, "fullName:invalid_format"],
    [{ fullName: undefined }, "fullName:required"],
    [{ sex: "X" }, "sex:invalid_choice"],
    [{ sex: "M" }, "sex:sex_mismatch"],
    [{ birthDate: "05-05-1980" }, "birthDate:invalid_date"],
    [{ birthDate: "1980-02-30" }, "birthDate:invalid_date"],
    [{ birthDate: "1980-05-06" }, "birthDate:birth_date_mismatch"],
    [{ phone: "0812-ABCD" }, "phone:phone_characters"],
    [{ phone: "+44 7700 900123" }, "phone:phone_foreign_country_code"],
    [{ phone: "0351 462 123" }, "phone:phone_not_mobile"],
    [{ phone: "0812 345" }, "phone:phone_too_short"],
    [{ phone: "0812 3456 7890 1234" }, "phone:phone_too_long"],
    [{ occupation: "astronot" }, "occupation:invalid_choice"],
    [{ villageCode: "35.77.01" }, "villageCode:invalid_format"],
    [{ villageCode: "35.77.01.9999" }, "villageCode:unknown_village"],
    [{ address: "x".repeat(201) }, "address:too_long"],
    [{ incomeBand: "B99" }, "incomeBand:unknown_band"],
    [{ incomeBand: "B 01" }, "incomeBand:invalid_format"],
    [{ jht: "ya" }, "jht:invalid_type"],
    [{ payer: "bank" }, "payer:invalid_choice"],
    [{ sponsorPartnerId: CSR }, "sponsorPartnerId:not_allowed"],
    [{ sponsoredFrom: "2026-01-01" }, "sponsoredFrom:not_allowed"],
    [{ sponsoredUntil: "2026-06-30" }, "sponsoredUntil:not_allowed"],
    [
      { payer: "csr", sponsoredFrom: "2026-11-01", sponsoredUntil: "2027-04-30" },
      "sponsorPartnerId:required",
    ],
    [
      {
        payer: "csr",
        sponsorPartnerId: "0b0c1f3e-1a01-4c6b-9c1a-0000000000ff",
        sponsoredFrom: "2026-11-01",
        sponsoredUntil: "2027-04-30",
      },
      "sponsorPartnerId:unknown_sponsor",
    ],
    [
      {
        payer: "csr",
        sponsorPartnerId: PAGUYUBAN,
        sponsoredFrom: "2026-11-01",
        sponsoredUntil: "2027-04-30",
      },
      "sponsorPartnerId:sponsor_type_mismatch",
    ],
    [{ payer: "csr", sponsorPartnerId: CSR, sponsoredUntil: "2027-04-30" }, "sponsoredFrom:required"],
    [{ payer: "apbd", sponsorPartnerId: PEMKOT, sponsoredFrom: "2026-01-01" }, "sponsoredUntil:required"],
    [
      { payer: "csr", sponsorPartnerId: CSR, sponsoredFrom: "2026-11-01", sponsoredUntil: "2026-10-31" },
      "sponsoredUntil:period_order",
    ],
    [
      { payer: "csr", sponsorPartnerId: CSR, sponsoredFrom: "2026-01-01", sponsoredUntil: "2031-01-31" },
      "sponsoredUntil:period_too_long",
    ],
    [
      { payer: "csr", sponsorPartnerId: CSR, sponsoredFrom: "2026-13-01", sponsoredUntil: "2027-01-31" },
      "sponsoredFrom:invalid_date",
    ],
    [{ consentGiven: false }, "consentGiven:consent_required"],
    [{ consentGiven: undefined }, "consentGiven:required"],
    [{ consentVersion: "1999-01" }, "consentVersion:unknown_consent_version"],
    [
      { consentVersion: "2026-07", consentAt: "2026-06-30T10:00:00.000Z" },
      "consentVersion:consent_not_in_force",
    ],
    [{ consentAt: "kemarin" }, "consentAt:invalid_timestamp"],
    [{ consentAt: "2026-11-22T05:00:00.000Z" }, "consentAt:in_future"],
    [{ recordedAt: "2026-11-22T05:00:00.000Z" }, "recordedAt:in_future"],
    [{ recordedAt: "2025-11-01T05:00:00.000Z" }, "recordedAt:too_old"],
    [{ recordedAt: undefined }, "recordedAt:required"],
    [{ identityConfirmed: "ya" }, "identityConfirmed:invalid_type"],
  ])("%j → %s", (patch, expected) => {
    expect(issuesOf(patch)).toContain(expected);
  });

  it("refuses workers younger than 15 and birth dates in the future", () => {
    expect(issuesOf({ nik: "3577014505150001", birthDate: "2015-05-05" })).toContain(
      "birthDate:below_working_age",
    );
    // A NIK can only encode the past (century rule), so a future date disagrees with it too.
    expect(issuesOf({ birthDate: "2027-01-01", identityConfirmed: true })).toContain(
      "birthDate:birth_date_future",
    );
  });

  it("tells a swapped day and month apart from another date", () => {
    // Day 43 → a woman born on the 3rd; month 05.
    expect(issuesOf({ nik: "3577014305800001", birthDate: "1980-05-03" })).toEqual([]);
    expect(issuesOf({ nik: "3577014305800001", birthDate: "1980-03-05" })).toContain(
      "birthDate:birth_day_month_swapped",
    );
  });

  it("turns NIK mismatches into warnings when the officer confirmed the KTP", () => {
    const result = validateSignupRecord({ ...valid, sex: "M", identityConfirmed: true }, ctx);
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.code)).toEqual(["sex_mismatch"]);
  });

  it("warns, but accepts, a NIK whose region is not on today's list", () => {
    const result = validateSignupRecord({ ...valid, nik: "3577994505800001" }, ctx);
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => `${w.path}:${w.code}`)).toEqual(["nik:unknown_region"]);
  });

  it("checks nothing it cannot know offline", () => {
    const offline = { ...ctx, isKnownArea: () => undefined, sponsorType: () => undefined };
    expect(issuesOf({ villageCode: "35.77.01.9999" }, offline)).toEqual([]);
    expect(
      issuesOf(
        {
          payer: "csr",
          sponsorPartnerId: PAGUYUBAN,
          sponsoredFrom: "2026-11-01",
          sponsoredUntil: "2027-04-30",
        },
        offline,
      ),
    ).toEqual([]);
  });

  it("lets lists come without an event", () => {
    expect(issuesOf({ eventId: null }, { ...ctx, requireEvent: false })).toEqual([]);
  });

  it("reports one issue per field and never echoes a value", () => {
    const result = validateSignupRecord({ ...valid, nik: "3577A1", phone: "0812-ABCD" }, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.filter((i) => i.path === "nik")).toHaveLength(1);
    for (const i of result.issues) {
      expect(i.message).not.toContain("3577A1");
      expect(i.message).not.toContain("ABCD");
    }
  });

  it("answers a non-object with one root issue", () => {
    const result = validateSignupRecord(42, ctx);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.code)).toEqual(["invalid_type"]);
  });

  it("counts the sign-up in the venue's month: 23:30 WIB on 31 Oct is October", () => {
    const result = validateSignupRecord(
      { ...valid, recordedAt: "2026-10-31T16:30:00.000Z", consentAt: "2026-10-31T16:29:00.000Z" },
      ctx,
    );
    expect(result.ok && result.value.signupMonth).toBe("2026-10");
  });
});

describe("signupFingerprintSource", () => {
  it("is the same for the same record and differs for any other field, without the NIK", () => {
    const a = validateSignupRecord(valid, ctx);
    const b = validateSignupRecord({ ...valid }, ctx);
    const c = validateSignupRecord({ ...valid, address: "Jl. Apel 1" }, ctx);
    if (!a.ok || !b.ok || !c.ok) throw new Error("fixtures must be valid");
    const source = signupFingerprintSource(a.shape, "hash-of-nik");
    expect(source).toBe(signupFingerprintSource(b.shape, "hash-of-nik"));
    expect(source).not.toBe(signupFingerprintSource(c.shape, "hash-of-nik"));
    expect(source).not.toContain(valid.nik);
  });
});

describe("consent and sponsored period helpers", () => {
  it("shows the wording in force on a date", () => {
    expect(currentConsent("2026-06-30").version).toBe("2024-10");
    expect(currentConsent("2026-07-01").version).toBe("2026-07");
  });

  it("proposes six whole months from this month", () => {
    expect(defaultSponsoredPeriod("2026-11-22")).toEqual({ from: "2026-11-01", until: "2027-04-30" });
  });
});
