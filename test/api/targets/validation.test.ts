import { beforeAll, describe, expect, it } from "vitest";
import { AS, createTestApp, type TestApp } from "../../support/app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

interface ErrorBody {
  error: { code: string; details?: { issues?: { path: string; code: string }[]; currentVersion?: number } };
}

async function errorOf(res: Response, status: number) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (JSON.parse(text) as ErrorBody).error;
}
const paths = (e: ErrorBody["error"]) => (e.details?.issues ?? []).map((i) => i.path).sort();

const blitar = (over: Record<string, unknown> = {}) => ({
  officeId: "kc-blitar",
  year: 2026,
  segment: "bpu",
  kind: "absolute",
  value: 15_030,
  ...over,
});

describe("a target refused, naming the field", () => {
  it("403 for an office outside the manager's scope", async () => {
    const token = await t.login(AS.managerBlitar);
    const e = await errorOf(
      await t.request("/api/targets", { method: "POST", token, json: blitar({ officeId: "kc-palembang" }) }),
      403,
    );
    expect(e.code).toBe("office_out_of_scope");
    expect(paths(e)).toEqual(["officeId"]);
    // The regional manager above Blitar may; the Sumbagsel manager may not.
    const sumbagsel = await t.login(AS.managerSumbagsel);
    const other = await errorOf(
      await t.request("/api/targets", { method: "POST", token: sumbagsel, json: blitar({ year: 2027 }) }),
      403,
    );
    expect(paths(other)).toEqual(["officeId"]);
  });

  it("400 for an unknown office given by an admin", async () => {
    const e = await errorOf(
      await t.request("/api/targets", {
        method: "POST",
        token: await t.login(AS.admin),
        json: blitar({ officeId: "kc-atlantis" }),
      }),
      400,
    );
    expect(e.details?.issues?.[0]).toMatchObject({ path: "officeId", code: "unknown_office" });
  });

  it.each([
    ["a negative target", { value: -1 }, ["value"]],
    ["an absurd target", { value: 50_000_000 }, ["value"]],
    ["a fractional target", { value: 10.5 }, ["value"]],
    ["a negative potential", { potential: -5 }, ["potential"]],
    ["an absurd potential", { potential: 900_000_000 }, ["potential"]],
    ["a negative starting count", { startingParticipants: -3 }, ["startingParticipants"]],
    ["an absurd growth", { kind: "growth", growthPct: 5_000, baselineYear: 2019 }, ["growthPct"]],
    ["a negative growth", { kind: "growth", growthPct: -10, baselineYear: 2019 }, ["growthPct"]],
    ["a monthly split of 11 months", { monthlySplit: Array(11).fill(100) }, ["monthlySplit"]],
    ["a negative month", { monthlySplit: [...Array(11).fill(100), -1] }, ["monthlySplit.11"]],
    ["an unknown segment", { segment: "umkm" }, ["segment"]],
    ["a year from another century", { year: 1999 }, ["year"]],
  ])("400 for %s", async (_label, over, expected) => {
    const e = await errorOf(
      await t.request("/api/targets", {
        method: "POST",
        token: await t.login(AS.managerBlitar),
        json: blitar(over),
      }),
      400,
    );
    expect(e.code).toBe("validation_failed");
    expect(paths(e)).toEqual(expected);
  });

  it.each([
    [
      "a baseline year after the target year",
      { baselineYear: 2027 },
      "baselineYear",
      "baseline_not_before_target",
    ],
    [
      "a baseline year equal to the target year",
      { baselineYear: 2026 },
      "baselineYear",
      "baseline_not_before_target",
    ],
    ["a target above the potential", { value: 2_000_000, potential: 1_345_000 }, "value", "above_potential"],
    [
      "more participants at the start than the potential",
      { potential: 1_000, value: 900, startingParticipants: 5_000 },
      "startingParticipants",
      "above_potential",
    ],
    ["an absolute target without a value", { value: undefined }, "value", "required"],
    ["a growth target without a percentage", { kind: "growth", baselineYear: 2020 }, "growthPct", "required"],
    [
      "a growth target without a baseline year",
      { kind: "growth", growthPct: 30 },
      "baselineYear",
      "required",
    ],
    ["a target planned too far ahead", { year: 2090 }, "year", "year_too_far"],
    ["a monthly split of zeros", { monthlySplit: Array(12).fill(0) }, "monthlySplit", "invalid_split"],
    [
      "a regency the branch does not cover",
      { regencySplit: { "35.73": 100 } },
      "regencySplit.35.73",
      "not_office_regency",
    ],
    [
      "regency targets adding up to more than the target",
      { value: 1_000, regencySplit: { "35.72": 600, "35.05": 600 } },
      "regencySplit",
      "split_exceeds_target",
    ],
  ])("400 for %s", async (_label, over, path, code) => {
    const e = await errorOf(
      await t.request("/api/targets", {
        method: "POST",
        token: await t.login(AS.managerBlitar),
        json: blitar(over),
      }),
      400,
    );
    expect(e.details?.issues).toContainEqual(expect.objectContaining({ path, code }));
  });

  it("422 for a growth target whose baseline year has no total yet", async () => {
    const e = await errorOf(
      await t.request("/api/targets", {
        method: "POST",
        token: await t.login(AS.managerBlitar),
        json: blitar({ kind: "growth", growthPct: 20, baselineYear: 2018, value: undefined }),
      }),
      422,
    );
    expect(e.code).toBe("baseline_missing");
    expect(paths(e)).toEqual(["baselineYear"]);
  });

  it("409 for a second target of the same office, year and segment", async () => {
    const token = await t.login(AS.managerBlitar);
    await t.request("/api/targets", { method: "POST", token, json: blitar({ year: 2025 }) });
    const e = await errorOf(
      await t.request("/api/targets", { method: "POST", token, json: blitar({ year: 2025 }) }),
      409,
    );
    expect(e.code).toBe("target_exists");
  });

  it("never echoes the value received", async () => {
    const res = await t.request("/api/targets", {
      method: "POST",
      token: await t.login(AS.managerBlitar),
      json: blitar({ officeId: "3573010101900001" }),
    });
    expect(await res.text()).not.toContain("3573010101900001");
  });
});

