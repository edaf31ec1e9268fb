import { readFileSync } from "node:fs";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO_IDS } from "../../../packages/node/src/seed/demo.ts";
import { setLogSilent } from "../../../packages/shared/src/http/log.ts";
import { rebuildSignupRollups } from "../../../packages/shared/src/rollups/signups.ts";
import { auditLog, participants, rollupCells, signups } from "../../../packages/shared/src/schema/index.ts";
import { toBase64 } from "../../../packages/shared/src/security/encoding.ts";
import { reencryptNiks, rehashNiks } from "../../../workers/enrolment/src/participants/rotation.ts";
import { checkNik } from "../../../workers/enrolment/src/participants/service.ts";
import { AS, createTestApp, type TestApp } from "../../support/app.ts";
import { blitarRecord, errorOf, madiunRecord, postBatch } from "./records.ts";

let t: TestApp;
const niks: string[] = [];
const logged: string[] = [];
let madiunIds: string[] = [];
let blitarIds: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  // Capture every log line the API writes while personal data flows through it.
  setLogSilent(false);
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(" "));
  });
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(" "));
  });
  const madiun = Array.from({ length: 4 }, () => madiunRecord());
  const blitar = Array.from({ length: 3 }, () => blitarRecord());
  niks.push(...madiun.map((r) => r.nik), ...blitar.map((r) => r.nik));
  await postBatch(t, await t.login(AS.staffMadiun), madiun);
  await postBatch(t, await t.login(AS.staffBlitar), blitar);
  madiunIds = madiun.map((r) => r.id);
  blitarIds = blitar.map((r) => r.id);
});
afterAll(() => {
  vi.restoreAllMocks();
  setLogSilent(true);
});

interface ListBody {
  items: { id: string; nikMasked: string }[];
  total: number;
}
const list = async (email: string, query = "") => {
  const res = await t.request(`/api/enrolment/signups${query}`, { token: await t.login(email) });
  return { status: res.status, body: (await res.json()) as ListBody };
};

describe("who sees which sign-ups", () => {
  it("staff see their own and their events' sign-ups", async () => {
    const { body } = await list(AS.staffMadiun);
    expect(body.items.map((i) => i.id).sort()).toEqual([...madiunIds].sort());
  });

  it("managers see those of their offices", async () => {
    const jatim = await list(AS.managerJatim, "?pageSize=100");
    expect(jatim.body.total).toBe(7);
    const blitar = await list(AS.managerBlitar);
    expect(blitar.body.items.map((i) => i.id).sort()).toEqual([...blitarIds].sort());
    const sumbagsel = await list(AS.managerSumbagsel);
    expect(sumbagsel.body.total).toBe(0);
  });

  it("partners see none (403)", async () => {
    const { status } = await list(AS.partnerDinkopSumsel);
    expect(status).toBe(403);
  });

  it("out of scope a sign-up does not exist (404)", async () => {
    const res = await t.request(`/api/enrolment/signups/${madiunIds[0]}`, {
      token: await t.login(AS.staffBlitar),
    });
    expect(res.status).toBe(404);
  });

  it("filters by event, status and month, and pages", async () => {
    const month = new Date().toISOString().slice(0, 7);
    const page1 = await list(AS.managerJatim, `?pageSize=5&page=1&month=${month}&status=recorded`);
    const page2 = await list(AS.managerJatim, `?pageSize=5&page=2&month=${month}&status=recorded`);
    expect(page1.body.items).toHaveLength(5);
    expect(page2.body.items).toHaveLength(2);
    const madiun = await list(AS.managerJatim, "?eventId=2d2e3f40-3c03-4e8d-9e3c-000000000003");
    expect(madiun.body.total).toBe(4);
    const bad = await t.request("/api/enrolment/signups?status=lunas&month=2026-13", {
      token: await t.login(AS.managerJatim),
    });
    expect(bad.status).toBe(400);
  });
});

describe("the NIK is masked everywhere and revealed only by permission", () => {
  it("lists and details show the masked NIK only", async () => {
    const { body } = await list(AS.managerJatim, "?pageSize=100");
    for (const item of body.items) expect(item.nikMasked).toMatch(/^\d{4}•{8}\d{4}$/);
    const detail = await t.request(`/api/enrolment/signups/${madiunIds[0]}`, {
      token: await t.login(AS.staffMadiun),
    });
    const text = await detail.text();
    for (const nik of niks) expect(text).not.toContain(nik);
    expect(JSON.stringify(body)).not.toMatch(/\d{16}/);
  });

  it("refuses the reveal without the per-user flag, and to partners", async () => {
    const [row] = await t.db
      .select()
      .from(signups)
      .where(eq(signups.id, madiunIds[0] ?? ""));
    const path = `/api/enrolment/participants/${row?.participantId}/reveal-nik`;
    const staffRes = await t.request(path, { method: "POST", token: await t.login(AS.staffMadiun) });
    expect(staffRes.status).toBe(403);
    expect((await errorOf(staffRes)).code).toBe("nik_reveal_not_granted");
    const partnerRes = await t.request(path, {
      method: "POST",
      token: await t.login(AS.partnerDinkopSumsel),
    });
    expect(partnerRes.status).toBe(403);
  });

  it("reveals to a manager holding the flag, audited, never cached; 404 outside their offices", async () => {
    const [row] = await t.db
      .select()
      .from(signups)
      .where(eq(signups.id, madiunIds[1] ?? ""));
    const path = `/api/enrolment/participants/${row?.participantId}/reveal-nik`;
    const res = await t.request(path, { method: "POST", token: await t.login(AS.managerJatim) });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(((await res.json()) as { nik: string }).nik).toBe(niks[1]);
    const entries = await t.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.entityId, row?.participantId ?? ""), eq(auditLog.action, "participant.nik_revealed")),
      );
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries[0]?.details)).not.toContain(niks[1]);

    const admin = await t.request(path, { method: "POST", token: await t.login(AS.admin) });
    expect(admin.status).toBe(200);
  });
});

