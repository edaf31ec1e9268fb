import { getDistricts, getProvinces, getRegencies } from "idn-area-data";
import { beforeAll, describe, expect, it } from "vitest";
import {
  compareNikWithEntered,
  deepestKnownNikRegion,
  maskNik,
  type NikParseResult,
  nikRegionStatus,
  type ParsedNik,
  parseNik,
} from "../../../packages/shared/src/domain/nik/index.ts";

const TODAY = "2026-01-15";

function parsed(input: string, today: string | Date = TODAY): ParsedNik {
  const result = parseNik(input, today);
  if (!result.ok) throw new Error(`expected a valid NIK, got ${result.reason}`);
  return result;
}

function reason(result: NikParseResult): string | null {
  return result.ok ? null : result.reason;
}

describe("parseNik", () => {
  it("decodes region, birth date, sex and serial of a man's NIK", () => {
    expect(parseNik("3573010101900001", TODAY)).toEqual({
      ok: true,
      nik: "3573010101900001",
      provinceCode: "35",
      regencyCode: "35.73",
      districtCode: "35.73.01",
      birthDate: "1990-01-01",
      sex: "M",
      serial: "0001",
    });
  });

  it("reads a day above 40 as a woman and subtracts 40", () => {
    const nik = parsed("3505094512850003");
    expect(nik.sex).toBe("F");
    expect(nik.birthDate).toBe("1985-12-05");
  });

  it.each([
    ["3573 0101 0190 0001", "spaces"],
    ["3573.010101.900001", "dots"],
    ["3573-0101-0190-0001", "hyphens"],
    [" 3573010101900001 \n", "surrounding whitespace"],
  ])("ignores separators: %s (%s)", (input) => {
    expect(parsed(input).nik).toBe("3573010101900001");
  });

  describe("rejections", () => {
    it.each([
      ["", "length"],
      ["357301010190001", "length"],
      ["35730101019000011", "length"],
      ["3573O10101900001", "digits"],
      ["3573/010101900001", "digits"],
      ["35730101019000a", "digits"],
    ])("%j → %s", (input, expected) => {
      expect(reason(parseNik(input, TODAY))).toBe(expected);
    });

    it.each([
      ["day 00", "3573010001900001"],
      ["day 32", "3573013201900001"],
      ["day 40 (neither a man's nor a woman's day)", "3573014001900001"],
      ["day 72 (woman's day 32)", "3573017201900001"],
      ["month 00", "3573010100900001"],
      ["month 13", "3573010113900001"],
      ["31 February", "3573013102900001"],
      ["31 April for a woman (71)", "3573017104900001"],
      ["29 February 1990, a common year", "3573012902900001"],
    ])("invalid birth date: %s", (_label, input) => {
      expect(reason(parseNik(input, TODAY))).toBe("birth_date");
    });

    it("accepts 29 February in a leap year and the last valid days", () => {
      expect(parsed("3573012902960001").birthDate).toBe("1996-02-29");
      expect(parsed("3573016902960001").birthDate).toBe("1996-02-29");
      expect(parsed("3573013112990001").birthDate).toBe("1999-12-31");
      expect(parsed("3573017112990001").sex).toBe("F");
    });

    it("rejects serial 0000 but accepts 0001 and 9999", () => {
      expect(reason(parseNik("3573010101900000", TODAY))).toBe("serial");
      expect(parsed("3573010101909999").serial).toBe("9999");
    });

    it("checks the birth date before the serial", () => {
      expect(reason(parseNik("3573013102900000", TODAY))).toBe("birth_date");
    });
  });

  describe("century of the two-digit year", () => {
    it("takes the current century when the date is not in the future", () => {
      expect(parsed("3573011501260001", "2026-01-15").birthDate).toBe("2026-01-15");
      expect(parsed("3573010101050001").birthDate).toBe("2005-01-01");
    });

    it("falls back a century when the date would be in the future, even by one day", () => {
      expect(parsed("3573011601260001", "2026-01-15").birthDate).toBe("1926-01-16");
      expect(parsed("3573010102260001", "2026-01-15").birthDate).toBe("1926-02-01");
      expect(parsed("3573010101300001").birthDate).toBe("1930-01-01");
    });

    it("keeps every age within 0–99 years", () => {
      for (let yy = 0; yy < 100; yy++) {
        const birthDate = parsed(`3573010101${String(yy).padStart(2, "0")}0001`).birthDate;
        expect(birthDate > "1926-01-15" && birthDate <= TODAY, birthDate).toBe(true);
      }
    });

    it("applies the leap rule of the chosen century (2000 is a leap year, 1900 is not)", () => {
      expect(parsed("3573012902000001", "2026-01-15").birthDate).toBe("2000-02-29");
      expect(reason(parseNik("3573012902000001", "1999-06-01"))).toBe("birth_date");
    });

    it("reads `today` given as an instant in WIT, the latest zone", () => {
      // 2026-01-15T16:00Z is already 16 January in WIT (UTC+9): a birth on the 16th is today.
      expect(parsed("3573011601260001", new Date("2026-01-15T16:00:00Z")).birthDate).toBe("2026-01-16");
      expect(parseNik("3573011601260001", new Date("2026-01-15T14:00:00Z"))).toMatchObject({
        birthDate: "1926-01-16",
      });
    });

    it("rejects a malformed reference date", () => {
      expect(() => parseNik("3573010101900001", "2026-13-01")).toThrowError(
        expect.objectContaining({ code: "invalid_date" }),
      );
    });
  });
});

