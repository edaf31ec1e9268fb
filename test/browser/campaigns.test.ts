import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../packages/node/src/seed/demo.ts";
import { AS } from "../support/app.ts";
import { type BrowserApp, startBrowserApp } from "../support/browser.ts";
import { testEnv } from "../support/env.ts";
import { insertSignups } from "../support/signup-fixtures.ts";

/**
 * A manager plans a sarasehan with Dinas Koperasi dan UKM Sumsel from a draft campaign to a
 * reported event through the screens; the assigned staff member finds it under "Tugas
 * saya"; the partner sees it shared — and never an event that is not shared with them.
 */
let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
  mkdirSync("screenshots/tmp", { recursive: true });
});
afterAll(async () => app?.close());

const day = (() => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + 10);
  return d.toISOString().slice(0, 10);
})();
const TITLE = "Sarasehan Perlindungan Pelaku UMKM bersama Dinas Koperasi dan UKM Sumsel";
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `screenshots/tmp/${name}.png`, fullPage: true });

let campaignId = "";
let eventId = "";

describe("campaigns and events through the screens", () => {
  it("manager: drafts a campaign, starts it, plans the sarasehan (server errors beside the fields)", async () => {
    const page = await app.newPage();
    await app.loginAs(page, AS.managerSumbagsel);

    await page.goto("/campaigns/new");
    await page.selectOption('select[name="officeId"]', "kc-palembang");
    await page.fill('input[name="name"]', "Perlindungan UMKM Palembang Semester II");
    await page.fill(
      'textarea[name="objective"]',
      "Anggota koperasi binaan Dinkop UKM Sumsel terdaftar sebagai peserta BPU.",
    );
    await page.fill('input[name="targetSignups"]', "300");
    await page.fill('input[name="budget"]', "60000000");
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    campaignId = new URL(page.url()).pathname.split("/").pop() ?? "";
    await expect.poll(() => page.locator(".campaign-page").getAttribute("data-status")).toBe("draft");
    await page.click('button[data-to="active"]');
    await expect.poll(() => page.locator(".campaign-page").getAttribute("data-status")).toBe("active");
    await shot(page, "campaign-detail");

    await page.click(`a[href="/events/new?campaign=${campaignId}"]`);
    await page.waitForURL(/\/events\/new/);
    await page.locator(".type-option", { hasText: "Sarasehan" }).click();
    await page.fill('input[name="title"]', TITLE);
    // The end before the start: the server's rule shows beside the end field.
    await page.fill('input[name="startLocal"]', `${day}T13:00`);
    await page.fill('input[name="endLocal"]', `${day}T09:00`);
    await page.fill('input[name="venue"]', "Hotel Swarna Dwipa, Palembang");
    await expect.poll(() => page.locator('select[name="province"]').inputValue()).toBe("16");
    await page.selectOption('select[name="regency"]', "16.71");
    await page.fill('input[name="expectedAttendance"]', "150");
    await page.fill('input[name="targetSignups"]', "120");
    await page.fill('input[name="plannedBudget"]', "45000000");
    await page.check(`input[name="partner"][value="${DEMO_IDS.partners.dinkopSumsel}"]`);
    await page.check(`input[name="staff"][value="${DEMO_IDS.users.staffPalembang}"]`);
    await page.check('input[name="sharedWithPartners"]');
    expect(await page.locator(".zone-note").textContent()).toContain("WIB");
    await page.click('button[type="submit"]');
    await expect
      .poll(() => page.locator('[data-error-for="endLocal"]').textContent())
      .toBe("Waktu selesai harus sesudah waktu mulai.");
    await shot(page, "event-form-error");

    await page.fill('input[name="startLocal"]', `${day}T09:00`);
    await page.fill('input[name="endLocal"]', `${day}T13:00`);
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
    eventId = new URL(page.url()).pathname.split("/").pop() ?? "";
    await expect.poll(() => page.locator(".event-page").getAttribute("data-status")).toBe("planned");
    expect(await page.getByTestId("when").textContent()).toMatch(/09\.00–13\.00 WIB/);
    expect(await page.getByTestId("partners").textContent()).toContain(
      "Dinas Koperasi dan UKM Provinsi Sumatera Selatan",
    );
    expect(await page.getByTestId("staff").textContent()).toContain("Dolly Rosana");
    await page.click('button[data-to="confirmed"]');
    await expect.poll(() => page.locator(".event-page").getAttribute("data-status")).toBe("confirmed");
    await shot(page, "event-page-confirmed");

    await page.goto(`/events/calendar?date=${day}`);
    const chip = page.locator(`.cal-event[data-event-id="${eventId}"]`);
    await expect.poll(() => chip.textContent()).toContain("09.00 WIB");
    await shot(page, "calendar-month");
    await page.goto(`/events/calendar?view=week&date=${day}`);
    await expect.poll(() => chip.count()).toBe(1);
    await shot(page, "calendar-week");
    await page.context().close();
  });

  it("staff: sees the assignment first, marks it held and records the outcome", async () => {
    const page = await app.newPage();
    await app.loginAs(page, AS.staffPalembang);
    await page.goto("/events");
    const mine = page.locator('[data-list="mine"]');
    await expect.poll(() => mine.locator(`[data-event-id="${eventId}"]`).count()).toBe(1);
    expect(await page.locator('[data-list="all"]').locator(`[data-event-id="${eventId}"]`).count()).toBe(0);
    await shot(page, "events-staff");

    await mine.locator(`[data-event-id="${eventId}"]`).click();
    await page.waitForURL(`**/events/${eventId}`);
    await expect.poll(() => page.getByTestId("assigned").isVisible()).toBe(true);
    // Staff move the event along only where it is theirs to: no confirm, no cancel.
    expect(await page.locator('button[data-to="cancelled"]').count()).toBe(0);
    await page.click('button[data-to="held"]');
    await expect.poll(() => page.locator(".event-page").getAttribute("data-status")).toBe("held");
    await expect.poll(() => page.getByTestId("report-missing").textContent()).toContain("Notulen");

    await page.fill('input[name="attendance"]', "164");
    await page.fill('input[name="actualCost"]', "41500000");
    await page.fill(
      'textarea[name="minutes"]',
      "Sarasehan dibuka Kepala Kantor Cabang. Dinkop UKM Sumsel mencatat ±4.000 koperasi; disepakati pendataan anggota koperasi untuk didaftarkan sebagai peserta BPU.",
    );
    await page.click('[data-testid="outcome"] button[type="submit"]');
    await expect.poll(() => page.getByTestId("report-missing").count()).toBe(0);
    await page.fill('input[name="action"]', "Kirim daftar anggota koperasi untuk pendataan");
    await page.fill('input[name="ownerName"]', "Dinkop UKM Sumsel");
    await page.click('.action-form button[type="submit"]');
    await expect
      .poll(() => page.getByTestId("followups").textContent())
      .toContain("Kirim daftar anggota koperasi");
    await page.context().close();
  });

  it("manager: sees sign-ups and yield, reports the event and prints the report", async () => {
    const month = new Date().toISOString().slice(0, 7);
    await insertSignups(app.db, testEnv(), [
      ...Array.from({ length: 60 }, () => ({ eventId, signupMonth: month, occupation: "pemilik_umkm" })),
      ...Array.from({ length: 23 }, () => ({ eventId, signupMonth: month, occupation: "pedagang_pasar" })),
      ...Array.from({ length: 17 }, () => ({
        eventId,
        signupMonth: month,
        occupation: "penjahit",
        payer: "csr" as const,
      })),
    ]);
    const page = await app.newPage();
    await app.loginAs(page, AS.managerSumbagsel);
    await page.goto(`/events/${eventId}`);
    await expect.poll(() => page.getByTestId("live-signups").textContent()).toMatch(/^100/);
    const yieldText = (await page.getByTestId("yield").textContent()) ?? "";
    expect(yieldText).toContain("83 %"); // 100 of 120
    expect(yieldText).toContain("Rp415.000"); // Rp41,500,000 / 100
    expect(yieldText).toContain("0,61"); // 100 sign-ups / 164 attendees
    await page.click('button[data-to="reported"]');
    await expect.poll(() => page.locator(".event-page").getAttribute("data-status")).toBe("reported");
    await shot(page, "event-page-reported");

    await page.goto(`/events/${eventId}/report`);
    await expect.poll(() => page.locator('[data-figure="signups"] strong').textContent()).toBe("100");
    expect(await page.locator(".report-table").first().textContent()).toContain(
      "Pemilik usaha mikro dan kecil (UMKM)",
    );
    expect(await page.locator(".minutes").textContent()).toContain("pendataan anggota koperasi");
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".topbar").isVisible()).toBe(false);
    await shot(page, "event-report-print");
    await page.context().close();
  });

  it("partner: sees the shared sarasehan with totals only, and never an unshared event", async () => {
    const page = await app.newPage();
    await app.loginAs(page, AS.partnerDinkopSumsel);
    await page.click('a[href="/partner/events"]');
    await page.waitForURL("**/partner/events");
    const card = page.locator(`.shared-event[data-event-id="${eventId}"]`);
    await expect.poll(() => card.textContent()).toContain(TITLE);
    expect(await card.getByTestId("shared-signups").textContent()).toBe("100 / 120");
    const text = (await page.locator(".partner-events").textContent()) ?? "";
    for (const hidden of ["Dolly", "41.500.000", "notulen", "Kepala Kantor Cabang", "Musiawati"]) {
      expect(text).not.toContain(hidden);
    }
    expect(await page.locator(`[data-event-id="${DEMO_IDS.events.sosialisasiMadiun}"]`).count()).toBe(0);
    await shot(page, "partner-events");

    await card.locator("a").first().click();
    await page.waitForURL(`**/partner/events/${eventId}`);
    await expect.poll(() => page.locator(".shared-event").textContent()).toContain("Pemilik usaha mikro");
    await shot(page, "partner-event");

    // An event not shared with this partner is not reachable, by page or by API.
    for (const other of [
      DEMO_IDS.events.sosialisasiMadiun,
      DEMO_IDS.events.geraiMalang,
      DEMO_IDS.events.rakorSolo,
    ]) {
      const status = await page.evaluate(
        async (id) => (await fetch(`/api/events/shared/${id}`)).status,
        other,
      );
      expect(status).toBe(404);
      expect(await page.evaluate(async (id) => (await fetch(`/api/events/${id}`)).status, other)).toBe(403);
    }
    await page.goto(`/partner/events/${DEMO_IDS.events.geraiMalang}`);
    await expect.poll(() => page.locator(".load-error").textContent()).toBe("Kegiatan tidak ditemukan.");
    expect(await page.locator(".shared-event").count()).toBe(0);
    await page.context().close();
  });

  it("campaign list shows the new campaign with its sign-ups", async () => {
    const page = await app.newPage();
    await app.loginAs(page, AS.managerSumbagsel);
    await page.goto("/campaigns");
    const card = page.locator(`[data-campaign-id="${campaignId}"]`);
    await expect.poll(() => card.textContent()).toContain("100");
    await shot(page, "campaigns-list");
    await page.goto("/events?office=kc-palembang");
    await expect.poll(() => page.locator(`[data-event-id="${eventId}"]`).count()).toBe(1);
    await shot(page, "events-manager");
    await page.context().close();
  });
});
