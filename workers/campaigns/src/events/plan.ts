import { inOfficeScope, type Principal } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import { isDomainError } from "@jangkau/shared/domain/errors";
import { eventWindowIssue, type RuleIssue } from "@jangkau/shared/domain/events/index";
import { localToUtc, type TimeZone, timeZoneForProvince } from "@jangkau/shared/domain/timezone/index";
import { type FieldIssue, ForbiddenError, ValidationError } from "@jangkau/shared/errors";
import { areas, type EVENT_PARTNER_ROLES, partners, users } from "@jangkau/shared/schema/index";
import { and, eq, inArray } from "drizzle-orm";

/**
 * The checks every event plan passes, on create and on edit, before anything is written:
 * a known regency or district, a zone derived from its province, an end after the start,
 * partners from the caller's scope, and staff of the event's own branch only.
 */

export interface PlanTimes {
  startsAt: string;
  endsAt: string;
  timeZone: TimeZone;
}

/** The area (regency or district) and the zone of its province, or the issues naming `areaCode`. */
export async function resolveArea(db: Db, code: string, fallbackZone: TimeZone, issues: FieldIssue[]) {
  const area = await db.query.areas.findFirst({ where: eq(areas.code, code) });
  if (!area) {
    issues.push({ path: "areaCode", code: "unknown_area", message: "Kode wilayah tidak dikenal." });
    return null;
  }
  if (area.level !== "regency" && area.level !== "district") {
    issues.push({
      path: "areaCode",
      code: "area_level_not_allowed",
      message: "Wilayah kegiatan harus kabupaten/kota atau kecamatan.",
    });
    return null;
  }
  return { area, timeZone: timeZoneForProvince(area.provinceCode) ?? fallbackZone };
}

/** Local wall-clock start/end at the venue → UTC instants; issues for malformed or reversed times. */
export function planTimes(
  startLocal: string,
  endLocal: string,
  timeZone: TimeZone,
  issues: FieldIssue[],
): PlanTimes | null {
  const convert = (value: string, path: string) => {
    try {
      return localToUtc(value, timeZone);
    } catch (err) {
      if (!isDomainError(err)) throw err;
      issues.push({ path, code: "invalid_local_time", message: "Tanggal atau jam tidak ada." });
      return null;
    }
  };
  const startsAt = convert(startLocal, "startLocal");
  const endsAt = convert(endLocal, "endLocal");
  if (!startsAt || !endsAt) return null;
  const reversed: RuleIssue | null = eventWindowIssue(startsAt, endsAt);
  if (reversed) {
    issues.push(reversed);
    return null;
  }
  return { startsAt, endsAt, timeZone };
}

/**
 * Co-hosting partners: each known, listed once, and belonging to an office in the caller's
 * scope. Unknown or repeated → 400 issues; outside scope → 403 naming the entry.
 */
export async function checkPartners(
  db: Db,
  p: Principal,
  list: { partnerId: string; role: (typeof EVENT_PARTNER_ROLES)[number] }[],
  issues: FieldIssue[],
): Promise<FieldIssue[]> {
  const forbidden: FieldIssue[] = [];
  if (list.length === 0) return forbidden;
  const rows = await db
    .select({ id: partners.id, officeId: partners.officeId })
    .from(partners)
    .where(
      inArray(
        partners.id,
        list.map((x) => x.partnerId),
      ),
    );
  const seen = new Set<string>();
  list.forEach((entry, i) => {
    const path = `partners.${i}.partnerId`;
    const row = rows.find((r) => r.id === entry.partnerId);
    if (seen.has(entry.partnerId)) {
      issues.push({ path, code: "duplicate_partner", message: "Mitra tercantum lebih dari sekali." });
    } else if (!row) {
      issues.push({ path, code: "unknown_partner", message: "Mitra tidak dikenal." });
    } else if (!inOfficeScope(p, row.officeId)) {
      forbidden.push({
        path,
        code: "partner_out_of_scope",
        message: "Mitra ini di luar wilayah kerja Anda.",
      });
    }
    seen.add(entry.partnerId);
  });
  return forbidden;
}

/** Assigned staff: active users with the staff role whose office is the event's branch. */
export async function checkStaff(db: Db, officeId: string, staffIds: string[], issues: FieldIssue[]) {
  if (staffIds.length === 0) return;
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        inArray(users.id, staffIds),
        eq(users.role, "staff"),
        eq(users.officeId, officeId),
        eq(users.active, true),
      ),
    );
  const seen = new Set<string>();
  staffIds.forEach((id, i) => {
    const path = `staffIds.${i}`;
    if (seen.has(id)) {
      issues.push({ path, code: "duplicate_staff", message: "Petugas tercantum lebih dari sekali." });
    } else if (!rows.some((r) => r.id === id)) {
      issues.push({
        path,
        code: "staff_not_in_branch",
        message: "Hanya petugas kantor cabang penyelenggara yang dapat ditugaskan.",
      });
    }
    seen.add(id);
  });
}

/** Throw the collected problems: field issues as 400 first, scope violations as 403. */
export function throwPlanIssues(issues: FieldIssue[], forbidden: FieldIssue[]) {
  if (issues.length) throw new ValidationError("Rencana kegiatan tidak valid.", issues);
  if (forbidden.length) {
    throw new ForbiddenError("partner_out_of_scope", "Mitra di luar wilayah kerja Anda.", {
      issues: forbidden,
    });
  }
}
