import type { Principal } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import { maskPhone } from "@jangkau/shared/domain/phone/index";
import { ConflictError, type FieldIssue, ValidationError } from "@jangkau/shared/errors";
import { officeScope } from "@jangkau/shared/http/scope";
import type { AppEnv } from "@jangkau/shared/http/types";
import { newRowId } from "@jangkau/shared/ids";
import { RollupDeltas } from "@jangkau/shared/rollups/signups";
import { discountFromRow, ruleSetFromRow } from "@jangkau/shared/schema/contributions/mapping";
import {
  areas,
  auditLog,
  contributionDiscounts,
  contributionRuleSets,
  importBatches,
  importRows,
  offices,
  participants,
  partners,
  type SignupStatus,
  signups,
} from "@jangkau/shared/schema/index";
import { type PartnerType, validateSignupRecord } from "@jangkau/shared/schema/signups/validation";
import { and, asc, eq, inArray, isNotNull, type SQL, sql } from "drizzle-orm";
import type { Context } from "hono";
import { SIGNUP_TRANSITIONS } from "../signups/lifecycle.ts";
import { rollupUpserts } from "../signups/rollups.ts";
import { factsOf } from "../signups/service.ts";
import { vaultOf } from "./batches.ts";
import type { Decision } from "./validation.ts";

type Ctx = Context<AppEnv>;

/** Sign-ups that came from a list, in the caller's offices. */
export function listSignupScope(p: Principal): SQL | undefined {
  return and(isNotNull(signups.importBatchId), officeScope(p, signups.officeId));
}

/** The verification queue: imported sign-ups with what a reviewer checks, NIK and phone masked. */
export async function reviewQueue(
  db: Db,
  p: Principal,
  q: { batchId?: string; status?: SignupStatus; offset?: number; limit?: number },
) {
  const where = and(
    listSignupScope(p),
    q.batchId ? eq(signups.importBatchId, q.batchId) : undefined,
    eq(signups.status, q.status ?? "recorded"),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: signups.id,
        version: signups.version,
        status: signups.status,
        rejectReason: signups.rejectReason,
        importBatchId: signups.importBatchId,
        fileName: importBatches.fileName,
        rowNumber: importRows.rowNumber,
        nikMasked: participants.nikMasked,
        fullName: participants.fullName,
        sex: participants.sex,
        birthDate: participants.birthDate,
        phone: participants.phone,
        villageCode: participants.villageCode,
        villageName: areas.name,
        address: participants.address,
        occupation: signups.occupation,
        payer: signups.payer,
        incomeBand: signups.incomeBand,
        monthlyContribution: signups.monthlyContribution,
        kpj: participants.kpj,
      })
      .from(signups)
      .innerJoin(participants, eq(participants.id, signups.participantId))
      .leftJoin(importBatches, eq(importBatches.id, signups.importBatchId))
      .leftJoin(
        importRows,
        and(eq(importRows.batchId, signups.importBatchId), eq(importRows.signupId, signups.id)),
      )
      .leftJoin(areas, eq(areas.code, participants.villageCode))
      .where(where)
      .orderBy(asc(importBatches.createdAt), asc(importRows.rowNumber))
      .limit(q.limit ?? 50)
      .offset(q.offset ?? 0),
    db.select({ n: sql<number>`count(*)` }).from(signups).where(where),
  ]);
  return {
    total: total?.n ?? 0,
    rows: rows.map((r) => ({ ...r, phone: r.phone ? maskPhone(r.phone) : null })),
  };
}

/**
 * An audit insert that is also the decision's precondition (the sign-ups lifecycle does the
 * same): `entity_id` is read from the sign-up *as it was read* (id, version, status). If it
 * changed meanwhile the value is NULL, the NOT NULL column refuses the insert and the whole
 * `db.batch()` — statuses, audit entries, rollups — is rolled back.
 */
export function guardedAudit(
  c: Ctx,
  s: { id: string; version: number; status: SignupStatus },
  action: string,
  details: Record<string, unknown>,
) {
  return c
    .get("db")
    .insert(auditLog)
    .values({
      id: newRowId(),
      at: new Date().toISOString(),
      actorUserId: c.get("principal")?.userId ?? null,
      action,
      entity: "signup",
      entityId: sql`(select ${signups.id} from ${signups} where ${signups.id} = ${s.id} and ${signups.version} = ${s.version} and ${signups.status} = ${s.status})`,
      details,
      requestId: c.get("requestId"),
    });
}

export interface DecisionResult {
  signupId: string;
  action: Decision["action"];
  status: "done" | "unchanged" | "not_found" | "invalid_transition" | "invalid";
  newStatus?: SignupStatus;
  issues?: FieldIssue[];
}

/**
 * Applies reviewers' decisions — accept (→ verified), reject with a reason, correct the
 * person's data (checked again by the capture validator), optionally accepting too — to up to
 * 500 imported sign-ups in one `db.batch`: statuses, participants, one audit entry per
 * decision and the rollup cells change together. Transitions follow the sign-up lifecycle's
 * table. A sign-up changed by someone else meanwhile fails the whole batch with 409.
 */
