import { describe, expect, it } from "vitest";
import {
  formatIndonesianMobile,
  maskPhone,
  normalizeIndonesianMobile,
} from "../../../packages/shared/src/domain/phone/index.ts";

describe("normalizeIndonesianMobile", () => {
  it.each([
    ["081234567890"],
    ["0812-3456-7890"],
    ["0812 3456 7890"],
    ["6281234567890"],
    ["+6281234567890"],
    ["+62 812-3456-7890"],
    ["+62 (812) 3456.7890"],
    ["81234567890"],
    ["+62 0812 3456 7890"],
  ])("normalises %j to +6281234567890", (input) => {
    expect(normalizeIndonesianMobile(input)).toEqual({
      ok: true,
      e164: "+6281234567890",
      national: "081234567890",
    });
  });

  it("accepts the shortest and longest mobile numbers in use", () => {
    expect(normalizeIndonesianMobile("0811234567")).toMatchObject({ ok: true, e164: "+62811234567" });
    expect(normalizeIndonesianMobile("0813-1234-56789")).toMatchObject({ ok: true, e164: "+62813123456789" });
  });

  it.each([
    ["", "empty"],
    ["  - ", "empty"],
    ["0812-3456-789O", "characters"],
    ["0812/3456/7890", "characters"],
    ["62+81234567890", "characters"],
    ["+6012345678", "foreign_country_code"],
    ["+1 212 555 0100", "foreign_country_code"],
    ["021-5551234", "not_mobile"],
    ["+62 21 5551234", "not_mobile"],
    ["0801234567", "not_mobile"],
    ["0", "too_short"],
    ["08123", "too_short"],
    ["08123456", "too_short"],
    ["08123456789012", "too_long"],
  ])("rejects %j as %s", (input, reason) => {
    expect(normalizeIndonesianMobile(input)).toEqual({ ok: false, reason });
  });
});

describe("display helpers", () => {
  it("formats a number the way people read it", () => {
    expect(formatIndonesianMobile("+6281234567890")).toBe("0812-3456-7890");
    expect(formatIndonesianMobile("+62811234567")).toBe("0811-2345-67");
    expect(formatIndonesianMobile("garbage")).toBe("garbage");
  });

  it("masks the middle of a number", () => {
    expect(maskPhone("+6281234567890")).toBe("+62812••••7890");
    expect(maskPhone("+6281")).toBe("•••••");
  });
});
