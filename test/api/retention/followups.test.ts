import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../../packages/node/src/seed/demo.ts";
import { followupTasks } from "../../../packages/shared/src/schema/index.ts";
import { AS, createTestApp, type TestApp } from "../../support/app.ts";
import { insertSignups, type SignupFixture } from "../../support/signup-fixtures.ts";
import { errorOf, expectedAmount, insertPaidMonths, monthsAgo, ok, participantsOf } from "./support.ts";

const BLITAR = DEMO_IDS.events.jemputBolaBlitar;
const MADIUN = DEMO_IDS.events.sosialisasiMadiun;
const U = DEMO_IDS.users;

interface Task {
  id: string;
  kind: string;
  periodKey: string;
  dueDate: string;
  status: string;
  outcome: string | null;
  outcomeNote: string | null;
  assignee: { id: string; name: string } | null;
  participant: {
    id: string;
    name: string;
    phone: string | null;
    whatsapp: string | null;
    nikMasked?: string;
  };
  event?: { id: string; title: string } | null;
  monthlyAmount: number;
  message: string;
}

let t: TestApp;
let manager: string;
let staffBlitar: string;
let coordinator: string;
const who: Record<string, string> = {};

/** Registered sign-ups (unless a status is given) with their paid months; `who[name]` is the participant id. */
async function seed(list: (SignupFixture & { name: string; paid?: string[] })[]) {
  const signupIds = await insertSignups(
    t.db,
    t.env,
    list.map(({ name, paid: _paid, ...f }) => ({
      status: "registered" as const,
      fullName: name,
      phone: `+62812345${String(Object.keys(who).length + 10).padStart(5, "0")}`,
      ...f,
    })),
  );
  const participantIds = await participantsOf(t.db, signupIds);
  list.forEach((f, i) => {
    who[f.name] = participantIds[i] as string;
  });
  await insertPaidMonths(
    t.db,
    list.map((f, i) => ({
      participantId: participantIds[i] as string,
      signupId: signupIds[i] as string,
      months: f.paid ?? [],
    })),
  );
}

const generate = async (asOf: string, token = manager) =>
  ok<{ participants: number; created: Record<string, number>; superseded: number }>(
    await t.request("/api/enrolment/followups/generate", { method: "POST", token, json: { asOf } }),
  );
const callList = async (token: string, query = "") =>
  (await ok<{ tasks: Task[] }>(await t.request(`/api/enrolment/followups${query}`, { token }))).tasks;
const tasksOf = (participantId: string) =>
  t.db.select().from(followupTasks).where(eq(followupTasks.participantId, participantId));

beforeAll(async () => {
  t = await createTestApp();
  manager = await t.login(AS.managerJatim);
  staffBlitar = await t.login(AS.staffBlitar);
  coordinator = await t.login(AS.partnerPaguyubanBlitar);
  await seed([
    // In arrears: paid June – August, as of late October two months behind.
    {
      name: "Sulastri Wahyuni",
      eventId: BLITAR,
      signupMonth: "2026-06",
      paid: ["2026-06", "2026-07", "2026-08"],
    },
    // Paid one month in April, then stopped: lapsed.
    { name: "Bambang Sutrisno", eventId: BLITAR, signupMonth: "2026-04", paid: ["2026-04"] },
    // A CSR programme paid May – October; self-pay from November.
    {
      name: "Karsiyem Lestari",
      eventId: BLITAR,
      signupMonth: "2026-05",
      payer: "csr",
      sponsorPartnerId: DEMO_IDS.partners.csrSumberMakmur,
      sponsoredFrom: "2026-05-01",
      sponsoredUntil: "2026-10-31",
      paid: ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"],
    },
    // Signed up this October, not paid yet.
    { name: "Dwi Handoko", eventId: BLITAR, signupMonth: "2026-10", occupation: "ojek" },
    // A paguyuban member whose dues the paguyuban pays.
    {
      name: "Suparmi Handayani",
      eventId: BLITAR,
      signupMonth: "2026-08",
      payer: "paguyuban",
      sponsorPartnerId: DEMO_IDS.partners.paguyubanPasarBlitar,
      paid: ["2026-08", "2026-09", "2026-10"],
    },
    { name: "Ditolak Saja", eventId: BLITAR, signupMonth: "2026-08", status: "rejected" },
    // Verified but not registered yet (no KPJ): nobody can pay, so nobody is called.
    { name: "Belum Terdaftar", eventId: BLITAR, signupMonth: "2026-07", status: "verified" },
    { name: "Sarmini Madiun", eventId: MADIUN, signupMonth: "2026-09" },
  ]);
});

