import type { Principal } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import { compareNikWithEntered, maskNik, parseNik, type Sex } from "@jangkau/shared/domain/nik/index";
import { dateInTimeZone } from "@jangkau/shared/domain/timezone/index";
import type { Env } from "@jangkau/shared/env";
import { ForbiddenError, NotFoundError } from "@jangkau/shared/errors";
import { auditLog, participants, signups } from "@jangkau/shared/schema/index";
import { NIK_MISMATCH_MESSAGES, NIK_REJECTION_MESSAGES } from "@jangkau/shared/schema/signups/validation";
import { nikVault } from "@jangkau/shared/security/nik-vault";
import type { ResultSet } from "@libsql/client";
import { and, eq } from "drizzle-orm";
import { knownParticipantsOf, knownParticipantsStatement } from "../signups/plan-reads.ts";
import { signupReadScope } from "../signups/scope.ts";
import { duplicateInfo } from "../signups/service.ts";

/**
 * The NIK check the tablet runs while the officer types: structure, what the NIK encodes,
 * whether its region is on today's Kemendagri list, disagreement with the entered birth date
 * and sex, and whether the person already has a live sign-up (told in detail only within the
 * caller's scope).
 */
export async function checkNik(
  db: Db,
  env: Pick<Env, "NIK_ENC_KEYS" | "NIK_HMAC_KEY">,
  principal: Principal,
  input: { nik: string; birthDate?: string | undefined; sex?: Sex | undefined },
  now = new Date(),
) {
  const parsed = parseNik(input.nik, dateInTimeZone(now, "WIT"));
  if (!parsed.ok) {
    return {
      valid: false as const,
      code: `nik_${parsed.reason}`,
      message: NIK_REJECTION_MESSAGES[parsed.reason],
    };
  }
  const hash = await nikVault(env.NIK_ENC_KEYS, env.NIK_HMAC_KEY).hash(parsed.nik);
  const regionCodes = [parsed.provinceCode, parsed.regencyCode, parsed.districtCode];
  const [regionRs, knownRs] = await db.$client.batch(
    [
      { sql: "select code, name from areas where code in (?, ?, ?)", args: regionCodes },
      knownParticipantsStatement([hash], principal.userId),
    ],
    "read",
  );
  const regionRows = (regionRs?.rows ?? []).map((r) => ({ code: String(r.code), name: String(r.name) }));
  const known = knownParticipantsOf(knownRs as ResultSet);
  const nameOf = (code: string) => regionRows.find((r) => r.code === code)?.name ?? null;
  const districtKnown = regionRows.some((r) => r.code === parsed.districtCode);
  const mismatches = compareNikWithEntered(parsed, {
    birthDate: input.birthDate ?? null,
    sex: input.sex ?? null,
  });
  const found = known[0];
  return {
    valid: true as const,
    nikMasked: maskNik(parsed.nik),
    decoded: {
      birthDate: parsed.birthDate,
      sex: parsed.sex,
      provinceCode: parsed.provinceCode,
      regencyCode: parsed.regencyCode,
      districtCode: parsed.districtCode,
    },
    region: {
      status: districtKnown ? ("known" as const) : ("unknown_region" as const),
      provinceName: nameOf(parsed.provinceCode),
      regencyName: nameOf(parsed.regencyCode),
      districtName: nameOf(parsed.districtCode),
      ...(districtKnown
        ? {}
        : {
            message:
              "Kode wilayah NIK tidak ada di daftar Kemendagri saat ini (mungkin wilayah sebelum pemekaran). Pendaftaran tetap bisa disimpan.",
          }),
    },
    mismatches: mismatches.map((m) => ({ ...m, message: NIK_MISMATCH_MESSAGES[m.code] })),
    duplicate: found ? duplicateInfo(principal, found) : null,
  };
}

/**
 * The full NIK of a participant in the caller's scope, for someone holding `nik:reveal` and
 * the per-user reveal flag. The audit entry is written before the NIK leaves the server.
 */
export async function revealNik(
  db: Db,
  env: Pick<Env, "NIK_ENC_KEYS" | "NIK_HMAC_KEY">,
  principal: Principal,
  participantId: string,
  requestId: string | null,
) {
  if (!principal.canRevealNik)
    throw new ForbiddenError("nik_reveal_not_granted", "Anda tidak diberi izin membuka NIK lengkap.");
  const [row] = await db
    .select({ cipher: participants.nikCipher, keyVersion: participants.nikKeyVersion })
    .from(participants)
    .innerJoin(signups, eq(signups.participantId, participants.id))
    .where(and(eq(participants.id, participantId), signupReadScope(principal)))
    .limit(1);
  if (!row) throw new NotFoundError("participant_not_found", "Peserta tidak ditemukan.");
  await db.insert(auditLog).values({
    id: crypto.randomUUID(),
    at: new Date().toISOString(),
    actorUserId: principal.userId,
    action: "participant.nik_revealed",
    entity: "participant",
    entityId: participantId,
    details: { keyVersion: row.keyVersion },
    requestId,
  });
  const nik = await nikVault(env.NIK_ENC_KEYS, env.NIK_HMAC_KEY).decrypt(row.cipher, row.keyVersion);
  return { participantId, nik };
}
