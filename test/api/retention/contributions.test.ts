import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../../packages/node/src/seed/demo.ts";
import { contributions, importRows } from "../../../packages/shared/src/schema/index.ts";
import { AS, createTestApp, type TestApp } from "../../support/app.ts";
import { insertSignups } from "../../support/signup-fixtures.ts";
import { errorOf, expectedAmount, exportBody, monthsAgo, ok, participantsOf, thisMonth } from "./support.ts";

const BLITAR = DEMO_IDS.events.jemputBolaBlitar;
const MADIUN = DEMO_IDS.events.sosialisasiMadiun;

let t: TestApp;
let staffBlitar: string;

/** One sign-up at the Blitar event `ago` months back; returns its participant and sign-up ids. */
async function blitarParticipant(
  ago: number,
  extra: Parameters<typeof insertSignups>[2][number] = { signupMonth: "" },
) {
  const [signupId] = await insertSignups(t.db, t.env, [
    { eventId: BLITAR, ...extra, signupMonth: monthsAgo(ago) },
  ]);
  const [participantId] = await participantsOf(t.db, [signupId as string]);
  return { participantId: participantId as string, signupId: signupId as string };
}

const post = (json: unknown, token = staffBlitar) =>
  t.request("/api/enrolment/contributions", { method: "POST", token, json });

beforeAll(async () => {
  t = await createTestApp();
  staffBlitar = await t.login(AS.staffBlitar);
});

describe("manual entry", () => {
  it("records a month at the amount the rules expect and answers with the new status", async () => {
    const { participantId } = await blitarParticipant(1);
    const month = monthsAgo(1);
    const body = await ok<{
      contribution: { amount: number; payer: string; source: string };
      status: { status: string; paidThrough: string };
    }>(
      await post({ participantId, month, amount: expectedAmount(month, "pedagang"), paidAt: `${month}-20` }),
      201,
    );
    expect(body.contribution).toMatchObject({ payer: "self", source: "manual" });
    expect(body.status).toMatchObject({ status: "in_arrears", paidThrough: month });

    const view = await ok<{
      contributions: { month: string }[];
      status: { status: string; monthsBehind: number };
    }>(await t.request(`/api/enrolment/participants/${participantId}/contributions`, { token: staffBlitar }));
    expect(view.contributions.map((c) => c.month)).toEqual([month]);
    expect(view.status).toMatchObject({ status: "in_arrears", monthsBehind: 1 });
  });

  it("refuses a month before the sign-up month", async () => {
    const { participantId } = await blitarParticipant(1);
    const month = monthsAgo(2);
    const error = await errorOf(
      await post({ participantId, month, amount: expectedAmount(month, "pedagang") }),
      422,
      "month_before_signup",
    );
    expect(error.details?.issues).toContainEqual(
      expect.objectContaining({ path: "month", code: "month_before_signup" }),
    );
  });

  it("refuses a month already paid with 409", async () => {
    const { participantId } = await blitarParticipant(0);
    const month = thisMonth();
    const amount = expectedAmount(month, "pedagang");
    await ok(await post({ participantId, month, amount }), 201);
    await errorOf(await post({ participantId, month, amount }), 409, "duplicate_month");
    const rows = await t.db
      .select()
      .from(contributions)
      .where(eq(contributions.participantId, participantId));
    expect(rows).toHaveLength(1);
  });

  it("refuses an amount the rules do not give, stating the expected amount, unless a reason is given", async () => {
    const { participantId } = await blitarParticipant(2);
    const month = monthsAgo(2);
    const expected = expectedAmount(month, "pedagang");
    const error = await errorOf(
      await post({ participantId, month, amount: expected + 1_000 }),
      422,
      "amount_mismatch",
    );
    expect(error.details).toMatchObject({ expectedAmount: expected });
    expect(error.details?.issues).toContainEqual(expect.objectContaining({ path: "amount" }));

    const accepted = await ok<{
      contribution: { amount: number; expectedAmount: number; amountOverrideReason: string };
    }>(
      await post({
        participantId,
        month,
        amount: expected + 1_000,
        overrideReason: "Bayar dengan JHT, golongan belum diperbarui",
      }),
      201,
    );
    expect(accepted.contribution).toMatchObject({
      amount: expected + 1_000,
      expectedAmount: expected,
      amountOverrideReason: "Bayar dengan JHT, golongan belum diperbarui",
    });
  });

  it("charges APBD-paid months in full: PP 50/2025 excludes budget-paid premiums", async () => {
    const staffMadiun = await t.login(AS.staffMadiun);
    const [signupId] = await insertSignups(t.db, t.env, [
      {
        eventId: MADIUN,
        signupMonth: monthsAgo(1),
        payer: "apbd",
        sponsorPartnerId: DEMO_IDS.partners.pemkotMadiun,
        sponsoredFrom: `${monthsAgo(1)}-01`,
        sponsoredUntil: `${thisMonth()}-28`,
      },
    ]);
    const [participantId] = await participantsOf(t.db, [signupId as string]);
    const month = monthsAgo(1);
    const body = await ok<{ contribution: { payer: string; sponsorPartnerId: string; amount: number } }>(
      await post({ participantId, month, amount: expectedAmount(month, "pedagang", "apbd") }, staffMadiun),
      201,
    );
    expect(body.contribution).toMatchObject({
      payer: "apbd",
      sponsorPartnerId: DEMO_IDS.partners.pemkotMadiun,
    });
    expect(body.contribution.amount).toBe(16_800);
  });

  it("refuses a payment date in the future and a month too far ahead", async () => {
    const { participantId } = await blitarParticipant(0);
    const month = thisMonth();
    await errorOf(
      await post({ participantId, month, amount: expectedAmount(month, "pedagang"), paidAt: "2099-01-01" }),
      422,
      "paid_at_in_future",
    );
    const far = monthsAgo(-13);
    await errorOf(await post({ participantId, month: far, amount: 16_800 }), 422, "month_too_far_ahead");
  });

  it("answers 404 for a participant outside the caller's offices, 403 for a partner, 400 for a malformed month", async () => {
    const { participantId } = await blitarParticipant(0);
    const month = thisMonth();
    const staffMadiun = await t.login(AS.staffMadiun);
    await errorOf(
      await post({ participantId, month, amount: 8_400 }, staffMadiun),
      404,
      "participant_not_found",
    );
    const partner = await t.login(AS.partnerPaguyubanBlitar);
    await errorOf(await post({ participantId, month, amount: 8_400 }, partner), 403, "forbidden");
    const error = await errorOf(
      await post({ participantId, month: "2026-13", amount: 8_400 }),
      400,
      "validation_failed",
    );
    expect(error.details?.issues?.[0]?.path).toBe("month");
  });
});

