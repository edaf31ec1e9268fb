import { mkdirSync } from "node:fs";
import { eq, inArray } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../packages/node/src/seed/demo.ts";
import { participants, signups } from "../../packages/shared/src/schema/index.ts";
import { AS } from "../support/app.ts";
import { type BrowserApp, startBrowserApp } from "../support/browser.ts";

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
  mkdirSync("screenshots/tmp", { recursive: true });
});
afterAll(async () => app?.close());

const PEOPLE = [
  {
    nik: "3577014503850007",
    name: "Siti Aminah",
    sex: "F",
    birth: "1985-03-05",
    occupation: "pedagang_keliling",
  },
  { nik: "3577011207790011", name: "Slamet Riyadi", sex: "M", birth: "1979-07-12", occupation: "becak" },
  { nik: "3577026110920003", name: "Dewi Lestari", sex: "F", birth: "1992-10-21", occupation: "ojek" },
] as const;

interface Person {
  nik: string;
  name: string;
  sex: "M" | "F";
  birth: string;
  occupation: string;
}

async function record(page: Page, p: Person) {
  await page.fill('input[name="nik"]', p.nik);
  await page.fill('input[name="fullName"]', p.name);
  await page.check(`input[name="sex"][value="${p.sex}"]`);
  await page.fill('input[name="birthDate"]', p.birth);
  await page.fill('input[name="phone"]', "0813 3570 2211");
  await page.selectOption('select[name="occupation"]', p.occupation);
  await page.selectOption('select[name="villageCode"]', "35.77.01.1001");
  await page.check('input[name="payer"][value="apbd"]');
  await page.selectOption('select[name="sponsorPartnerId"]', DEMO_IDS.partners.pemkotMadiun);
  await page.check('input[name="consentGiven"]');
  await page.getByRole("button", { name: "Simpan pendaftaran" }).click();
  await page.waitForFunction(
    () => (document.querySelector<HTMLInputElement>('input[name="nik"]')?.value ?? "x") === "",
  );
}

const waitingText = (page: Page) => page.locator(".sync-status .badge").textContent();

