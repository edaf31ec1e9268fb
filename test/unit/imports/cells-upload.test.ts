import { describe, expect, it } from "vitest";
import { escapeSpreadsheetText, isFormulaLike } from "../../../packages/shared/src/imports/cells.ts";
import { normalizeHeader, suggestMapping } from "../../../packages/shared/src/imports/fields.ts";
import type { UploadRow } from "../../../packages/shared/src/imports/reader.ts";
import { uploadChunks } from "../../../packages/shared/src/imports/upload.ts";
import { listDateToIso } from "../../../workers/enrolment/src/imports/signup-rows.ts";

describe("formula-like text", () => {
  it("is what a spreadsheet would evaluate, not a phone number or a negative number", () => {
    for (const s of ["=1+1", " =SUM(A1)", "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3+cmd", '=HYPERLINK("x")'])
      expect(isFormulaLike(s), s).toBe(true);
    for (const s of ["+62 812-3456-7890", "-5", "Sutrisno", "", "RT 02 - RW 03", "0812"])
      expect(isFormulaLike(s), s).toBe(false);
  });
  it("is escaped with an apostrophe on export, and so is text starting with a tab or CR", () => {
    expect(escapeSpreadsheetText("=1+1")).toBe("'=1+1");
    expect(escapeSpreadsheetText("\t=1")).toBe("'\t=1");
    expect(escapeSpreadsheetText("+6281234567890")).toBe("+6281234567890");
    expect(escapeSpreadsheetText("Siti")).toBe("Siti");
  });
});

describe("list cells as the capture record spells them", () => {
  it("reads the dates lists use", () => {
    expect(listDateToIso("31/12/1980")).toBe("1980-12-31");
    expect(listDateToIso("5-6-1985")).toBe("1985-06-05");
    expect(listDateToIso("17 Agustus 1990")).toBe("1990-08-17");
    expect(listDateToIso("1990-08-17")).toBe("1990-08-17");
    expect(listDateToIso("kemarin")).toBe("kemarin");
  });
  it("suggests a mapping from header aliases and keeps a remembered one", () => {
    expect(normalizeHeader("  No. KTP ")).toBe("no ktp");
    const headers = ["No", "No. KTP", "Nama", "Tgl Lahir", "HP"];
    expect(suggestMapping("signups", headers)).toMatchObject({
      nik: "No. KTP",
      fullName: "Nama",
      birthDate: "Tgl Lahir",
    });
    expect(suggestMapping("signups", headers, { fullName: "HP" }).fullName).toBe("HP");
  });
});

describe("the chunked upload loop", () => {
  const rows: UploadRow[] = Array.from({ length: 2_500 }, (_, i) => ({ rowNumber: i + 2, values: {} }));

  it("sends only the pending chunks and retries a transient failure", async () => {
    const sent: number[] = [];
    let failures = 1;
    await uploadChunks({
      rows,
      pending: [1, 2],
      isRetryable: (err) => err instanceof Error && err.message === "network",
      sleep: async () => {},
      sendChunk: async (index, chunk) => {
        if (index === 2 && failures-- > 0) throw new Error("network");
        expect(chunk[0]?.rowNumber).toBe(index * 1_000 + 2);
        sent.push(index);
      },
    });
    expect(sent.sort()).toEqual([1, 2]);
  });

  it("stops at a refusal instead of retrying it", async () => {
    let calls = 0;
    await expect(
      uploadChunks({
        rows,
        pending: [0, 1, 2],
        isRetryable: () => false,
        sendChunk: async () => {
          calls++;
          throw new Error("refused");
        },
      }),
    ).rejects.toThrow("refused");
    expect(calls).toBe(1);
  });
});