export async function applyDecisions(c: Ctx, decisions: Decision[]): Promise<DecisionResult[]> {
  const db = c.get("db");
  const p = c.get("principal") as Principal;
  const ids = [...new Set(decisions.map((d) => d.signupId.toLowerCase()))];
  if (ids.length !== decisions.length)
    throw new ValidationError("Satu pendaftaran hanya boleh mendapat satu keputusan per kiriman.", [
      { path: "decisions", code: "duplicate_signup", message: "Pendaftaran yang sama muncul dua kali." },
    ]);
  const found = await db
    .select({
      id: signups.id,
      version: signups.version,
      status: signups.status,
      participantId: signups.participantId,
      officeId: signups.officeId,
      officeParentId: offices.parentId,
      officeTimeZone: offices.timeZone,
      campaignId: signups.campaignId,
      eventId: signups.eventId,
      signupMonth: signups.signupMonth,
      regencyCode: signups.regencyCode,
      occupation: signups.occupation,
      payer: signups.payer,
      source: signups.source,
      incomeBand: signups.incomeBand,
      jht: signups.jht,
      sponsorPartnerId: signups.sponsorPartnerId,
      sponsoredFrom: signups.sponsoredFrom,
      sponsoredUntil: signups.sponsoredUntil,
      consentVersion: signups.consentVersion,
      consentAt: signups.consentAt,
      recordedAt: signups.recordedAt,
      nikCipher: participants.nikCipher,
      nikKeyVersion: participants.nikKeyVersion,
      fullName: participants.fullName,
      sex: participants.sex,
      birthDate: participants.birthDate,
      phone: participants.phone,
      villageCode: participants.villageCode,
      address: participants.address,
    })
    .from(signups)
    .innerJoin(participants, eq(participants.id, signups.participantId))
    .innerJoin(offices, eq(offices.id, signups.officeId))
    .where(and(inArray(signups.id, ids), listSignupScope(p)));
  const byId = new Map(found.map((s) => [s.id, s]));

  const corrections = decisions.filter((d) => d.action === "correct");
  const validationContext = corrections.length
    ? await correctionContext(db, found, [
        ...found.map((s) => s.villageCode),
        ...corrections.map((d) => (d.action === "correct" ? d.changes.villageCode : undefined)),
      ])
    : null;

  const deltas = new RollupDeltas();
  const statements = [];
  const results: DecisionResult[] = [];
  const now = new Date().toISOString();
  for (const d of decisions) {
    const s = byId.get(d.signupId.toLowerCase());
    if (!s) {
      results.push({ signupId: d.signupId, action: d.action, status: "not_found" });
      continue;
    }
    const officesById = new Map([[s.officeId, { parentId: s.officeParentId }]]);
    const at = {
      officeId: s.officeId,
      campaignId: s.campaignId,
      regencyCode: s.regencyCode,
      source: s.source,
    };
    const before = factsOf(s, { ...at, status: s.status }, officesById);

    if (d.action === "accept" || d.action === "reject") {
      const to: SignupStatus = d.action === "accept" ? "verified" : "rejected";
      if (s.status === to) {
        results.push({ signupId: s.id, action: d.action, status: "unchanged", newStatus: to });
        continue;
      }
      if (!SIGNUP_TRANSITIONS[s.status].includes(to)) {
        results.push({ signupId: s.id, action: d.action, status: "invalid_transition", newStatus: s.status });
        continue;
      }
      statements.push(
        guardedAudit(c, s, to === "verified" ? "signup.verified" : "signup.rejected", {
          from: s.status,
          to,
          via: "import_review",
        }),
        db
          .update(signups)
          .set({
            status: to,
            rejectReason: d.action === "reject" ? d.reason : null,
            version: sql`${signups.version} + 1`,
            updatedAt: now,
          })
          .where(eq(signups.id, s.id)),
      );
      deltas.change(before, factsOf(s, { ...at, status: to }, officesById));
      results.push({ signupId: s.id, action: d.action, status: "done", newStatus: to });
      continue;
    }

    // Correct: the stored record with the changes, judged again by the capture validator.
    if (s.status !== "recorded" && s.status !== "verified") {
      results.push({ signupId: s.id, action: d.action, status: "invalid_transition", newStatus: s.status });
      continue;
    }
    const vault = vaultOf(c);
    const nik = await vault.decrypt(s.nikCipher, s.nikKeyVersion);
    const record = {
      id: s.id,
      eventId: s.eventId,
      nik,
      fullName: d.changes.fullName ?? s.fullName,
      sex: d.changes.sex ?? s.sex,
      birthDate: d.changes.birthDate ?? s.birthDate,
      phone: d.changes.phone !== undefined ? d.changes.phone : s.phone,
      occupation: d.changes.occupation ?? s.occupation,
      villageCode: d.changes.villageCode ?? s.villageCode ?? "",
      address: d.changes.address !== undefined ? d.changes.address : s.address,
      incomeBand: s.incomeBand,
      jht: s.jht,
      payer: s.payer,
      sponsorPartnerId: s.sponsorPartnerId,
      sponsoredFrom: s.sponsoredFrom,
      sponsoredUntil: s.sponsoredUntil,
      consentGiven: true,
      consentVersion: s.consentVersion,
      consentAt: s.consentAt,
      recordedAt: s.recordedAt,
      identityConfirmed: false,
    };
    const ctx = validationContext as NonNullable<typeof validationContext>;
    const checked = validateSignupRecord(record, {
      now: new Date(),
      rules: ctx.rules,
      discounts: ctx.discounts,
      timeZone: s.officeTimeZone,
      requireEvent: false,
      isKnownArea: (code) => ctx.isKnownArea(code),
      sponsorType: (id) => ctx.sponsorTypes.get(id) ?? null,
    });
    // A record past the validator's age limit is still correctable: that rule is about capture.
    const issues = checked.ok ? [] : checked.issues.filter((i) => i.path !== "recordedAt");
    if (!checked.ok && issues.length) {
      results.push({ signupId: s.id, action: d.action, status: "invalid", issues });
      continue;
    }
    const value = checked.ok ? checked.value : null;
    const to: SignupStatus = d.accept && s.status === "recorded" ? "verified" : s.status;
    const regencyCode = record.villageCode.slice(0, 5);
    const changed = Object.keys(d.changes).filter(
      (k) => (d.changes as Record<string, unknown>)[k] !== undefined,
    );
    statements.push(
      guardedAudit(c, s, "signup.corrected", { fields: changed, from: s.status, to, via: "import_review" }),
      db
        .update(participants)
        .set({
          fullName: value?.fullName ?? record.fullName,
          sex: (value?.sex ?? record.sex) as "M" | "F",
          birthDate: value?.birthDate ?? record.birthDate,
          phone: value ? value.phone : record.phone,
          villageCode: record.villageCode,
          regencyCode,
          address: value ? value.address : record.address,
          updatedAt: now,
          version: sql`${participants.version} + 1`,
        })
        .where(eq(participants.id, s.participantId)),
      db
        .update(signups)
        .set({
          occupation: record.occupation,
          regencyCode,
          ...(value
            ? { monthlyContribution: value.contribution.total, discountId: value.contribution.discountId }
            : {}),
          status: to,
          version: sql`${signups.version} + 1`,
          updatedAt: now,
        })
        .where(eq(signups.id, s.id)),
    );
    deltas.change(
      before,
      factsOf({ ...s, occupation: record.occupation }, { ...at, regencyCode, status: to }, officesById),
    );
    results.push({ signupId: s.id, action: d.action, status: "done", newStatus: to });
  }

  if (statements.length) {
    const all = [...statements, ...rollupUpserts(db, deltas)];
    try {
      await db.batch(all as [(typeof all)[number], ...(typeof all)[number][]]);
    } catch (err) {
      if (isGuardFailure(err))
        throw new ConflictError(
          "version_conflict",
          "Sebagian pendaftaran sudah diubah orang lain. Muat ulang antrean lalu coba lagi.",
        );
      throw err;
    }
  }
  return results;
}

