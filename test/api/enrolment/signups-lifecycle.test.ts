import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../../packages/node/src/seed/demo.ts";
import { auditLog, participants, rollupCells, signups } from "../../../packages/shared/src/schema/index.ts";
import { AS, createTestApp, type TestApp } from "../../support/app.ts";
import { errorOf, madiunRecord, postBatch } from "./records.ts";

let t: TestApp;
let staff: string;
let manager: string;
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.login(AS.staffMadiun);
  manager = await t.login(AS.managerJatim);
});

async function recorded() {
  const record = madiunRecord();
  const [result] = await postBatch(t, staff, [record]);
  expect(result?.status).toBe("created");
  return record.id;
}

const post = (path: string, token: string, json: unknown) => t.request(path, { method: "POST", token, json });

const eventCell = async (status: "recorded" | "verified" | "registered" | "rejected") => {
  const [cell] = await t.db
    .select()
    .from(rollupCells)
    .where(
      and(
        eq(rollupCells.scope, `event:${DEMO_IDS.events.sosialisasiMadiun}`),
        eq(rollupCells.dim, "total"),
        eq(rollupCells.key, ""),
      ),
    );
  return cell?.[status] ?? 0;
};

const actions = async (id: string) =>
  (await t.db.select().from(auditLog).where(eq(auditLog.entityId, id)).orderBy(auditLog.at)).map(
    (a) => a.action,
  );

describe("recorded → verified → registered", () => {
  it("moves through the states, audited, with the rollups following", async () => {
    const id = await recorded();
    const before = { recorded: await eventCell("recorded"), registered: await eventCell("registered") };

    const verified = await post(`/api/enrolment/signups/${id}/verify`, staff, { version: 1 });
    expect(verified.status).toBe(200);
    expect(await verified.json()).toEqual({ id, status: "verified", version: 2 });

    const registered = await post(`/api/enrolment/signups/${id}/register`, manager, {
      version: 2,
      kpj: "21012345678",
    });
    expect(registered.status).toBe(200);

    const [row] = await t.db
      .select({ status: signups.status, version: signups.version, kpj: participants.kpj })
      .from(signups)
      .innerJoin(participants, eq(participants.id, signups.participantId))
      .where(eq(signups.id, id));
    expect(row).toEqual({ status: "registered", version: 3, kpj: "21012345678" });
    expect(await actions(id)).toEqual(["signup.created", "signup.verified", "signup.registered"]);
    expect(await eventCell("recorded")).toBe(before.recorded - 1);
    expect(await eventCell("registered")).toBe(before.registered + 1);

    const detail = await t.request(`/api/enrolment/signups/${id}`, { token: staff });
    const body = (await detail.json()) as { history: { action: string; actorName: string }[] };
    expect(body.history.map((h) => h.action)).toEqual([
      "signup.created",
      "signup.verified",
      "signup.registered",
    ]);
    expect(body.history[2]?.actorName).toBe("Rina Wulandari");
  });

  it("rejects with a reason from recorded or verified, and keeps the reason out of the audit details", async () => {
    const id = await recorded();
    const res = await post(`/api/enrolment/signups/${id}/reject`, staff, {
      version: 1,
      reason: "Sudah terdaftar sebagai peserta PU",
    });
    expect(res.status).toBe(200);
    const [row] = await t.db.select().from(signups).where(eq(signups.id, id));
    expect(row?.rejectReason).toBe("Sudah terdaftar sebagai peserta PU");
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "signup.rejected")));
    expect(entry?.details).toEqual({ from: "recorded", to: "rejected" });
  });

  it.each([
    ["register before verifying", "register", { kpj: "21099999999" }],
    ["verify twice", "verify", {}],
  ])("refuses to %s (409 invalid_transition)", async (_label, action, extra) => {
    const id = await recorded();
    if (action === "verify") await post(`/api/enrolment/signups/${id}/verify`, staff, { version: 1 });
    const version = action === "verify" ? 2 : 1;
    const res = await post(`/api/enrolment/signups/${id}/${action}`, manager, { version, ...extra });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe("invalid_transition");
  });

  it("refuses a stale version (409 version_conflict) and changes nothing", async () => {
    const id = await recorded();
    const [a, b] = await Promise.all([
      post(`/api/enrolment/signups/${id}/verify`, staff, { version: 1 }),
      post(`/api/enrolment/signups/${id}/reject`, manager, { version: 1, reason: "Duplikat pendataan" }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect((await errorOf(loser)).code).toBe("version_conflict");
    const entries = await actions(id);
    expect(entries).toHaveLength(2);
  });

  it("refuses a KPJ number another participant holds", async () => {
    const first = await recorded();
    await post(`/api/enrolment/signups/${first}/verify`, staff, { version: 1 });
    await post(`/api/enrolment/signups/${first}/register`, staff, { version: 2, kpj: "21055555555" });
    const second = await recorded();
    await post(`/api/enrolment/signups/${second}/verify`, staff, { version: 1 });
    const res = await post(`/api/enrolment/signups/${second}/register`, staff, {
      version: 2,
      kpj: "21055555555",
    });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe("kpj_taken");
  });

  it.each([
    ["verify", { version: "1" }, "version"],
    ["reject", { version: 1, reason: "x" }, "reason"],
    ["register", { version: 1, kpj: "KPJ-123" }, "kpj"],
  ])("validates the %s body", async (action, json, path) => {
    const id = await recorded();
    const res = await post(`/api/enrolment/signups/${id}/${action}`, manager, json);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(((error.details?.issues ?? []) as { path: string }[]).map((i) => i.path)).toContain(path);
  });
});

describe("deleting a sign-up", () => {
  it("is for managers: rollups go down, the participant without other sign-ups goes too", async () => {
    const id = await recorded();
    const [row] = await t.db
      .select({ participantId: signups.participantId })
      .from(signups)
      .where(eq(signups.id, id));
    const before = await eventCell("recorded");

    const denied = await t.request(`/api/enrolment/signups/${id}?version=1`, {
      method: "DELETE",
      token: staff,
    });
    expect(denied.status).toBe(403);
    const stale = await t.request(`/api/enrolment/signups/${id}?version=7`, {
      method: "DELETE",
      token: manager,
    });
    expect(stale.status).toBe(409);

    const res = await t.request(`/api/enrolment/signups/${id}?version=1`, {
      method: "DELETE",
      token: manager,
    });
    expect(res.status).toBe(200);
    expect(await t.db.select().from(signups).where(eq(signups.id, id))).toEqual([]);
    expect(
      await t.db
        .select()
        .from(participants)
        .where(eq(participants.id, row?.participantId ?? "")),
    ).toEqual([]);
    expect(await eventCell("recorded")).toBe(before - 1);
    expect(await actions(id)).toEqual(["signup.created", "signup.deleted"]);
  });

  it("answers 404 for a sign-up outside the manager's offices", async () => {
    const id = await recorded();
    const other = await t.login(AS.managerSumbagsel);
    const res = await t.request(`/api/enrolment/signups/${id}?version=1`, { method: "DELETE", token: other });
    expect(res.status).toBe(404);
  });
});