describe("payment export import", () => {
  it("records matching rows and reports unmatched, duplicate and invalid rows by row number", async () => {
    const month = monthsAgo(1);
    const amount = expectedAmount(month, "pedagang");
    const byKpj = await blitarParticipant(1, { signupMonth: "", kpj: "26010000001" });
    const nik = "3572014105800007";
    const byNik = await blitarParticipant(1, { signupMonth: "", nik });
    const [madiunSignup] = await insertSignups(t.db, t.env, [
      { eventId: MADIUN, signupMonth: month, kpj: "26010000099" },
    ]);
    const csv = [
      "kpj,nik,bulan,jumlah,pembayar,tanggal_bayar",
      `26010000001,,${month},${amount},mandiri,${month}-15`, // 2: recorded by KPJ
      `,${nik},${month.slice(5)}/${month.slice(0, 4)},Rp${amount.toLocaleString("id-ID")},,${month.slice(5)}/${month.slice(0, 4)}`.replace(
        /,(\d{2})\/(\d{4})$/,
        ",20/$1/$2",
      ), // 3: recorded by NIK, Indonesian formats
      `99999999999,,${month},${amount},,`, // 4: nobody
      `26010000001,,${month},${amount},,`, // 5: same month again in this file
      `26010000001,,${monthsAgo(2)},${amount},,`, // 6: before sign-up
      `26010000001,,${thisMonth()},${amount + 500},,`, // 7: wrong amount
      `26010000001,,=HYPERLINK("http://x"),${amount},,`, // 8: formula
      `26010000001,,2026-1x,${amount},,`, // 9: not a month
      `26010000099,,${month},${amount},,`, // 10: a Madiun participant: not in Blitar staff's scope
      `26010000001,3572014105800007,${thisMonth()},${expectedAmount(thisMonth(), "pedagang")},,`, // 11: KPJ and NIK disagree
    ].join("\n");
    const report = await ok<{
      batchId: string;
      totalRows: number;
      recorded: number;
      unmatched: number;
      duplicates: number;
      errors: number;
      flaggedRows: { rowNumber: number; status: string; code: string; field: string }[];
    }>(
      await t.request("/api/enrolment/contributions/import", {
        method: "POST",
        token: staffBlitar,
        json: await exportBody("kc-blitar", csv),
      }),
      201,
    );
    expect(report).toMatchObject({ totalRows: 10, recorded: 2, unmatched: 2, duplicates: 1, errors: 5 });
    const codes = Object.fromEntries(report.flaggedRows.map((r) => [r.rowNumber, `${r.status}:${r.code}`]));
    expect(codes).toEqual({
      4: "unmatched:unmatched",
      5: "duplicate:duplicate_month",
      6: "error:month_before_signup",
      7: "error:amount_mismatch",
      8: "error:formula_not_allowed",
      9: "error:invalid_month",
      10: "unmatched:unmatched",
      11: "error:identifier_conflict",
    });
    expect(JSON.stringify(report)).not.toContain(nik);

    const recorded = await t.db
      .select()
      .from(contributions)
      .where(eq(contributions.importBatchId, report.batchId));
    expect(recorded.map((r) => r.participantId).sort()).toEqual(
      [byKpj.participantId, byNik.participantId].sort(),
    );
    const byNikRow = recorded.find((r) => r.participantId === byNik.participantId);
    expect(byNikRow).toMatchObject({ month, amount, paidAt: `${month}-20`, source: "import" });
    expect(madiunSignup).toBeDefined();

    // Flagged rows keep their cells sealed, never in clear.
    const staged = await t.db.select().from(importRows).where(eq(importRows.batchId, report.batchId));
    expect(staged).toHaveLength(10);
    const flagged = staged.filter((r) => r.status !== "committed");
    expect(flagged.every((r) => r.payloadCipher && !r.payloadCipher.includes(nik))).toBe(true);
    expect(staged.filter((r) => r.status === "committed").every((r) => r.payloadCipher === null)).toBe(true);
  });

  it("is idempotent per file: the same export again returns the first report and records nothing", async () => {
    const month = monthsAgo(1);
    await blitarParticipant(1, { signupMonth: "", kpj: "26010000002" });
    const csv = `kpj,bulan,jumlah\n26010000002,${month},${expectedAmount(month, "pedagang")}\n`;
    const body = await exportBody("kc-blitar", csv);
    const first = await ok<{ batchId: string; recorded: number }>(
      await t.request("/api/enrolment/contributions/import", {
        method: "POST",
        token: staffBlitar,
        json: body,
      }),
      201,
    );
    const again = await ok<{ batchId: string; recorded: number; replayed: boolean }>(
      await t.request("/api/enrolment/contributions/import", {
        method: "POST",
        token: staffBlitar,
        json: body,
      }),
      200,
    );
    expect(again).toMatchObject({ batchId: first.batchId, recorded: 1, replayed: true });
  });

  it("checks without recording on a dry run", async () => {
    const month = monthsAgo(1);
    const p = await blitarParticipant(1, { signupMonth: "", kpj: "26010000003" });
    const csv =
      `no_kpj;periode;nominal\n26010000003;${month};${expectedAmount(month, "pedagang")}\n`.replaceAll(
        ";",
        ",",
      );
    const report = await ok<{ recorded: number; dryRun: boolean; batchId: null }>(
      await t.request("/api/enrolment/contributions/import", {
        method: "POST",
        token: staffBlitar,
        json: await exportBody("kc-blitar", csv, { dryRun: true }),
      }),
    );
    expect(report).toMatchObject({ recorded: 1, dryRun: true, batchId: null });
    expect(
      await t.db.select().from(contributions).where(eq(contributions.participantId, p.participantId)),
    ).toHaveLength(0);
  });

  it("refuses a file without the month, the amount or any identifier, naming the columns", async () => {
    const error = await errorOf(
      await t.request("/api/enrolment/contributions/import", {
        method: "POST",
        token: staffBlitar,
        json: await exportBody("kc-blitar", "nama,alamat\nSiti,Pasar Legi\n"),
      }),
      400,
      "missing_columns",
    );
    expect(error.details?.issues?.map((i) => i.path).sort()).toEqual([
      "headers.bulan",
      "headers.jumlah",
      "headers.kpj",
    ]);
  });

  it("matches only the uploading office's participants, even for a manager who sees several offices", async () => {
    const month = monthsAgo(1);
    await insertSignups(t.db, t.env, [{ eventId: MADIUN, signupMonth: month, kpj: "26010000777" }]);
    const managerJatim = await t.login(AS.managerJatim);
    const csv = `kpj,bulan,jumlah\n26010000777,${month},${expectedAmount(month, "pedagang", "self")}\n`;
    const asBlitar = await ok<{ recorded: number; unmatched: number }>(
      await t.request("/api/enrolment/contributions/import", {
        method: "POST",
        token: managerJatim,
        json: await exportBody("kc-blitar", csv, { dryRun: true }),
      }),
    );
    expect(asBlitar).toMatchObject({ recorded: 0, unmatched: 1 });
    const asRegion = await ok<{ recorded: number }>(
      await t.request("/api/enrolment/contributions/import", {
        method: "POST",
        token: managerJatim,
        json: await exportBody("kw-jatim", csv, { dryRun: true }),
      }),
    );
    expect(asRegion).toMatchObject({ recorded: 1 });
  });

  it("refuses an office outside the caller's scope", async () => {
    await errorOf(
      await t.request("/api/enrolment/contributions/import", {
        method: "POST",
        token: staffBlitar,
        json: await exportBody("kc-madiun", `kpj,bulan,jumlah\n1,${thisMonth()},8400\n`),
      }),
      403,
      "office_out_of_scope",
    );
  });
});
