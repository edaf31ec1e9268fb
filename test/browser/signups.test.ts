import { mkdirSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, signups } from "../../packages/shared/src/schema/index.ts";
import { madiunRecord } from "../api/enrolment/records.ts";
import { AS } from "../support/app.ts";
import { type BrowserApp, startBrowserApp } from "../support/browser.ts";

let app: BrowserApp;
const records = [
  madiunRecord({ fullName: "Suparmi Handayani" }),
  madiunRecord({ fullName: "Gatot Wibowo", occupation: "ojek" }),
];

beforeAll(async () => {
  app = await startBrowserApp();
  mkdirSync("screenshots/tmp", { recursive: true });
  // Recorded through the real API, as a tablet would.
  const password = app.logins.find((l) => l.email === AS.staffMadiun)?.password;
  const login = await fetch(`${app.baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: AS.staffMadiun, password }),
  });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${app.baseUrl}/api/enrolment/signups/batch`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ records }),
  });
  expect(res.status).toBe(200);
});
afterAll(async () => app?.close());

describe("sign-up list and detail", () => {
  it("lists sign-ups in scope with masked NIKs, reveals one on request and moves it through its life", async () => {
    const page = await app.newPage();
    await app.loginAs(page, AS.managerJatim);
    await page.goto("/signups");
    await page.waitForSelector("tr[data-signup-id]");
    const nikCells = await page.locator("tbody td.mono").allTextContents();
    expect(nikCells).toHaveLength(2);
    for (const text of nikCells) expect(text).toMatch(/^\d{4}•{8}\d{4}$/);
    const html = await page.content();
    for (const r of records) expect(html).not.toContain(r.nik);
    await page.screenshot({ path: "screenshots/tmp/signups-list.png" });

    const target = records[0];
    await page.click(`tr[data-signup-id="${target?.id}"] a`);
    await page.waitForSelector("[data-nik]");
    expect(await page.locator("[data-nik]").textContent()).toMatch(/•{8}/);

    await page.getByRole("button", { name: "Tampilkan NIK" }).click();
    await expect.poll(() => page.locator("[data-nik]").textContent()).toBe(target?.nik);
    await page.getByRole("button", { name: "Sembunyikan" }).click();
    await expect.poll(() => page.locator("[data-nik]").textContent()).toMatch(/•{8}/);

    await page.getByRole("button", { name: "Tandai terverifikasi" }).click();
    await page.waitForSelector('input[name="kpj"]');
    await page.fill('input[name="kpj"]', "21077700011");
    await page.getByRole("button", { name: "Daftarkan dengan KPJ" }).click();
    await expect.poll(() => page.locator("h1 + .badge").textContent()).toBe("Terdaftar (KPJ)");
    await page.screenshot({ path: "screenshots/tmp/signup-detail.png", fullPage: true });

    const [row] = await app.db
      .select()
      .from(signups)
      .where(eq(signups.id, target?.id ?? ""));
    expect(row?.status).toBe("registered");
    const reveals = await app.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.entityId, row?.participantId ?? ""), eq(auditLog.action, "participant.nik_revealed")),
      );
    expect(reveals).toHaveLength(1);
    await page.context().close();
  });

  it("offers no reveal to staff without the permission", async () => {
    const page = await app.newPage();
    await app.loginAs(page, AS.staffMadiun);
    await page.goto(`/signups/${records[1]?.id}`);
    await page.waitForSelector("[data-nik]");
    expect(await page.getByRole("button", { name: "Tampilkan NIK" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Hapus pendaftaran" }).count()).toBe(0);
    await page.context().close();
  });
});
