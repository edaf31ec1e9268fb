import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../packages/node/src/seed/demo.ts";
import { seedDemoTargets } from "../../packages/node/src/seed/demo-targets.ts";
import { dateInTimeZone } from "../../packages/shared/src/domain/index.ts";
import { rollupRetention } from "../../packages/shared/src/schema/index.ts";
import { AS } from "../support/app.ts";
import { type BrowserApp, startBrowserApp } from "../support/browser.ts";
import { testEnv } from "../support/env.ts";
import { insertSignups, type SignupFixture } from "../support/signup-fixtures.ts";

/**
 * A manager's home (targets, gauges, monthly line, events, regencies, drill-down), the
 * targets page, and a partner's aggregate view with "< 5", CSV and print — in chromium.
 */
const E = DEMO_IDS.events;
const now = new Date();
const year = Number(dateInTimeZone(now, "WIB").slice(0, 4));
const thisMonth = Number(dateInTimeZone(now, "WIB").slice(5, 7));
const monthOf = (daysAgo: number) =>
  dateInTimeZone(new Date(now.getTime() - daysAgo * 86_400_000), "WIB").slice(0, 7);
const month = (m: number) => `${year}-${String(m).padStart(2, "0")}`;
const many = (n: number, f: SignupFixture): SignupFixture[] => Array.from({ length: n }, () => ({ ...f }));

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp({
    seed: async (db) => {
      await seedDemoTargets(db, now);
      const fixtures: SignupFixture[] = [
        // Pasar Legi Blitar (shared with the paguyuban): 36 live, 3 of them becak drivers.
        ...many(24, { eventId: E.jemputBolaBlitar, signupMonth: monthOf(60), occupation: "pedagang_pasar" }),
        ...many(9, {
          eventId: E.jemputBolaBlitar,
          signupMonth: monthOf(60),
          occupation: "penjahit",
          payer: "paguyuban",
        }),
        ...many(3, {
          eventId: E.jemputBolaBlitar,
          signupMonth: monthOf(60),
          occupation: "becak",
          payer: "csr",
        }),
        ...many(28, { eventId: E.jemputBolaTulungagung, signupMonth: monthOf(30), occupation: "nelayan" }),
      ];
      // Lists from kelurahan in Kab. Blitar and Kota Malang, month after month.
      for (let m = 1; m <= thisMonth; m++) {
        fixtures.push(
          ...many(6 + m * 2, {
            officeId: "kc-blitar",
            regencyCode: "35.05",
            signupMonth: month(m),
            occupation: "petani",
            source: "kelurahan_list",
            campaignId: DEMO_IDS.campaigns.blitar,
          }),
          ...many(10 + m, {
            officeId: "kc-malang",
            regencyCode: "35.73",
            signupMonth: month(m),
            occupation: "pemilik_umkm",
            source: "kelurahan_list",
          }),
        );
      }
      await insertSignups(db, testEnv(), fixtures);
      // What the retention job would have written for the Pasar Legi cohort: 24 still paying.
      await db.insert(rollupRetention).values({
        scope: "office:kc-blitar",
        cohortMonth: monthOf(60),
        dim: "total",
        key: "",
        signedUp: 36,
        firstPayment: 30,
        activeNow: 24,
      });
    },
  });
  mkdirSync("screenshots/tmp", { recursive: true });
}, 180_000);
afterAll(async () => app?.close());

