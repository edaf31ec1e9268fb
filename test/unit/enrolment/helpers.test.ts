import { describe, expect, it } from "vitest";
import type { Principal } from "../../../packages/shared/src/auth/permissions.ts";
import { canRecordSignups } from "../../../packages/shared/src/domain/events/index.ts";
import { RollupDeltas } from "../../../packages/shared/src/rollups/signups.ts";
import { participants } from "../../../packages/shared/src/schema/index.ts";
import { backoffDelay, MAX_DELAY_MS } from "../../../web/src/features/capture/backoff.ts";
import { SIGNUP_TRANSITIONS } from "../../../workers/enrolment/src/signups/lifecycle.ts";
import { insertStatements } from "../../../workers/enrolment/src/signups/raw-insert.ts";
import { rollupUpsertStatements } from "../../../workers/enrolment/src/signups/rollups.ts";
import { inSignupReadScope, mayRecordAtEvent } from "../../../workers/enrolment/src/signups/scope.ts";

const principal = (p: Partial<Principal>): Principal => ({
  userId: "u1",
  role: "staff",
  name: "x",
  officeId: "kc-madiun",
  officeIds: ["kc-madiun"],
  partnerId: null,
  canRevealNik: false,
  ...p,
});

describe("backoffDelay", () => {
  it("doubles from 2 s with a jitter of ×0.5–1.5, capped at 5 minutes", () => {
    expect(backoffDelay(1, () => 0.5)).toBe(2_000);
    expect(backoffDelay(2, () => 0.5)).toBe(4_000);
    expect(backoffDelay(4, () => 0.5)).toBe(16_000);
    expect(backoffDelay(1, () => 0)).toBe(1_000);
    expect(backoffDelay(1, () => 0.999)).toBe(2_998);
    expect(backoffDelay(30, () => 0.5)).toBe(MAX_DELAY_MS);
    expect(backoffDelay(0, () => 0.5)).toBe(2_000);
  });
});

describe("who may record and read", () => {
  const event = { officeId: "kc-madiun" };
  it("lets staff record only at events they are assigned to in their branch; lists of the branch anywhere", () => {
    const staff = principal({});
    expect(mayRecordAtEvent(staff, event, true, "event")).toBe(true);
    expect(mayRecordAtEvent(staff, event, false, "event")).toBe(false);
    expect(mayRecordAtEvent(staff, event, false, "kelurahan_list")).toBe(true);
    expect(mayRecordAtEvent(staff, { officeId: "kc-blitar" }, true, "event")).toBe(false);
  });

  it("lets managers record in their offices, admins anywhere, partners nowhere", () => {
    expect(
      mayRecordAtEvent(
        principal({ role: "manager", officeIds: ["kw-jatim", "kc-madiun"] }),
        event,
        false,
        "event",
      ),
    ).toBe(true);
    expect(
      mayRecordAtEvent(principal({ role: "manager", officeIds: ["kw-sumbagsel"] }), event, false, "event"),
    ).toBe(false);
    expect(mayRecordAtEvent(principal({ role: "admin", officeIds: [] }), event, false, "event")).toBe(true);
    expect(
      mayRecordAtEvent(principal({ role: "partner", officeIds: ["kc-madiun"] }), event, true, "event"),
    ).toBe(false);
  });

  it("reads like the WHERE clause: staff own or assigned, managers by office", () => {
    const row = { officeId: "kc-madiun", recordedBy: "u2", eventId: "e1" };
    expect(inSignupReadScope(principal({}), row, new Set())).toBe(false);
    expect(inSignupReadScope(principal({}), row, new Set(["e1"]))).toBe(true);
    expect(inSignupReadScope(principal({ userId: "u2" }), row, new Set())).toBe(true);
    expect(inSignupReadScope(principal({ role: "manager" }), row, new Set())).toBe(true);
    expect(inSignupReadScope(principal({ role: "partner" }), row, new Set(["e1"]))).toBe(false);
  });

  it("takes sign-ups at every event that is not cancelled", () => {
    expect(canRecordSignups({ status: "held" }).ok).toBe(true);
    expect(canRecordSignups({ status: "reported" }).ok).toBe(true);
    expect(canRecordSignups({ status: "cancelled" })).toMatchObject({ ok: false, code: "event_cancelled" });
  });

  it("moves recorded → verified → registered, rejected from the first two only", () => {
    expect(SIGNUP_TRANSITIONS.recorded).toEqual(["verified", "rejected"]);
    expect(SIGNUP_TRANSITIONS.verified).toEqual(["registered", "rejected"]);
    expect(SIGNUP_TRANSITIONS.registered).toEqual([]);
    expect(SIGNUP_TRANSITIONS.rejected).toEqual([]);
  });
});

describe("plain statements of the write path", () => {
  it("builds multi-row inserts in snake_case with 0/1 booleans and JSON text, chunked under the parameter bound", () => {
    const rows = Array.from({ length: 1200 }, (_, i) => ({
      id: `p${i}`,
      nikHash: "h",
      nikCipher: "c",
      nikKeyVersion: 1,
      nikMasked: "m",
      fullName: "Sri",
      sex: "F" as const,
      birthDate: "1980-05-05",
    }));
    const statements = insertStatements(participants, ["id", "nikHash", "fullName", "birthDate"], rows);
    expect(statements).toHaveLength(1);
    const [first] = statements as [{ sql: string; args: unknown[] }];
    expect(
      first.sql.startsWith(
        'insert into "participants" ("id", "nik_hash", "full_name", "birth_date") values (?, ?, ?, ?), ',
      ),
    ).toBe(true);
    expect(first.args).toHaveLength(4800);
    const wide = insertStatements(
      participants,
      ["id", "nikHash", "nikCipher", "nikKeyVersion", "nikMasked", "fullName", "sex", "birthDate"],
      rows,
    );
    expect(wide).toHaveLength(2);
    expect(insertStatements(participants, ["id"], [])).toEqual([]);
  });

  it("turns rollup deltas into one upsert that adds to the existing counters", () => {
    const deltas = new RollupDeltas().insert({
      officePath: ["kc-madiun", "kw-jatim"],
      campaignId: "c1",
      eventId: "e1",
      signupMonth: "2026-11",
      regencyCode: "35.77",
      occupation: "becak",
      payer: "apbd",
      source: "event",
      status: "recorded",
    });
    const statements = rollupUpsertStatements(deltas);
    expect(statements).toHaveLength(1);
    const [upsert] = statements as [{ sql: string; args: unknown[] }];
    // 5 scopes (national, 2 offices, campaign, event) × 5 breakdowns, 8 values each.
    expect(upsert.args).toHaveLength(25 * 8);
    expect(upsert.sql).toContain("recorded = recorded + excluded.recorded");
  });
});
