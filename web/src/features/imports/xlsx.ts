import { escapeSpreadsheetText } from "@jangkau/shared/imports/cells";
import { exportPage } from "./api.ts";

/**
 * The verified sign-ups as an XLSX workbook, built on this device from the export's JSON pages
 * (exceljs is too large for the API worker). Every cell is written as text — the NIK keeps its
 * 16 digits, and formula-like text (already escaped by the server) never becomes a formula.
 */
export async function exportWorkbook(batchId: string | undefined): Promise<Blob> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Terverifikasi");
  let after = "";
  let header = false;
  for (;;) {
    const page = await exportPage(batchId, after);
    if (!header) {
      sheet.addRow([...page.columns]).font = { bold: true };
      header = true;
    }
    for (const line of page.lines) {
      const row = sheet.addRow(line.map(escapeSpreadsheetText));
      row.eachCell((cell) => {
        cell.numFmt = "@";
      });
    }
    if (!page.next || page.lines.length < 1000) break;
    after = page.next;
  }
  sheet.columns.forEach((col) => {
    col.width = 20;
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
}

/** Saves a blob as a download. */
export function saveAs(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
