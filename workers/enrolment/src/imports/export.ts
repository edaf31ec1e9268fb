import type { Principal } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import { officeScope } from "@jangkau/shared/http/scope";
import { escapeSpreadsheetText } from "@jangkau/shared/imports/cells";
import { areas, participants, signups } from "@jangkau/shared/schema/index";
import type { NikVault } from "@jangkau/shared/security/nik-vault";
import { and, asc, eq, gt } from "drizzle-orm";

/**
 * Verified sign-ups for registration in the BPJS Ketenagakerjaan systems — with the full NIK,
 * which registration needs, so every export is a NIK reveal (permission `nik:reveal`, the
 * user's own reveal flag, an audit entry, `Cache-Control: no-store`). Text cells are escaped
 * against formula injection. "ID pendaftaran" comes first so the file BPJS sends back with KPJ
 * numbers can be matched row by row.
 */
export const EXPORT_COLUMNS = [
  "ID pendaftaran",
  "NIK",
  "Nama lengkap",
  "Jenis kelamin",
  "Tanggal lahir",
  "Nomor HP",
  "Kode kelurahan/desa",
  "Kelurahan/desa",
  "Alamat",
  "Pekerjaan",
  "Golongan penghasilan",
  "JHT",
  "Pembayar iuran",
  "Iuran per bulan",
  "Bulan pendaftaran",
] as const;

/** Rows read per database round trip while streaming an export. */
export const EXPORT_PAGE = 1_000;

export interface ExportFilter {
  batchId?: string;
  officeId?: string;
}

/** One page of verified sign-ups after `afterId` (keyset pagination), NIKs decrypted. */
export async function exportPage(
  db: Db,
  vault: NikVault,
  p: Principal,
  filter: ExportFilter,
  afterId: string,
  limit = EXPORT_PAGE,
): Promise<{ lines: string[][]; lastId: string | null }> {
  const rows = await db
    .select({
      id: signups.id,
      nikCipher: participants.nikCipher,
      nikKeyVersion: participants.nikKeyVersion,
      fullName: participants.fullName,
      sex: participants.sex,
      birthDate: participants.birthDate,
      phone: participants.phone,
      villageCode: participants.villageCode,
      villageName: areas.name,
      address: participants.address,
      occupation: signups.occupation,
      incomeBand: signups.incomeBand,
      jht: signups.jht,
      payer: signups.payer,
      monthlyContribution: signups.monthlyContribution,
      signupMonth: signups.signupMonth,
    })
    .from(signups)
    .innerJoin(participants, eq(participants.id, signups.participantId))
    .leftJoin(areas, eq(areas.code, participants.villageCode))
    .where(
      and(
        eq(signups.status, "verified"),
        officeScope(p, signups.officeId),
        filter.batchId ? eq(signups.importBatchId, filter.batchId) : undefined,
        filter.officeId ? eq(signups.officeId, filter.officeId) : undefined,
        gt(signups.id, afterId),
      ),
    )
    .orderBy(asc(signups.id))
    .limit(limit);
  const niks = await Promise.all(rows.map((r) => vault.decrypt(r.nikCipher, r.nikKeyVersion)));
  const lines = rows.map((r, i) =>
    [
      r.id,
      niks[i] ?? "",
      r.fullName,
      r.sex === "F" ? "P" : "L",
      r.birthDate,
      r.phone ?? "",
      r.villageCode ?? "",
      r.villageName ?? "",
      r.address ?? "",
      r.occupation,
      r.incomeBand,
      r.jht ? "Ya" : "Tidak",
      r.payer,
      String(r.monthlyContribution),
      r.signupMonth,
    ].map(escapeSpreadsheetText),
  );
  return { lines, lastId: rows.at(-1)?.id ?? null };
}
