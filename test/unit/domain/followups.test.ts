import { describe, expect, it } from "vitest";
import { addMonths } from "../../../packages/shared/src/domain/calendar/index.ts";
import {
  arrearsDeadline,
  firstNameOf,
  followupMessage,
  followupsFor,
  indonesianMonth,
  rupiahText,
} from "../../../packages/shared/src/domain/followups/index.ts";
import { participantStatus } from "../../../packages/shared/src/domain/retention/index.ts";

function months(from: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(from, i));
}

/** Follow-ups of a participant on `today`, from their payments (status computed by the domain). */
function plansOn(
  today: string,
  history: { signupMonth: string; paidMonths: string[]; sponsoredUntil?: string | null },
) {
  const asOfMonth = today.slice(0, 7);
  const status = participantStatus({ ...history, asOfMonth, today });
  return followupsFor({ status, signupMonth: history.signupMonth, asOfMonth, today });
}

describe("followupsFor", () => {
  it("asks a new sign-up for the first payment in the sign-up month", () => {
    expect(plansOn("2026-05-12", { signupMonth: "2026-05", paidMonths: [] })).toEqual([
      { kind: "payment_reminder", periodKey: "2026-05", dueDate: "2026-05-31" },
    ]);
  });

  it("turns an unpaid first month into arrears with the 3-month deadline, across the year end", () => {
    expect(plansOn("2026-01-05", { signupMonth: "2025-12", paidMonths: [] })).toEqual([
      { kind: "arrears", periodKey: "2025-12", dueDate: "2026-02-28" },
    ]);
  });

  it("reminds an active payer only in the last week of the paid period", () => {
    const paid = { signupMonth: "2026-03", paidMonths: months("2026-03", 3) }; // March – May
    expect(plansOn("2026-05-23", paid)).toEqual([]);
    expect(plansOn("2026-05-24", paid)).toEqual([
      { kind: "payment_reminder", periodKey: "2026-06", dueDate: "2026-05-31" },
    ]);
    expect(plansOn("2026-05-31", paid)).toHaveLength(1);
  });

  it("crosses December → January for the reminder's period", () => {
    const paid = { signupMonth: "2025-10", paidMonths: months("2025-10", 3) }; // October – December
    expect(plansOn("2025-12-28", paid)).toEqual([
      { kind: "payment_reminder", periodKey: "2026-01", dueDate: "2025-12-31" },
    ]);
  });

  it("says nothing while the participant has paid ahead past this month", () => {
    expect(plansOn("2026-05-30", { signupMonth: "2026-03", paidMonths: months("2026-03", 4) })).toEqual([]);
  });

  it("keeps one arrears task through months 1–3 behind, then asks for reactivation", () => {
    const paid = { signupMonth: "2025-10", paidMonths: months("2025-10", 3) }; // through December 2025
    const arrears = { kind: "arrears", periodKey: "2026-01", dueDate: "2026-03-31" };
    expect(plansOn("2026-01-10", paid)).toEqual([arrears]);
    expect(plansOn("2026-02-10", paid)).toEqual([arrears]);
    expect(plansOn("2026-03-31", paid)).toEqual([arrears]);
    expect(plansOn("2026-04-01", paid)).toEqual([
      { kind: "reactivation", periodKey: "2026-01", dueDate: "2026-04-30" },
    ]);
  });

  it("asks those who never paid to start, once the first payment is overdue for more than 3 months", () => {
    expect(plansOn("2026-04-02", { signupMonth: "2026-01", paidMonths: [] })).toEqual([
      { kind: "reactivation", periodKey: "2026-01", dueDate: "2026-04-30" },
    ]);
  });

  describe("sponsored premiums", () => {
    // A CSR programme pays October 2025 – March 2026.
    const sponsored = { signupMonth: "2025-10", sponsoredUntil: "2026-03" };

    it("raises no reminder or arrears call for months the sponsor pays", () => {
      expect(plansOn("2025-10-20", { ...sponsored, paidMonths: [] })).toEqual([]);
      expect(plansOn("2025-12-28", { ...sponsored, paidMonths: months("2025-10", 3) })).toEqual([]);
      expect(plansOn("2026-01-15", { ...sponsored, paidMonths: months("2025-10", 2) })).toEqual([]);
    });

    it("asks the worker to switch to self-pay within 30 days of the end", () => {
      const paid = { ...sponsored, paidMonths: months("2025-10", 6) };
      expect(plansOn("2026-02-28", paid)).toEqual([]);
      expect(plansOn("2026-03-01", paid)).toEqual([
        { kind: "sponsor_ending", periodKey: "2026-03", dueDate: "2026-03-31" },
      ]);
      // The last week: the reminder for April (self-paid) joins the switch call.
      expect(plansOn("2026-03-25", paid)).toEqual([
        { kind: "payment_reminder", periodKey: "2026-04", dueDate: "2026-03-31" },
        { kind: "sponsor_ending", periodKey: "2026-03", dueDate: "2026-03-31" },
      ]);
    });

    it("needs no switch call for a worker who already paid past the sponsorship", () => {
      expect(plansOn("2026-03-10", { ...sponsored, paidMonths: months("2025-10", 8) })).toEqual([]);
    });

    it("chases the worker once the sponsorship has ended and nothing follows", () => {
      expect(plansOn("2026-05-02", { ...sponsored, paidMonths: months("2025-10", 6) })).toEqual([
        { kind: "arrears", periodKey: "2026-04", dueDate: "2026-06-30" },
      ]);
      expect(plansOn("2026-07-02", { ...sponsored, paidMonths: months("2025-10", 6) })).toEqual([
        { kind: "reactivation", periodKey: "2026-04", dueDate: "2026-07-31" },
      ]);
    });
  });

  it("gives the arrears deadline 3 months on, through a leap February", () => {
    expect(arrearsDeadline("2023-12")).toBe("2024-02-29");
    expect(arrearsDeadline("2026-11")).toBe("2027-01-31");
  });
});

