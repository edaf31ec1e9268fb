import type { UploadRow } from "@jangkau/shared/imports/reader";
import { sha256Hex } from "@jangkau/shared/security/encoding";
import type { NikVault } from "@jangkau/shared/security/nik-vault";

/**
 * A staged row's personal data at rest: the mapped cells and what the reader noticed, sealed
 * with the NIK vault's AES-GCM key (`<keyVersion>:<cipher>`), never stored in clear.
 */
export interface StagedPayload {
  values: Record<string, string>;
  formulaFields?: string[];
  numberFields?: string[];
  malformed?: boolean;
}

export async function sealPayload(vault: NikVault, row: UploadRow): Promise<string> {
  const payload: StagedPayload = { values: row.values };
  if (row.formulaFields?.length) payload.formulaFields = row.formulaFields;
  if (row.numberFields?.length) payload.numberFields = row.numberFields;
  if (row.malformed) payload.malformed = true;
  const { cipher, keyVersion } = await vault.encrypt(JSON.stringify(payload));
  return `${keyVersion}:${cipher}`;
}

export async function openPayload(vault: NikVault, sealed: string): Promise<StagedPayload> {
  const at = sealed.indexOf(":");
  const plain = await vault.decrypt(sealed.slice(at + 1), Number(sealed.slice(0, at)));
  return JSON.parse(plain) as StagedPayload;
}

/**
 * The sign-up id of a list row: a UUID derived from the batch and the row number, so
 * committing the same row again (a retried request, a resumed commit) is a replay of the same
 * record, never a second sign-up.
 */
export async function listRowSignupId(batchId: string, rowNumber: number): Promise<string> {
  const h = await sha256Hex(`jangkau-import:${batchId}:${rowNumber}`);
  const variant = ((Number.parseInt(h[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
