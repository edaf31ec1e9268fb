import { getProvinces } from "idn-area-data";
import { describe, expect, it } from "vitest";
import {
  dateInTimeZone,
  localToUtc,
  PROVINCE_TIME_ZONES,
  timeZoneForProvince,
  utcOffsetMinutes,
  utcToLocal,
} from "../../../packages/shared/src/domain/timezone/index.ts";

describe("timeZoneForProvince", () => {
  it("covers exactly the 38 provinces of the Kemendagri list (idn-area-data)", async () => {
    const provinces = await getProvinces();
    expect(provinces).toHaveLength(38);
    expect(Object.keys(PROVINCE_TIME_ZONES).sort()).toEqual(provinces.map((p) => p.code).sort());
  });

  it.each([
    ["35", "WIB"], // Jawa Timur
    ["16", "WIB"], // Sumatera Selatan
    ["61", "WIB"], // Kalimantan Barat
    ["62", "WIB"], // Kalimantan Tengah
    ["63", "WITA"], // Kalimantan Selatan
    ["64", "WITA"], // Kalimantan Timur
    ["65", "WITA"], // Kalimantan Utara
    ["51", "WITA"], // Bali
    ["52", "WITA"], // NTB
    ["53", "WITA"], // NTT
    ["73", "WITA"], // Sulawesi Selatan
    ["75", "WITA"], // Gorontalo
    ["81", "WIT"], // Maluku
    ["82", "WIT"], // Maluku Utara
    ["91", "WIT"], // Papua
    ["96", "WIT"], // Papua Barat Daya
  ])("%s → %s", (code, tz) => {
    expect(timeZoneForProvince(code)).toBe(tz);
  });

  it("puts all the Papua provinces, old and new, in WIT", () => {
    for (const code of ["91", "92", "93", "94", "95", "96"]) expect(timeZoneForProvince(code)).toBe("WIT");
  });

  it("reads the province from deeper codes", () => {
    expect(timeZoneForProvince("35.73")).toBe("WIB");
    expect(timeZoneForProvince("51.71.01.1001")).toBe("WITA");
  });

  it("returns null for codes that name no province", () => {
    expect(timeZoneForProvince("00")).toBeNull();
    expect(timeZoneForProvince("97")).toBeNull();
    expect(timeZoneForProvince("")).toBeNull();
  });
});

describe("offsets and conversions", () => {
  it("knows the three offsets", () => {
    expect(utcOffsetMinutes("WIB")).toBe(420);
    expect(utcOffsetMinutes("WITA")).toBe(480);
    expect(utcOffsetMinutes("WIT")).toBe(540);
    expect(() => utcOffsetMinutes("UTC" as never)).toThrowError(
      expect.objectContaining({ code: "invalid_time_zone" }),
    );
  });

  it("converts the Palembang sarasehan, 9 January 2026 09:00 WIB, to UTC", () => {
    expect(localToUtc("2026-01-09T09:00", "WIB")).toBe("2026-01-09T02:00:00.000Z");
    expect(localToUtc("2026-01-09T09:00:30", "WITA")).toBe("2026-01-09T01:00:30.000Z");
  });

  it("crosses the date and year line backwards", () => {
    expect(localToUtc("2026-01-01T05:00", "WIT")).toBe("2025-12-31T20:00:00.000Z");
    expect(localToUtc("2024-03-01T06:59", "WIB")).toBe("2024-02-29T23:59:00.000Z");
  });

  it("converts UTC to local wall-clock time, forward across midnight", () => {
    expect(utcToLocal("2026-01-09T02:00:00Z", "WIB")).toBe("2026-01-09T09:00:00");
    expect(utcToLocal("2025-12-31T17:30:00Z", "WIB")).toBe("2026-01-01T00:30:00");
    expect(utcToLocal(new Date("2025-12-31T14:59:59Z"), "WIT")).toBe("2025-12-31T23:59:59");
    expect(utcToLocal("2026-01-09T10:00:00+07:00", "WITA")).toBe("2026-01-09T11:00:00");
  });

  it("round-trips local → UTC → local in every zone", () => {
    for (const tz of ["WIB", "WITA", "WIT"] as const) {
      expect(utcToLocal(localToUtc("2026-02-28T23:45", tz), tz)).toBe("2026-02-28T23:45:00");
    }
  });

  it("gives the local calendar date", () => {
    expect(dateInTimeZone("2026-01-31T17:30:00Z", "WIB")).toBe("2026-02-01");
    expect(dateInTimeZone("2026-01-31T17:30:00Z", "WIT")).toBe("2026-02-01");
    expect(dateInTimeZone("2026-01-31T14:30:00Z", "WITA")).toBe("2026-01-31");
  });

  it.each([
    "2026-02-30T09:00",
    "2026-01-09T24:00",
    "2026-01-09T09:60",
    "2026-01-09 09:00",
    "09:00",
    "2026-01-09T09:00Z",
  ])("rejects the local time %j", (value) => {
    expect(() => localToUtc(value, "WIB")).toThrowError(
      expect.objectContaining({ code: "invalid_local_time" }),
    );
  });

  it("rejects an unparseable instant", () => {
    expect(() => utcToLocal("not a date", "WIB")).toThrowError(
      expect.objectContaining({ code: "invalid_instant" }),
    );
  });
});
