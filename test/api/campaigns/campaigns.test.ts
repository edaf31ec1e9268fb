import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../../packages/node/src/seed/demo.ts";
import { auditLog } from "../../../packages/shared/src/schema/index.ts";
import { AS, createTestApp, type TestApp } from "../../support/app.ts";
import { client, expectIssue, ok } from "./helpers.ts";

interface Campaign {
  id: string;
  officeId: string;
  name: string;
  status: string;
  version: number;
  targetSignups: number;
  budget: number;
  eventCount: number;
  liveSignups: number;
  allowedTransitions: string[];
  events?: { id: string }[];
}

let t: TestApp;
let api: ReturnType<typeof client>;
let manager: string;
let managerJatim: string;
let staff: string;
let partner: string;
beforeAll(async () => {
  t = await createTestApp();
  api = client(t);
  [manager, managerJatim, staff, partner] = await Promise.all([
    t.login(AS.managerSumbagsel),
    t.login(AS.managerJatim),
    t.login(AS.staffPalembang),
    t.login(AS.partnerDinkopSumsel),
  ]);
});

const year = new Date().getUTCFullYear();
const draft = (overrides: Record<string, unknown> = {}) => ({
  officeId: "kc-palembang",
  name: `Sarasehan UMKM Palembang ${year}`,
  segment: "bpu",
  objective: "Mendaftarkan anggota koperasi binaan Dinkop UKM Sumsel sebagai peserta BPU.",
  periodStart: `${year}-04-01`,
  periodEnd: `${year}-09-30`,
  targetSignups: 300,
  budget: 60_000_000,
  ...overrides,
});

describe("campaigns", () => {
  it("starts as a draft, goes active, then closed; every change is audited", async () => {
    const created = await ok<Campaign>(await api.post("/api/campaigns", manager, draft()), 201);
    expect(created).toMatchObject({ status: "draft", version: 1, eventCount: 0, liveSignups: 0 });
    expect(created.allowedTransitions).toEqual(["active", "closed"]);

    const active = await ok<Campaign>(
      await api.patch(`/api/campaigns/${created.id}`, manager, {
        version: 1,
        status: "active",
        targetSignups: 350,
      }),
    );
    expect(active).toMatchObject({ status: "active", version: 2, targetSignups: 350 });

    const back = await api.patch(`/api/campaigns/${created.id}`, manager, { version: 2, status: "draft" });
    await expectIssue(back, 409, "illegal_status_transition", "status");

    const closed = await ok<Campaign>(
      await api.patch(`/api/campaigns/${created.id}`, manager, { version: 2, status: "closed" }),
    );
    expect(closed.status).toBe("closed");
    const edit = await api.patch(`/api/campaigns/${created.id}`, manager, { version: 3, name: "Lagi" });
    await expectIssue(edit, 409, "campaign_closed", "status");

    // No events in a closed campaign.
    const event = await api.post("/api/events", manager, {
      campaignId: created.id,
      type: "sosialisasi",
      title: "Sosialisasi",
      startLocal: `${year}-05-02T09:00`,
      endLocal: `${year}-05-02T11:00`,
      areaCode: "16.71",
    });
    await expectIssue(event, 409, "campaign_closed", "campaignId");

    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, created.id));
    expect(audit.map((a) => a.action).sort()).toEqual([
      "campaign.create",
      "campaign.update",
      "campaign.update",
    ]);
  });

  it("refuses a period that ends before it starts, naming periodEnd", async () => {
    const res = await api.post("/api/campaigns", manager, draft({ periodEnd: `${year}-03-01` }));
    await expectIssue(res, 400, "validation_failed", "periodEnd", "period_end_before_start");
  });

  it("refuses an office outside the manager's scope (403) and an unknown one (400)", async () => {
    await expectIssue(
      await api.post("/api/campaigns", manager, draft({ officeId: "kc-madiun" })),
      403,
      "office_out_of_scope",
      "officeId",
    );
    await expectIssue(
      await api.post("/api/campaigns", manager, draft({ officeId: "kc-atlantis" })),
      400,
      "validation_failed",
      "officeId",
      "unknown_office",
    );
  });

  it("answers a stale version with 409 version_conflict and the current version", async () => {
    const c = await ok<Campaign>(await api.post("/api/campaigns", manager, draft()), 201);
    await ok(await api.patch(`/api/campaigns/${c.id}`, manager, { version: 1, budget: 70_000_000 }));
    const stale = await api.patch(`/api/campaigns/${c.id}`, manager, { version: 1, budget: 10 });
    const body = await expectIssue(stale, 409, "version_conflict", "version");
    expect(body.details).toMatchObject({ currentVersion: 2 });
    const now = await ok<Campaign>(await api.get(`/api/campaigns/${c.id}`, manager));
    expect(now.budget).toBe(70_000_000);
  });

  it("lists only campaigns of offices in scope; staff read, partners not at all", async () => {
    const sumbagsel = await ok<Campaign[]>(await api.get("/api/campaigns", manager));
    expect(sumbagsel.map((c) => c.officeId).every((o) => o === "kc-palembang")).toBe(true);
    expect(sumbagsel.map((c) => c.id)).toContain(DEMO_IDS.campaigns.sumsel);
    const jatim = await ok<Campaign[]>(await api.get("/api/campaigns?status=active", managerJatim));
    expect(jatim.map((c) => c.id).sort()).toEqual(
      [DEMO_IDS.campaigns.madiun, DEMO_IDS.campaigns.blitar].sort(),
    );

    const detail = await ok<Campaign>(await api.get(`/api/campaigns/${DEMO_IDS.campaigns.sumsel}`, staff));
    expect(detail.events?.map((e) => e.id)).toContain(DEMO_IDS.events.sarasehanPalembang);
    expect((await api.get(`/api/campaigns/${DEMO_IDS.campaigns.madiun}`, manager)).status).toBe(404);
    expect((await api.post("/api/campaigns", staff, draft())).status).toBe(403);
    expect((await api.get("/api/campaigns", partner)).status).toBe(403);
  });

  it("refuses unknown fields and bad types with their paths", async () => {
    const res = await api.post("/api/campaigns", manager, { ...draft(), status: "active", budget: -5 });
    const body = await expectIssue(res, 400, "validation_failed");
    const paths = body.details?.issues?.map((i) => i.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(["budget"]));
  });
});