describe("changing a target", () => {
  it("updates with the current version, then refuses a stale one with 409 and the current version", async () => {
    const token = await t.login(AS.managerBlitar);
    const res = await t.request("/api/targets", {
      method: "POST",
      token,
      json: blitar({ year: 2024, monthlySplit: Array(12).fill(1_000), regencySplit: { "35.72": 3_000 } }),
    });
    const created = (await res.json()) as { id: string; version: number; monthlySplit: number[] };
    expect(created.monthlySplit).toHaveLength(12);

    const put = (version: number, value: number) =>
      t.request(`/api/targets/${created.id}`, {
        method: "PUT",
        token,
        json: { kind: "absolute", value, version, regencySplit: { "35.04": 4_000 } },
      });
    const ok = await put(created.version, 16_000);
    expect(ok.status).toBe(200);
    const updated = (await ok.json()) as {
      value: number;
      version: number;
      monthlySplit: null;
      regencySplit: Record<string, number>;
    };
    expect(updated).toMatchObject({ value: 16_000, version: created.version + 1, monthlySplit: null });
    expect(updated.regencySplit).toEqual({ "35.04": 4_000 });

    const stale = await errorOf(await put(created.version, 17_000), 409);
    expect(stale.code).toBe("version_conflict");
    expect(stale.details?.currentVersion).toBe(created.version + 1);
    // The stale write changed nothing, splits included.
    const now = (await (await t.request(`/api/targets/${created.id}`, { token })).json()) as {
      value: number;
      regencySplit: Record<string, number>;
    };
    expect(now).toMatchObject({ value: 16_000, regencySplit: { "35.04": 4_000 } });

    const staleDelete = await t.request(`/api/targets/${created.id}?version=${created.version}`, {
      method: "DELETE",
      token,
    });
    expect(staleDelete.status).toBe(409);
    const deleted = await t.request(`/api/targets/${created.id}?version=${updated.version}`, {
      method: "DELETE",
      token,
    });
    expect(deleted.status).toBe(204);
    expect((await t.request(`/api/targets/${created.id}`, { token })).status).toBe(404);
  });

  it("hides another office's target behind 404", async () => {
    const res = await t.request("/api/targets", {
      method: "POST",
      token: await t.login(AS.managerSumbagsel),
      json: { officeId: "kc-palembang", year: 2026, segment: "bpu", kind: "absolute", value: 2_400 },
    });
    const { id } = (await res.json()) as { id: string };
    expect((await t.request(`/api/targets/${id}`, { token: await t.login(AS.managerBlitar) })).status).toBe(
      404,
    );
    const list = (await (
      await t.request("/api/targets", { token: await t.login(AS.managerBlitar) })
    ).json()) as {
      officeId: string;
    }[];
    expect(list.every((x) => x.officeId === "kc-blitar")).toBe(true);
  });
});