describe("capture at a venue without signal", () => {
  it("records sign-ups offline, survives a reload, and stores each exactly once when the network returns", async () => {
    const page = await app.newPage();
    const context = page.context();
    await app.loginAs(page, AS.staffMadiun);
    expect(new URL(page.url()).pathname).toBe("/capture");
    // The service worker must control the page before the network goes away.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    await page.click(`[data-event-id="${DEMO_IDS.events.sosialisasiMadiun}"]`);
    await page.waitForSelector('input[name="nik"]');
    // The contribution follows the choices live: an APBD-paid becak driver pays Rp16.800.
    await page.selectOption('select[name="occupation"]', "becak");
    await page.check('input[name="payer"][value="apbd"]');
    await expect.poll(() => page.locator("[data-contribution]").textContent()).toBe("Rp16.800");
    await page.screenshot({ path: "screenshots/tmp/capture-form.png", fullPage: true });

    await context.setOffline(true);
    await expect.poll(() => page.locator(".sync-status").textContent()).toContain("Luring");
    for (const person of PEOPLE) await record(page, person);
    await expect.poll(() => waitingText(page)).toBe("3 menunggu");
    const ids = await page.$$eval(".outbox-list li[data-outbox-id]", (els) =>
      els.map((e) => (e as HTMLElement).dataset.outboxId as string),
    );
    expect(ids).toHaveLength(3);

    // Logging out is refused while records wait.
    await page.getByRole("button", { name: "Keluar" }).click();
    await expect.poll(() => page.locator(".notice").textContent()).toContain("3 pendaftaran");
    expect(new URL(page.url()).pathname).toBe("/capture");

    // Offline reload: the service worker serves the shell and the capture chunk; the outbox is in IndexedDB.
    await page.reload();
    await expect.poll(() => waitingText(page), { timeout: 15_000 }).toBe("3 menunggu");
    await page.waitForSelector('input[name="nik"]');
    await page.screenshot({ path: "screenshots/tmp/capture-offline.png", fullPage: false });
    expect(await app.db.select().from(signups).where(inArray(signups.id, ids))).toHaveLength(0);

    await context.setOffline(false);
    await expect.poll(() => waitingText(page), { timeout: 30_000, interval: 500 }).toBe("0 menunggu");
    await page.screenshot({ path: "screenshots/tmp/capture-synced.png", fullPage: false });

    const stored = await app.db.select().from(signups).where(inArray(signups.id, ids));
    expect(stored).toHaveLength(3);
    // Each person once: one participant and one sign-up per NIK.
    const people = await app.db
      .select({ name: participants.fullName, id: signups.id })
      .from(signups)
      .innerJoin(participants, eq(participants.id, signups.participantId))
      .where(
        inArray(
          participants.fullName,
          PEOPLE.map((p) => p.name),
        ),
      );
    expect(people.map((p) => p.name).sort()).toEqual(PEOPLE.map((p) => p.name).sort());
    expect(people.map((p) => p.id).sort()).toEqual([...ids].sort());
    expect(stored.every((s) => s.payer === "apbd" && s.monthlyContribution === 16_800)).toBe(true);
    await context.close();
  });

  it("shows each rule's message on the tablet before anything is saved", async () => {
    const page = await app.newPage();
    await app.loginAs(page, AS.staffMadiun);
    await page.click(`[data-event-id="${DEMO_IDS.events.sosialisasiMadiun}"]`);
    await page.fill('input[name="nik"]', "3577014503850000");
    await page.fill('input[name="fullName"]', "S");
    await page.check('input[name="sex"][value="M"]');
    await page.fill('input[name="birthDate"]', "1985-03-05");
    await page.fill('input[name="phone"]', "021 555 1234");
    await page.getByRole("button", { name: "Simpan pendaftaran" }).click();
    const errors = await page
      .locator(".field-error[data-field]")
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.field));
    expect(errors).toEqual(
      expect.arrayContaining(["nik", "fullName", "phone", "occupation", "villageCode", "consentGiven"]),
    );
    expect(await page.locator(".form-actions .error").textContent()).toBe(
      "Periksa isian yang ditandai merah.",
    );
    await page.screenshot({ path: "screenshots/tmp/capture-errors.png", fullPage: true });
    await page.context().close();
  });

  it("decodes the NIK while typing, warns of a duplicate, and lets staff discard a refused record", async () => {
    const page = await app.newPage();
    page.on("dialog", (dialog) => void dialog.accept());
    await app.loginAs(page, AS.staffMadiun);
    await page.click(`[data-event-id="${DEMO_IDS.events.sosialisasiMadiun}"]`);
    const person = {
      nik: "3577025708880004",
      name: "Wartini Susilowati",
      sex: "F",
      birth: "1988-08-17",
      occupation: "pedagang_keliling",
    } satisfies Person;
    await record(page, person);
    await expect
      .poll(() => page.locator(".outbox-counts .sent").textContent(), { timeout: 15_000 })
      .toBe("1 terkirim");

    await page.fill('input[name="nik"]', person.nik);
    await expect
      .poll(() => page.locator(".nik-facts").textContent())
      .toContain("Dari NIK: Perempuan, lahir 17 Agustus 1988");
    await expect
      .poll(() => page.locator("[data-duplicate]").textContent(), { timeout: 10_000 })
      .toContain("NIK ini sudah terdaftar: Sosialisasi Jaminan Sosial Pekerja Informal");
    await page.fill('input[name="birthDate"]', "1988-08-18");
    await expect
      .poll(() => page.locator(".field-warn").first().textContent())
      .toContain("Tanggal lahir tidak sama");
    await page.screenshot({ path: "screenshots/tmp/capture-duplicate.png" });
    await page.fill('input[name="nik"]', "");

    // Offline, the tablet cannot know: the duplicate is saved, sent later, refused, and resolved here.
    await page.context().setOffline(true);
    await record(page, person);
    await page.context().setOffline(false);
    await expect
      .poll(() => page.locator(".outbox-counts .problems").textContent(), { timeout: 30_000 })
      .toBe("1 perlu diperbaiki");
    expect(await page.locator("li.problem").textContent()).toContain("NIK sudah terdaftar");
    await page.screenshot({ path: "screenshots/tmp/capture-conflict.png" });
    await page.locator("li.problem").getByRole("button", { name: "Buang" }).click();
    await expect
      .poll(() => page.locator(".outbox-counts .problems").textContent())
      .toBe("0 perlu diperbaiki");
    const stored = await app.db
      .select({ id: signups.id })
      .from(signups)
      .innerJoin(participants, eq(participants.id, signups.participantId))
      .where(eq(participants.fullName, person.name));
    expect(stored).toHaveLength(1);
    await page.context().close();
  });
});