describe("followupMessage", () => {
  const base = {
    firstName: "Sulastri",
    periodKey: "2026-06",
    dueDate: "2026-05-31",
    monthlyAmount: 8_400,
    senderOrganisation: "BPJS Ketenagakerjaan Kantor Cabang Blitar",
    senderName: "Yuli Astuti",
  };

  it("writes the reminder in Bahasa Indonesia with the month, amount and deadline", () => {
    const text = followupMessage({ ...base, kind: "payment_reminder" });
    expect(text).toContain("Halo Bapak/Ibu Sulastri,");
    expect(text).toContain("bulan Juni 2026 sebesar Rp8.400");
    expect(text).toContain("paling lambat 31 Mei 2026");
    expect(text).toContain("Salam, Yuli Astuti — BPJS Ketenagakerjaan Kantor Cabang Blitar");
  });

  it("names the sponsor and the first self-paid month when a sponsorship ends", () => {
    const text = followupMessage({
      ...base,
      kind: "sponsor_ending",
      periodKey: "2026-12",
      dueDate: "2026-12-31",
      sponsorName: "PT Sumber Makmur",
    });
    expect(text).toContain("dibayar oleh PT Sumber Makmur sampai bulan Desember 2026");
    expect(text).toContain("Mulai bulan Januari 2027");
  });

  it("tells a lapsed participant they may resume with the same NIK and no fine", () => {
    const text = followupMessage({ ...base, kind: "reactivation", monthlyAmount: 16_800 });
    expect(text).toContain("NIK yang sama");
    expect(text).toContain("tanpa denda");
    expect(text).toContain("Rp16.800");
  });

  it("formats Indonesian months, rupiah and first names", () => {
    expect(indonesianMonth("2027-03")).toBe("Maret 2027");
    expect(rupiahText(207_000)).toBe("Rp207.000");
    expect(rupiahText(1_000_000)).toBe("Rp1.000.000");
    expect(firstNameOf("  Siti  Aminah ")).toBe("Siti");
  });
});