describe("roles and scope of the progress reads", () => {
  it("refuses targets to staff and partners, and progress to partners", async () => {
    for (const who of [AS.staffMadiun, AS.partnerDinkopSumsel]) {
      const res = await t.request("/api/targets", { token: await t.login(who) });
      expect(res.status).toBe(403);
    }
    const partner = await t.request("/api/targets/progress/offices", {
      token: await t.login(AS.partnerDinkopSumsel),
    });
    expect(partner.status).toBe(403);
  });

  it("lets staff read their own branch only, with 403 naming officeId elsewhere", async () => {
    const token = await t.login(AS.staffMadiun);
    const overview = (await (await t.request("/api/targets/progress/offices", { token })).json()) as {
      offices: { office: { id: string } }[];
    };
    expect(overview.offices.map((o) => o.office.id)).toEqual(["kc-madiun"]);
    expect((await t.request("/api/targets/progress/offices/kc-madiun", { token })).status).toBe(200);
    const e = await errorOf(await t.request("/api/targets/progress/offices/kc-blitar", { token }), 403);
    expect(paths(e)).toEqual(["officeId"]);
  });

  it("400 naming the query field for a month outside the year or a regency outside the office", async () => {
    const token = await t.login(AS.managerBlitar);
    const asOf = await errorOf(
      await t.request("/api/targets/progress/offices/kc-blitar?year=2021&asOf=2022-01", { token }),
      400,
    );
    expect(paths(asOf)).toEqual(["asOf"]);
    const regency = await errorOf(
      await t.request("/api/targets/progress/offices/kc-blitar?regency=35.73", { token }),
      400,
    );
    expect(paths(regency)).toEqual(["regency"]);
    const badMonth = await errorOf(
      await t.request("/api/targets/progress/offices?asOf=2026-13", { token }),
      400,
    );
    expect(paths(badMonth)).toEqual(["asOf"]);
  });
});