describe("protection at rest", () => {
  it("keeps no NIK in clear text in the database file, its WAL, the audit log or any log line", async () => {
    await t.db.$client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    const file = join(t.env.dir, "jangkau.db");
    const bytes = Buffer.concat([
      readFileSync(file),
      ...[`${file}-wal`].map((p) => {
        try {
          return readFileSync(p);
        } catch {
          return Buffer.alloc(0);
        }
      }),
    ]);
    expect(niks).toHaveLength(7);
    for (const nik of niks) {
      expect(bytes.includes(Buffer.from(nik, "utf8"))).toBe(false);
      expect(bytes.includes(Buffer.from(nik, "utf16le"))).toBe(false);
    }
    const audit = JSON.stringify(await t.db.select().from(auditLog));
    const lines = logged.join("\n");
    expect(lines).toContain('"path":"/api/enrolment/signups/batch"');
    for (const nik of niks) {
      expect(audit).not.toContain(nik);
      expect(lines).not.toContain(nik);
      expect(lines).not.toContain(nik.slice(6, 12) + nik.slice(12));
    }
  });

  it("stores the phone as +62 and the NIK as cipher, hash and mask", async () => {
    const [p] = await t.db
      .select()
      .from(participants)
      .innerJoin(signups, eq(signups.participantId, participants.id))
      .where(eq(signups.id, madiunIds[0] ?? ""));
    expect(p?.participants.phone).toBe("+6281234567890");
    expect(p?.participants.nikHash).toMatch(/^[0-9a-f]{64}$/);
    expect(p?.participants.nikKeyVersion).toBe(1);
    expect(p?.participants.nikMasked).toBe(`${niks[0]?.slice(0, 4)}••••••••${niks[0]?.slice(-4)}`);
  });

  it("re-encrypts every NIK under a new key version, and rehashes them under a new lookup key", async () => {
    const rotatedKeys = `${t.env.NIK_ENC_KEYS},2:${toBase64(crypto.getRandomValues(new Uint8Array(32)))}`;
    const env = { ...t.env, NIK_ENC_KEYS: rotatedKeys };
    const first = await reencryptNiks(t.db, env, { chunk: 3 });
    expect(first).toEqual({ reencrypted: 7, currentVersion: 2 });
    expect((await reencryptNiks(t.db, env)).reencrypted).toBe(0);
    const versions = await t.db.select({ v: participants.nikKeyVersion }).from(participants);
    expect(new Set(versions.map((r) => r.v))).toEqual(new Set([2]));

    // Rotating the lookup key: after the rehash, duplicates are found under the new key only.
    const newHmac = toBase64(crypto.getRandomValues(new Uint8Array(32)));
    expect((await rehashNiks(t.db, env, newHmac)).rehashed).toBe(7);
    const madiunStaff = {
      userId: DEMO_IDS.users.staffMadiun,
      role: "staff" as const,
      name: "x",
      officeId: "kc-madiun",
      officeIds: ["kc-madiun"],
      partnerId: null,
      canRevealNik: false,
    };
    const found = await checkNik(t.db, { ...env, NIK_HMAC_KEY: newHmac }, madiunStaff, {
      nik: niks[0] ?? "",
    });
    expect(found.valid && found.duplicate?.sameScope).toBe(true);
    const stale = await checkNik(t.db, env, madiunStaff, { nik: niks[0] ?? "" });
    expect(stale.valid && stale.duplicate).toBe(null);
  });
});

describe("rollups", () => {
  it("equal a full recount after the writes of this file", async () => {
    const snapshot = async () =>
      (await t.db.select().from(rollupCells))
        .filter((c) => c.recorded || c.verified || c.registered || c.rejected)
        .map(
          (c) =>
            `${c.scope}|${c.month}|${c.dim}|${c.key}|${c.recorded}|${c.verified}|${c.registered}|${c.rejected}`,
        )
        .sort();
    const manager = await t.login(AS.managerJatim);
    await t.request(`/api/enrolment/signups/${madiunIds[2]}/verify`, {
      method: "POST",
      token: manager,
      json: { version: 1 },
    });
    await t.request(`/api/enrolment/signups/${blitarIds[0]}/reject`, {
      method: "POST",
      token: manager,
      json: { version: 1, reason: "Bukan pekerja informal" },
    });
    await t.request(`/api/enrolment/signups/${blitarIds[1]}?version=1`, { method: "DELETE", token: manager });
    const incremental = await snapshot();
    await rebuildSignupRollups(t.db);
    expect(await snapshot()).toEqual(incremental);
    expect(incremental.length).toBeGreaterThan(20);
  });
});