describe("generation", () => {
  it("creates the tasks each status calls for, once: a second run creates nothing", async () => {
    const first = await generate("2026-10-27");
    expect(first.created).toEqual({ arrears: 2, reactivation: 1, sponsor_ending: 1, payment_reminder: 3 });
    const again = await generate("2026-10-27");
    expect(again).toMatchObject({ created: {}, superseded: 0 });
    expect(await tasksOf(who["Sulastri Wahyuni"] as string)).toEqual([
      expect.objectContaining({
        kind: "arrears",
        periodKey: "2026-09",
        dueDate: "2026-11-30",
        status: "open",
      }),
    ]);
    expect(
      (await tasksOf(who["Karsiyem Lestari"] as string)).map((x) => `${x.kind}:${x.periodKey}`).sort(),
    ).toEqual(["payment_reminder:2026-11", "sponsor_ending:2026-10"]);
    expect(await tasksOf(who["Ditolak Saja"] as string)).toEqual([]);
    expect(await tasksOf(who["Belum Terdaftar"] as string)).toEqual([]);
  });

  it("assigns paguyuban members to their coordinator and the others to the branch's staff", async () => {
    const [member] = await tasksOf(who["Suparmi Handayani"] as string);
    expect(member?.assigneeUserId).toBe(U.partnerPaguyubanBlitar);
    const [arrears] = await tasksOf(who["Sulastri Wahyuni"] as string);
    expect(arrears?.assigneeUserId).toBe(U.staffBlitar);
    const [madiun] = await tasksOf(who["Sarmini Madiun"] as string);
    expect(madiun?.assigneeUserId).toBe(U.staffMadiun);
  });

  it("is limited to the offices in the caller's scope", async () => {
    const managerBlitar = await t.login(AS.managerBlitar);
    const report = await generate("2026-10-27", managerBlitar);
    expect(report.participants).toBe(5); // Blitar's registered sign-ups only
    await errorOf(
      await t.request("/api/enrolment/followups/generate", {
        method: "POST",
        token: managerBlitar,
        json: { officeId: "kc-madiun" },
      }),
      403,
      "office_out_of_scope",
    );
    await errorOf(
      await t.request("/api/enrolment/followups/generate", { method: "POST", token: staffBlitar, json: {} }),
      403,
      "forbidden",
    );
  });
});

