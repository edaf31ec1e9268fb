import type { FieldIssue } from "@jangkau/shared/errors";
import { SEGMENTS, TARGET_KINDS } from "@jangkau/shared/schema/enums";
import { queryInt, text, uuid, year } from "@jangkau/shared/validation/common";
import * as v from "valibot";

/**
 * Limits that separate a real target from a typo. No office enrols ten million people in a
 * year (Indonesia's whole informal workforce is about 80 million), and a potential above
 * 100 million is more than the country's labour force.
 */
export const MAX_TARGET = 10_000_000;
export const MAX_POTENTIAL = 100_000_000;
export const MAX_GROWTH_PCT = 1_000;
/** Targets are planned at most this many years ahead. */
export const MAX_YEARS_AHEAD = 5;

const people = (max: number, what: string) =>
  v.pipe(
    v.number(),
    v.integer(`${what} harus bilangan bulat.`),
    v.minValue(0, `${what} tidak boleh negatif.`),
    v.maxValue(max, `${what} tidak masuk akal (lebih dari ${max.toLocaleString("id-ID")}).`),
  );

const regencyCode = v.pipe(v.string(), v.regex(/^\d{2}\.\d{2}$/, "Kode kabupaten/kota harus seperti 35.72."));

/** The terms of a target, shared by create and update. */
const terms = {
  kind: v.picklist(TARGET_KINDS, "Jenis target harus absolute atau growth."),
  value: v.optional(people(MAX_TARGET, "Target")),
  growthPct: v.optional(
    v.pipe(
      v.number(),
      v.minValue(0, "Pertumbuhan tidak boleh negatif."),
      v.maxValue(MAX_GROWTH_PCT, `Pertumbuhan lebih dari ${MAX_GROWTH_PCT} % tidak masuk akal.`),
      v.check(
        (n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6,
        "Pertumbuhan paling banyak dua desimal.",
      ),
    ),
  ),
  baselineYear: v.optional(v.nullable(year)),
  potential: v.optional(
    v.nullable(
      v.pipe(
        v.number(),
        v.integer("Potensi harus bilangan bulat."),
        v.minValue(1, "Potensi harus lebih dari nol."),
        v.maxValue(MAX_POTENTIAL, "Potensi tidak masuk akal (lebih dari 100 juta)."),
      ),
    ),
  ),
  startingParticipants: v.optional(v.nullable(people(MAX_POTENTIAL, "Peserta awal"))),
  monthlySplit: v.optional(
    v.nullable(
      v.pipe(
        v.array(people(MAX_TARGET, "Target bulanan")),
        v.length(12, "Pembagian bulanan harus 12 angka."),
      ),
    ),
  ),
  regencySplit: v.optional(v.nullable(v.record(regencyCode, people(MAX_TARGET, "Target kabupaten/kota")))),
};

export const createTargetBody = v.object({
  officeId: text(64),
  year,
  segment: v.picklist(SEGMENTS, "Segmen harus bpu, pu atau jakon."),
  ...terms,
});

export const updateTargetBody = v.object({
  ...terms,
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

export const targetListQuery = v.object({
  year: v.optional(queryInt(2000, 2100)),
  officeId: v.optional(text(64)),
  segment: v.optional(v.picklist(SEGMENTS)),
});

export const targetIdParam = v.object({ id: uuid });
export const deleteTargetQuery = v.object({ version: queryInt(1, 1_000_000) });

export type TargetTermsInput = Omit<v.InferOutput<typeof updateTargetBody>, "version">;

/**
 * Rules across fields, all reported at once. `value` is the resolved target (absolute, or
 * computed from the baseline for growth); `regencies` the codes the office covers.
 */
export function targetTermIssues(
  input: TargetTermsInput & { year: number },
  value: number | null,
  regencies: ReadonlySet<string>,
  currentYear: number,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (path: string, code: string, message: string) => issues.push({ path, code, message });
  if (input.year > currentYear + MAX_YEARS_AHEAD) {
    add("year", "year_too_far", `Target hanya dapat direncanakan sampai ${currentYear + MAX_YEARS_AHEAD}.`);
  }
  if (input.kind === "absolute" && input.value === undefined) {
    add("value", "required", "Target absolut wajib diisi.");
  }
  if (input.kind === "growth") {
    if (input.growthPct === undefined) add("growthPct", "required", "Persentase pertumbuhan wajib diisi.");
    if (input.baselineYear == null) add("baselineYear", "required", "Tahun dasar wajib diisi.");
  }
  if (input.baselineYear != null && input.baselineYear >= input.year) {
    add("baselineYear", "baseline_not_before_target", "Tahun dasar harus sebelum tahun target.");
  }
  if (input.potential != null) {
    if (value !== null && value > input.potential) {
      add("value", "above_potential", "Target melebihi potensi.");
    }
    if (input.startingParticipants != null && input.startingParticipants > input.potential) {
      add("startingParticipants", "above_potential", "Peserta awal melebihi potensi.");
    }
  }
  if (input.monthlySplit?.every((n) => n === 0)) {
    add("monthlySplit", "invalid_split", "Pembagian bulanan tidak boleh nol semua.");
  }
  if (input.regencySplit) {
    let sum = 0;
    for (const [code, n] of Object.entries(input.regencySplit)) {
      sum += n;
      if (!regencies.has(code)) {
        add(`regencySplit.${code}`, "not_office_regency", "Kabupaten/kota ini bukan wilayah kerja kantor.");
      }
    }
    if (value !== null && sum > value) {
      add("regencySplit", "split_exceeds_target", "Jumlah target kabupaten/kota melebihi target kantor.");
    }
  }
  return issues;
}