describe("baselines", () => {
  it("refuses a future year, a foreign regency, a negative total and another office's baseline", async () => {
    const token = await t.login(AS.managerBlitar);
    const put = (json: Record<string, unknown>) =>
      t.request("/api/targets/baselines", { method: "PUT", token, json });
    const base = { officeId: "kc-blitar", year: 2020, segment: "bpu", total: 3_650 };
    expect(paths(await errorOf(await put({ ...base, year: 2090 }), 400))).toEqual(["year"]);
    expect(paths(await errorOf(await put({ ...base, regencyCode: "35.73" }), 400))).toEqual(["regencyCode"]);
    expect(paths(await errorOf(await put({ ...base, total: -1 }), 400))).toEqual(["total"]);
    expect(paths(await errorOf(await put({ ...base, officeId: "kc-malang" }), 403))).toEqual(["officeId"]);
    expect((await put({ ...base, regencyCode: "35.72", total: 2_150 })).status).toBe(200);
  });

  it("refuses to delete a baseline a growth target rests on", async () => {
    const token = await t.login(AS.managerJatim);
    const res = await t.request("/api/targets/baselines", {
      method: "PUT",
      token,
      json: { officeId: "kc-madiun", year: 2019, segment: "bpu", total: 2_298 },
    });
    const { id } = (await res.json()) as { id: string };
    const created = await t.request("/api/targets", {
      method: "POST",
      token,
      json: {
        officeId: "kc-madiun",
        year: 2021,
        segment: "bpu",
        kind: "growth",
        growthPct: 50,
        baselineYear: 2019,
      },
    });
    expect(((await created.json()) as { value: number }).value).toBe(3_447);
    const e = await errorOf(
      await t.request(`/api/targets/baselines/${id}`, { method: "DELETE", token }),
      409,
    );
    expect(e.code).toBe("baseline_in_use");
  });

  it("imports the good rows of a CSV and reports each bad one by line and field", async () => {
    const token = await t.login(AS.managerJatim);
    const csv = [
      "kantor,tahun,segmen,kab_kota,jumlah,sumber",
      "KC-MALANG,2018,bpu,,20.500,laporan",
      "KC-MALANG,2018,pu,,150000,",
      "KC-PALEMBANG,2018,bpu,,100,", // outside Jawa Timur
      "KC-MALANG,2018,bpu,35.73,-5,", // negative
      "KC-MALANG,2095,bpu,,10,", // future
      "KC-ATLANTIS,2018,bpu,,10,", // unknown office
      "KC-MALANG,2018,umkm,,10,", // unknown segment
      "KC-MALANG,2018,bpu,35.72,10,", // Kota Blitar is not Malang's
      "KC-MALANG,2018,bpu,,20.600,", // repeats line 2
      "KC-MALANG,2018,bpu,35.73,9000,",
    ].join("\r\n");
    const send = (dryRun: boolean) =>
      t.request(`/api/targets/baselines/import?dryRun=${dryRun}`, {
        method: "POST",
        token,
        body: csv,
        headers: { "Content-Type": "text/csv; charset=utf-8" },
      });
    const dry = (await (await send(true)).json()) as { imported: number; valid: number };
    expect(dry).toMatchObject({ imported: 0, valid: 3 });
    const res = await send(false);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      imported: number;
      rejected: number;
      issues: { row: number; path: string; code: string }[];
    };
    expect(body.imported).toBe(3);
    expect(body.rejected).toBe(7);
    expect(body.issues.map((i) => [i.row, i.path, i.code])).toEqual([
      [4, "officeId", "office_out_of_scope"],
      [5, "total", "invalid"],
      [6, "year", "baseline_in_future"],
      [7, "officeId", "unknown_office"],
      [8, "segment", "invalid"],
      [9, "regencyCode", "not_office_regency"],
      [10, "(row)", "duplicate_row"],
    ]);
    const list = (await (
      await t.request("/api/targets/baselines?officeId=kc-malang&year=2018", { token })
    ).json()) as { segment: string; regencyCode: string; total: number }[];
    expect(list.map((b) => [b.segment, b.regencyCode, b.total])).toEqual([
      ["bpu", "", 20_500],
      ["bpu", "35.73", 9_000],
      ["pu", "", 150_000],
    ]);
  });

  it("asks for CSV and a header with the required columns", async () => {
    const token = await t.login(AS.managerJatim);
    const wrongType = await errorOf(
      await t.request("/api/targets/baselines/import", { method: "POST", token, json: { csv: "x" } }),
      400,
    );
    expect(wrongType.details?.issues?.[0]?.code).toBe("csv_required");
    const res = await t.request("/api/targets/baselines/import", {
      method: "POST",
      token,
      body: "office,year\nKC-MALANG,2018\n",
      headers: { "Content-Type": "text/csv" },
    });
    const body = (await res.json()) as { imported: number; issues: { path: string; code: string }[] };
    expect(body.imported).toBe(0);
    expect(body.issues.map((i) => [i.path, i.code])).toEqual([
      ["segment", "missing_column"],
      ["total", "missing_column"],
    ]);
  });
});