/** True when a batch failed because a {@link guardedAudit} precondition did not hold. */
export function isGuardFailure(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    if (/NOT NULL constraint failed: audit_log\.entity_id/.test(String((e as Error).message ?? "")))
      return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Rules, discounts, areas and sponsors the validator needs for corrections, in one round trip. */
async function correctionContext(
  db: Db,
  rows: { sponsorPartnerId: string | null }[],
  villageCodes: (string | null | undefined)[],
) {
  const sponsorIds = [...new Set(rows.map((r) => r.sponsorPartnerId).filter((x): x is string => !!x))];
  const codes = [...new Set(villageCodes.filter((x): x is string => !!x && x.length <= 13))];
  const [ruleRows, discountRows, partnerRows, areaRows] = await db.batch([
    db.select().from(contributionRuleSets),
    db.select().from(contributionDiscounts),
    db
      .select({ id: partners.id, type: partners.type })
      .from(partners)
      .where(inArray(partners.id, sponsorIds.length ? sponsorIds : [""])),
    db
      .select({ code: areas.code })
      .from(areas)
      .where(inArray(areas.code, codes.length ? codes : [""])),
  ]);
  const known = new Set(areaRows.map((a) => a.code));
  return {
    rules: ruleRows.map(ruleSetFromRow),
    discounts: discountRows.map(discountFromRow),
    sponsorTypes: new Map<string, PartnerType>(partnerRows.map((r) => [r.id, r.type])),
    /** Village codes were read above; the NIK's district (a warning only) is not looked up. */
    isKnownArea: (code: string) => (codes.includes(code) ? known.has(code) : undefined),
  };
}
