import { describe, expect, it } from "vitest";
import {
  daysBetween,
  daysInMonth,
  firstDayOfMonth,
  isIsoDate,
  isYearMonth,
  lastDayOfMonth,
  monthOfDate,
  parseIsoDate,
} from "../../../packages/shared/src/domain/calendar/index.ts";
import { DomainError, isDomainError } from "../../../packages/shared/src/domain/errors.ts";

describe("calendar", () => {
  it("knows month lengths and the Gregorian leap rule", () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  it("validates ISO months and dates strictly", () => {
    expect(isYearMonth("2026-01")).toBe(true);
    expect(isYearMonth("2026-00")).toBe(false);
    expect(isYearMonth("2026-1")).toBe(false);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2025-02-29")).toBe(false);
    expect(isIsoDate("2026-04-31")).toBe(false);
    expect(isIsoDate("2026-1-01")).toBe(false);
  });

  it("gives first and last days of months", () => {
    expect(firstDayOfMonth("2026-02")).toBe("2026-02-01");
    expect(lastDayOfMonth("2024-02")).toBe("2024-02-29");
    expect(lastDayOfMonth("2025-12")).toBe("2025-12-31");
    expect(monthOfDate("2026-01-31")).toBe("2026-01");
  });

  it("counts days across month, year and leap-day boundaries", () => {
    expect(daysBetween("2025-12-31", "2026-01-01")).toBe(1);
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2025-02-28", "2025-03-01")).toBe(1);
    expect(daysBetween("2026-01-01", "2025-01-01")).toBe(-365);
    expect(daysBetween("1970-01-01", "2000-03-01")).toBe(11_017);
    expect(daysBetween("0001-01-01", "0001-01-02")).toBe(1);
  });

  it("throws a DomainError with a stable code on malformed input", () => {
    try {
      parseIsoDate("2026-02-30");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(isDomainError(error, "invalid_date")).toBe(true);
      expect(isDomainError(error, "invalid_month")).toBe(false);
      expect((error as DomainError).status).toBe(422);
      expect((error as DomainError).details).toEqual({ value: "2026-02-30" });
    }
  });
});
