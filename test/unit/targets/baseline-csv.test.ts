import { describe, expect, it } from "vitest";
import { parseCount, readBaselineCsv } from "../../../workers/targets/src/baselines/csv.ts";

const offices = new Map([
  ["kc-blitar", "kc-blitar"],
  ["KC-BLITAR", "kc-blitar"],
]);
const officeOf = (s: string) => offices.get(s);

describe("parseCount", () => {
  it("reads Indonesian and plain thousands", () => {
    expect(parseCount("17.189")).toBe(17_189);
    expect(parseCount("1.345.000")).toBe(1_345_000);
    expect(parseCount("17,189")).toBe(17_189);
    expect(parseCount(" 22761 ")).toBe(22_761);
    expect(parseCount("3,63")).toBeNaN();
    expect(parseCount("12.5")).toBeNaN();
    expect(parseCount("")).toBeNaN();
  });
});

describe("readBaselineCsv", () => {
  it("reads Indonesian or English headers, a BOM, quotes and blank lines", () => {
    const csv =
      '\uFEFFKantor,Tahun,Segmen,Kab/Kota,Jumlah,Sumber\r\nKC-BLITAR,2021,BPU,,"17.189","Rekap, Nov"\r\n\r\n';
    const { records, issues } = readBaselineCsv(csv, officeOf);
    expect(issues).toEqual([]);
    expect(records).toEqual([
      {
        row: 2,
        input: {
          officeId: "kc-blitar",
          year: 2021,
          segment: "bpu",
          regencyCode: "",
          total: 17_189,
          source: "Rekap, Nov",
        },
      },
    ]);
    const english = readBaselineCsv(
      "office,year,segment,regency,total\nkc-blitar,2020,bpu,35.72,2150\n",
      officeOf,
    );
    expect(english.records[0]?.input).toMatchObject({ regencyCode: "35.72", total: 2_150 });
  });

  it("reports each bad row by line and field and keeps the good ones", () => {
    const csv = [
      "kantor,tahun,segmen,jumlah",
      "KC-BLITAR,2020,bpu,3650",
      "KC-BLITAR,20x0,bpu,10",
      "KC-BLITAR,2019,bpu,-4",
      ",2019,bpu,4",
      "KC-BLITAR,2020,bpu,3700",
    ].join("\n");
    const { records, issues } = readBaselineCsv(csv, officeOf);
    expect(records.map((r) => r.row)).toEqual([2]);
    expect(issues.map((i) => [i.row, i.path, i.code])).toEqual([
      [3, "year", "invalid"],
      [4, "total", "invalid"],
      [5, "officeId", "unknown_office"],
      [6, "(row)", "duplicate_row"],
    ]);
  });

  it("refuses a file without the required columns or with too many rows", () => {
    expect(readBaselineCsv("kantor,jumlah\nKC-BLITAR,1\n", officeOf).issues.map((i) => i.path)).toEqual([
      "year",
      "segment",
    ]);
    const big = `kantor,tahun,segmen,jumlah\n${"KC-BLITAR,2020,bpu,1\n".repeat(5_001)}`;
    expect(readBaselineCsv(big, officeOf).issues).toEqual([
      expect.objectContaining({ code: "too_many_rows" }),
    ]);
  });
});