describe("compareNikWithEntered", () => {
  const man = parsed("3573010203900001"); // 1990-03-02, M
  const woman = parsed("3573014203900001"); // 1990-03-02, F

  it("returns nothing when birth date and sex agree, or were not entered", () => {
    expect(compareNikWithEntered(man, { birthDate: "1990-03-02", sex: "M" })).toEqual([]);
    expect(compareNikWithEntered(man, {})).toEqual([]);
    expect(compareNikWithEntered(man, { birthDate: null, sex: null })).toEqual([]);
  });

  it("flags a different sex — the classic +40 forgotten on a woman's NIK", () => {
    expect(compareNikWithEntered(man, { sex: "F" })).toEqual([{ field: "sex", code: "sex_mismatch" }]);
    expect(compareNikWithEntered(woman, { sex: "M", birthDate: "1990-03-02" })).toEqual([
      { field: "sex", code: "sex_mismatch" },
    ]);
  });

  it("tells a swapped day and month apart from another date", () => {
    expect(compareNikWithEntered(man, { birthDate: "1990-02-03" })).toEqual([
      { field: "birthDate", code: "birth_day_month_swapped" },
    ]);
    expect(compareNikWithEntered(man, { birthDate: "1991-03-02" })).toEqual([
      { field: "birthDate", code: "birth_date_mismatch" },
    ]);
  });

  it("flags a century difference for people aged 100 or more", () => {
    const centenarian = parsed("3573010101250001"); // read as 2025-01-01
    expect(centenarian.birthDate).toBe("2025-01-01");
    expect(compareNikWithEntered(centenarian, { birthDate: "1925-01-01" })).toEqual([
      { field: "birthDate", code: "birth_century_mismatch" },
    ]);
  });

  it("reports both fields when both differ, and never echoes the values", () => {
    const result = compareNikWithEntered(man, { birthDate: "1980-07-07", sex: "F" });
    expect(result.map((m) => m.field)).toEqual(["birthDate", "sex"]);
    expect(JSON.stringify(result)).not.toMatch(/19[89]0/);
  });
});

describe("maskNik", () => {
  it("keeps the first and last four digits", () => {
    expect(maskNik("3573010101900001")).toBe("3573••••••••0001");
  });

  it("masks typed separators away too", () => {
    expect(maskNik("3573 0101 0190 0001")).toBe("3573••••••••0001");
  });

  it("hides short input entirely instead of revealing it", () => {
    expect(maskNik("12345678")).toBe("••••••••");
    expect(maskNik("")).toBe("");
  });
});

describe("nikRegionStatus with the Kemendagri list (idn-area-data)", () => {
  let known: (code: string) => boolean;

  beforeAll(async () => {
    const [provinces, regencies, districts] = await Promise.all([
      getProvinces(),
      getRegencies(),
      getDistricts(),
    ]);
    const codes = new Set([...provinces, ...regencies, ...districts].map((a) => a.code));
    known = (code) => codes.has(code);
  });

  it("knows Blimbing, Kota Malang (35.73.01)", () => {
    const nik = parsed("3573010101900001");
    expect(nikRegionStatus(nik, known)).toBe("known");
    expect(deepestKnownNikRegion(nik, known)).toBe("35.73.01");
  });

  it("warns — without rejecting — on a district code that is not on today's list", () => {
    const nik = parsed("3573990101900001");
    expect(nikRegionStatus(nik, known)).toBe("unknown_region");
    expect(deepestKnownNikRegion(nik, known)).toBe("35.73");
  });

  it("falls back to the province, or to nothing, for older or made-up codes", () => {
    expect(deepestKnownNikRegion(parsed("3599010101900001"), known)).toBe("35");
    const unknown = parsed("0001010101900001");
    expect(nikRegionStatus(unknown, known)).toBe("unknown_region");
    expect(deepestKnownNikRegion(unknown, known)).toBeNull();
  });
});
