import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AS } from "../support/app.ts";
import { type BrowserApp, startBrowserApp } from "../support/browser.ts";

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
  mkdirSync("screenshots/tmp", { recursive: true });
});
afterAll(async () => app?.close());

describe("every role logs in through the form and lands on its home screen", () => {
  it.each([
    ["admin", AS.admin, "/dashboard", "Admin"],
    ["manager", AS.managerJatim, "/dashboard", "Manajer"],
    ["staff", AS.staffMadiun, "/capture", "Petugas"],
    ["partner", AS.partnerDinkopSumsel, "/partner", "Mitra"],
  ])("%s", async (role, email, home, badge) => {
    const page = await app.newPage();
    await app.loginAs(page, email);
    expect(new URL(page.url()).pathname).toBe(home);
    await expect.poll(() => page.locator(".who .badge").textContent()).toBe(badge);
    await page.screenshot({ path: `screenshots/tmp/home-${role}.png` });
    await page.context().close();
  });

  it("shows the login error in Bahasa Indonesia for a wrong password", async () => {
    const page = await app.newPage();
    await page.goto("/login");
    await page.fill('input[name="email"]', AS.managerBlitar);
    await page.fill('input[name="password"]', "salah-sekali");
    await page.click('button[type="submit"]');
    await expect
      .poll(() => page.locator('[role="alert"]').textContent())
      .toBe("Email atau kata sandi salah.");
    await page.context().close();
  });

  it("switches the interface to English", async () => {
    const page = await app.newPage();
    await page.goto("/login");
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Sign in to Jangkau");
    await page.context().close();
  });

  it("sends a signed-out visitor to the login page", async () => {
    const page = await app.newPage();
    await page.goto("/dashboard");
    await page.waitForURL(/\/login/);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.context().close();
  });
});
