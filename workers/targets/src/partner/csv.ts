import Papa from "papaparse";
import type { PartnerProgress } from "./service.ts";
import { MIN_COUNT, type Shown } from "./suppression.ts";

/** A spreadsheet cell that cannot run as a formula when opened (=, +, -, @ first). */
const safe = (text: string | null | undefined) => {
  const s = text ?? "";
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
};
/** A count as the partner may see it: the number, `<5` when small, `*` for the companion of a small one. */
const countText = (s: Shown) => {
  if (!s.suppressed) return String(s.count);
  return s.companion ? "*" : `<${MIN_COUNT}`;
};

/**
 * The partner view as CSV, with the same suppression as the JSON ("<5" for a small count, "*"
 * for the companion hidden with it):
 * one row per figure, `bagian` naming the table it belongs to.
 */
export function partnerCsv(view: PartnerProgress): string {
  const rows: string[][] = [["bagian", "kunci", "keterangan", "jumlah"]];
  rows.push(["mitra", view.partner.id, safe(view.partner.name), ""]);
  rows.push(["tahun", String(view.year), "", ""]);
  if (view.area) {
    rows.push(["wilayah", view.area.code, safe(view.area.name), countText(view.area.total)]);
    for (const m of view.area.byMonth) rows.push(["wilayah_per_bulan", m.month, m.month, countText(m)]);
    for (const r of view.area.byRegency)
      rows.push(["wilayah_per_kab_kota", r.code, safe(r.name), countText(r)]);
  }
  rows.push(["kegiatan_bersama", "total", "", countText(view.events.total)]);
  for (const e of view.events.list) {
    rows.push(["kegiatan", e.id, safe(`${e.title} (${e.startsAt.slice(0, 10)})`), countText(e)]);
  }
  for (const m of view.events.byMonth) rows.push(["kegiatan_per_bulan", m.month, m.month, countText(m)]);
  for (const o of view.events.byOccupation)
    rows.push(["kegiatan_per_pekerjaan", o.key, safe(o.label), countText(o)]);
  for (const p of view.events.byPayer)
    rows.push(["kegiatan_per_pembayar", p.key, safe(p.label), countText(p)]);
  return `${Papa.unparse(rows, { newline: "\r\n" })}\r\n`;
}