describe("call list", () => {
  it("shows a staff member their own calls with phone, masked NIK and a ready message", async () => {
    const tasks = await callList(staffBlitar);
    expect(tasks.map((x) => `${x.participant.name}:${x.kind}`).sort()).toEqual([
      "Bambang Sutrisno:reactivation",
      "Dwi Handoko:payment_reminder",
      "Karsiyem Lestari:payment_reminder",
      "Karsiyem Lestari:sponsor_ending",
      "Sulastri Wahyuni:arrears",
    ]);
    const arrears = tasks.find((x) => x.kind === "arrears") as Task;
    expect(arrears.participant.whatsapp).toMatch(/^62812345\d{5}$/);
    expect(arrears.participant.nikMasked).toMatch(/^3577/);
    expect(arrears.event?.id).toBe(BLITAR);
    expect(arrears.monthlyAmount).toBe(expectedAmount("2026-09", "pedagang"));
    expect(arrears.message).toContain("Halo Bapak/Ibu Sulastri,");
    expect(arrears.message).toContain("belum tercatat sejak bulan September 2026");
    expect(arrears.message).toContain("sampai 30 November 2026");
    expect(arrears.message).toContain("Yuli Astuti — BPJS Ketenagakerjaan Kantor Cabang Blitar");
    const ending = tasks.find((x) => x.kind === "sponsor_ending") as Task;
    expect(ending.message).toContain(
      "dibayar oleh PT Sumber Makmur Sejahtera (program CSR) sampai bulan Oktober 2026",
    );
  });

  it("gives a paguyuban coordinator only their members' calls: first name and phone, nothing else", async () => {
    const tasks = await callList(coordinator, "?assignee=all");
    expect(tasks).toHaveLength(1);
    const [task] = tasks as [Task];
    expect(task.participant.name).toBe("Suparmi");
    expect(task.participant.phone).toMatch(/^\+62/);
    expect(task.participant).not.toHaveProperty("nikMasked");
    expect(task).not.toHaveProperty("event");
    expect(JSON.stringify(task)).not.toContain("Handayani");
    expect(task.message).toContain("Salam, Siti Aminah — Paguyuban Pedagang Pasar Legi Blitar");
  });

  it("shows managers every call in their offices and nothing outside them", async () => {
    const managerBlitar = await t.login(AS.managerBlitar);
    const tasks = await callList(managerBlitar);
    expect(tasks).toHaveLength(6);
    expect(tasks.some((x) => x.participant.name === "Sarmini Madiun")).toBe(false);
    const staffMadiun = await t.login(AS.staffMadiun);
    expect((await callList(staffMadiun)).map((x) => x.participant.name)).toEqual(["Sarmini Madiun"]);
    expect(await callList(managerBlitar, "?assignee=unassigned")).toEqual([]);
  });

  it("downloads as CSV with local phone numbers and the message", async () => {
    const res = await t.request("/api/enrolment/followups/call-list.csv?kind=arrears", {
      token: staffBlitar,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    const text = (await res.text()).replace(/^\uFEFF/, "");
    const [header, row] = text.split("\r\n");
    expect(header).toBe("jenis,bulan,jatuh_tempo,nama,telepon,iuran,petugas,status,hasil,catatan,pesan");
    expect(row).toMatch(/^Tunggakan,2026-09,2026-11-30,Sulastri Wahyuni,0812-345\d-\d{4},/);
  });
});

describe("outcomes", () => {
  it("keeps a promised call open and closes a refused one; a closed task cannot be logged again", async () => {
    const [member] = await callList(coordinator);
    const promised = await ok<{ status: string; outcome: string }>(
      await t.request(`/api/enrolment/followups/${member?.id}/outcome`, {
        method: "PATCH",
        token: coordinator,
        json: { outcome: "promised", note: "Bayar lewat paguyuban Jumat" },
      }),
    );
    expect(promised).toMatchObject({ status: "open", outcome: "promised" });
    expect((await callList(coordinator))[0]).toMatchObject({
      outcome: "promised",
      outcomeNote: "Bayar lewat paguyuban Jumat",
    });

    const reactivation = (await callList(staffBlitar, "?kind=reactivation"))[0] as Task;
    const path = `/api/enrolment/followups/${reactivation.id}/outcome`;
    expect(
      await ok(await t.request(path, { method: "PATCH", token: staffBlitar, json: { outcome: "refused" } })),
    ).toMatchObject({ status: "done", outcome: "refused" });
    await errorOf(
      await t.request(path, { method: "PATCH", token: staffBlitar, json: { outcome: "paid" } }),
      409,
      "task_closed",
    );
    expect(await callList(staffBlitar, "?kind=reactivation")).toEqual([]);
  });

  it("refuses a coordinator's outcome on a task not assigned to them, and an unknown outcome", async () => {
    const arrears = (await callList(staffBlitar, "?kind=arrears"))[0] as Task;
    await errorOf(
      await t.request(`/api/enrolment/followups/${arrears.id}/outcome`, {
        method: "PATCH",
        token: coordinator,
        json: { outcome: "paid" },
      }),
      404,
      "task_not_found",
    );
    await errorOf(
      await t.request(`/api/enrolment/followups/${arrears.id}/outcome`, {
        method: "PATCH",
        token: staffBlitar,
        json: { outcome: "maybe" },
      }),
      400,
      "validation_failed",
    );
  });

  it("lets a manager reassign within the office or to the member's own coordinator only", async () => {
    const managerBlitar = await t.login(AS.managerBlitar);
    const arrears = (await callList(staffBlitar, "?kind=arrears"))[0] as Task;
    await errorOf(
      await t.request(`/api/enrolment/followups/${arrears.id}/assignee`, {
        method: "PATCH",
        token: managerBlitar,
        json: { assigneeUserId: U.partnerPaguyubanBlitar },
      }),
      422,
      "assignee_not_eligible",
    );
    await errorOf(
      await t.request(`/api/enrolment/followups/${arrears.id}/assignee`, {
        method: "PATCH",
        token: managerBlitar,
        json: { assigneeUserId: U.staffMadiun },
      }),
      422,
      "assignee_not_eligible",
    );
    const [member] = await callList(coordinator);
    await ok(
      await t.request(`/api/enrolment/followups/${member?.id}/assignee`, {
        method: "PATCH",
        token: managerBlitar,
        json: { assigneeUserId: U.staffBlitar },
      }),
    );
    expect(await callList(coordinator)).toEqual([]);
    await ok(
      await t.request(`/api/enrolment/followups/${member?.id}/assignee`, {
        method: "PATCH",
        token: managerBlitar,
        json: { assigneeUserId: U.partnerPaguyubanBlitar },
      }),
    );
  });
});

describe("tasks follow the status", () => {
  it("cancels calls time has overtaken and opens the next ones", async () => {
    const report = await generate("2026-11-02");
    expect(report.superseded).toBeGreaterThan(0);
    const sponsored = await tasksOf(who["Karsiyem Lestari"] as string);
    expect(sponsored.map((x) => `${x.kind}:${x.periodKey}:${x.status}`).sort()).toEqual([
      "arrears:2026-11:open",
      "payment_reminder:2026-11:cancelled",
      "sponsor_ending:2026-10:cancelled",
    ]);
  });

  it("closes the arrears call as paid when the month is recorded, and opens the next month's", async () => {
    const month = monthsAgo(1);
    await seed([
      { name: "Tukiyem Arrears", eventId: BLITAR, signupMonth: monthsAgo(2), paid: [monthsAgo(2)] },
    ]);
    await generate(new Date().toISOString());
    const participantId = who["Tukiyem Arrears"] as string;
    expect(await tasksOf(participantId)).toEqual([
      expect.objectContaining({ kind: "arrears", periodKey: month, status: "open" }),
    ]);
    await ok(
      await t.request("/api/enrolment/contributions", {
        method: "POST",
        token: staffBlitar,
        json: { participantId, month, amount: expectedAmount(month, "pedagang") },
      }),
      201,
    );
    const after = (await tasksOf(participantId)).map(
      (x) => `${x.kind}:${x.periodKey}:${x.status}:${x.outcome}`,
    );
    expect(after).toContain(`arrears:${month}:done:paid`);
    expect(after).toContain(`arrears:${monthsAgo(0)}:open:null`);
  });
});