describe("a manager's dashboard", () => {
  it("shows a gauge per office, the own region in depth, and drills to a branch, a regency and an event", async () => {
    const page = await app.newPage();
    await app.loginAs(page, AS.managerJatim);
    expect(new URL(page.url()).pathname).toBe("/dashboard");

    const cards = page.getByTestId("office-cards");
    await expect.poll(() => cards.locator(".office-card").count()).toBe(4);
    // Malang: +30 % over 2019 → 29,590, starting from 22,761.
    const malang = cards.locator('[data-office="kc-malang"]');
    await expect.poll(() => malang.textContent()).toContain("29.590");
    // Jawa Timur has no target of its own: its branches' targets add up.
    await expect
      .poll(() => page.getByTestId("headline").textContent())
      .toContain("Kantor Wilayah Jawa Timur");
    await expect.poll(() => page.getByTestId("branches").locator("tbody tr").count()).toBe(3);
    await page.locator(".monthly-chart canvas").first().waitFor();
    await page.screenshot({ path: "screenshots/tmp/dashboard-jatim.png", fullPage: true });

    // Drill into Blitar: 15,030 target, monthly plan, regencies with bars, events ranked.
    await page.getByTestId("branches").getByRole("link", { name: "Kantor Cabang Blitar" }).click();
    await expect.poll(() => page.getByTestId("kpi-reached").textContent()).toContain("15.030");
    await expect.poll(() => page.getByTestId("kpi-active").textContent()).toContain("24");
    const regencies = page.getByTestId("regencies");
    await expect.poll(() => regencies.locator("tbody tr").count()).toBe(4);
    await expect
      .poll(() => page.getByTestId("best-events").textContent())
      .toContain("Jemput Bola Pasar Legi Blitar");
    await page.locator(".monthly-chart canvas").first().waitFor();
    await page.screenshot({ path: "screenshots/tmp/dashboard-blitar.png", fullPage: true });

    // Regency → event.
    await regencies.getByRole("link", { name: "Kota Blitar" }).click();
    await expect.poll(() => page.locator(".breadcrumb").textContent()).toContain("Kota Blitar");
    await expect.poll(() => page.getByTestId("kpi-reached").textContent()).toContain("36");
    await page
      .getByTestId("best-events")
      .getByRole("link", { name: /Pasar Legi/ })
      .click();
    await expect.poll(() => page.getByTestId("event-view").textContent()).toContain("Rp200.000");
    await page.screenshot({ path: "screenshots/tmp/dashboard-event.png", fullPage: true });

    // Back up the trail to the region.
    await page.locator(".breadcrumb").getByRole("link", { name: "Kantor Wilayah Jawa Timur" }).click();
    await expect
      .poll(() => page.getByTestId("headline").textContent())
      .toContain("Kantor Wilayah Jawa Timur");
    await page.context().close();
  });

  it("shows Blitar's 2021 at 114 % from the imported year total", async () => {
    const page = await app.newPage();
    await app.loginAs(page, AS.managerBlitar);
    await page.goto("/dashboard?year=2021");
    await expect.poll(() => page.getByTestId("kpi-achievement").textContent()).toContain("114 %");
    await expect.poll(() => page.getByTestId("kpi-reached").textContent()).toContain("17.189");
    await expect.poll(() => page.getByTestId("kpi-growth").textContent()).toContain("2020");
    await page.screenshot({ path: "screenshots/tmp/dashboard-blitar-2021.png", fullPage: true });
    await page.context().close();
  });

  it("shows Sumbagsel's coverage of its potential", async () => {
    const page = await app.newPage();
    await app.loginAs(page, "manajer.sumbagsel@jangkau.test");
    await expect.poll(() => page.getByTestId("kpi-coverage").textContent()).toContain("3,63 %");
    await page.screenshot({ path: "screenshots/tmp/dashboard-sumbagsel.png", fullPage: true });
    await page.context().close();
  });

  it("lets a manager set a growth target from a baseline on the targets page", async () => {
    const page = await app.newPage();
    await app.loginAs(page, AS.managerJatim);
    await page.goto(`/targets?year=${year + 1}`);
    await page.getByRole("button", { name: "Tambah target" }).click();
    const form = page.getByTestId("target-form");
    await form.locator('select[name="officeId"]').selectOption("kc-malang");
    await form.locator('input[name="year"]').fill(String(year + 1));
    await form.getByLabel("Pertumbuhan dari tahun dasar").check();
    await form.locator('input[name="growthPct"]').fill("30");
    await form.locator('input[name="baselineYear"]').fill("2019");
    await expect.poll(() => page.getByTestId("growth-preview").textContent()).toContain("29.590");
    // A baseline year after the target year is refused, naming the field.
    await form.locator('input[name="baselineYear"]').fill(String(year + 2));
    await form.getByRole("button", { name: "Simpan target" }).click();
    await expect
      .poll(() => form.locator(".field-error").first().textContent())
      .toContain("Tahun dasar harus sebelum");
    await page.screenshot({ path: "screenshots/tmp/targets-error.png", fullPage: true });
    await form.locator('input[name="baselineYear"]').fill("2019");
    await form.getByRole("button", { name: "Simpan target" }).click();
    await expect.poll(() => page.getByTestId("targets-table").textContent()).toContain("29.590");
    await page.screenshot({ path: "screenshots/tmp/targets.png", fullPage: true });
    await page.context().close();
  });
});

describe("a partner's view", () => {
  it("shows aggregates with small counts as < 5, a CSV download and a printable page", async () => {
    const page = await app.newPage();
    await app.loginAs(page, AS.partnerPaguyubanBlitar);
    expect(new URL(page.url()).pathname).toBe("/partner");
    const report = page.getByTestId("partner-report");
    await expect.poll(() => page.getByTestId("events-total").textContent()).toContain("36");
    await expect
      .poll(() => page.getByTestId("shared-events").textContent())
      .toContain("Jemput Bola Pasar Legi Blitar");
    await expect.poll(() => page.getByTestId("by-occupation").textContent()).toContain("< 5");
    const text = (await report.textContent()) ?? "";
    expect(text).not.toMatch(/\d{16}/);
    expect(text).not.toContain("Peserta Uji");
    expect(text).not.toContain("Jemput Bola Nelayan");
    await page.screenshot({ path: "screenshots/tmp/partner.png", fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Unduh CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`progres-mitra-${year}.csv`);
    const csv = await (await download.createReadStream()).toArray();
    const body = Buffer.concat(csv as Buffer[]).toString("utf8");
    expect(body).toContain("kegiatan_per_pekerjaan,becak,Pengayuh becak,<5");
    expect(body).not.toMatch(/\d{16}/);

    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".topbar").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Cetak" }).isVisible()).toBe(false);
    await expect.poll(() => page.locator(".print-header h1").isVisible()).toBe(true);
    await page.screenshot({ path: "screenshots/tmp/partner-print.png", fullPage: true });
    await page.context().close();
  });
});
