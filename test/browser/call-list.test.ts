import { mkdirSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../packages/node/src/seed/demo.ts";
import { addMonths } from "../../packages/shared/src/domain/calendar/index.ts";
import { monthInTimeZone } from "../../packages/shared/src/domain/retention/index.ts";
import { rebuildRetentionRollups } from "../../packages/shared/src/rollups/retention.ts";
import { contributions, followupTasks, signups } from "../../packages/shared/src/schema/index.ts";
import { generateFollowups } from "../../workers/enrolment/src/followups/service.ts";
import { AS } from "../support/app.ts";
import { type BrowserApp, startBrowserApp } from "../support/browser.ts";
import { testEnv } from "../support/env.ts";
import { insertSignups } from "../support/signup-fixtures.ts";

const BLITAR = DEMO_IDS.events.jemputBolaBlitar;
const month = (ago: number) => addMonths(monthInTimeZone(new Date(), "WIB"), -ago);

let app: BrowserApp;

beforeAll(async () => {
  mkdirSync("screenshots/tmp", { recursive: true });
  app = await startBrowserApp({
    seed: async (db) => {
      // Blitar's homework: people who paid a few months and stopped, one who never came back.
      const people = [
        { fullName: "Sulastri Wahyuni", signupMonth: month(2), paid: [month(2)] },
        { fullName: "Slamet Riyadi", signupMonth: month(3), paid: [month(3), month(2)] },
        { fullName: "Bambang Sutrisno", signupMonth: month(7), paid: [month(7)] },
        { fullName: "Endang Lestari", signupMonth: month(9), paid: [month(9), month(8), month(7)] },
        { fullName: "Suparmi Handayani", signupMonth: month(1), paid: [], payer: "paguyuban" as const },
      ];
      const ids = await insertSignups(
        db,
        testEnv(),
        people.map((p, i) => ({
          eventId: BLITAR,
          signupMonth: p.signupMonth,
          status: "registered" as const,
          fullName: p.fullName,
          phone: `+62812345678${i}0`,
          occupation: "pedagang_pasar",
          payer: p.payer ?? "self",
          sponsorPartnerId: p.payer ? DEMO_IDS.partners.paguyubanPasarBlitar : null,
        })),
      );
      const rows = await db.select().from(signups);
      for (const [i, p] of people.entries()) {
        const s = rows.find((r) => r.id === ids[i]);
        if (!s) continue;
        for (const m of p.paid) {
          await db.insert(contributions).values({
            id: crypto.randomUUID(),
            participantId: s.participantId,
            signupId: s.id,
            month: m,
            payer: "self",
            amount: 16_800,
            expectedAmount: 16_800,
            source: "import",
          });
        }
      }
      await generateFollowups(db, { officeIds: null, now: new Date() });
      await rebuildRetentionRollups(db, new Date());
    },
  });
});
afterAll(async () => app?.close());

describe("a staff member works the call list", () => {
  it("sees the calls by kind, calls or messages, and logs outcomes", async () => {
    const page = await app.newPage();
    await app.loginAs(page, AS.staffBlitar);
    await page.goto("/followups");
    await page.waitForSelector(".fu-card");

    // Arrears first, then those who lapsed; the paguyuban member is their coordinator's call.
    const kinds = await page
      .locator(".fu-group")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
    expect(kinds).toEqual(["arrears", "reactivation"]);
    await expect.poll(() => page.locator(".fu-card").count()).toBe(4);
    expect(await page.locator(".fu-card .fu-name").allTextContents()).not.toContain("Suparmi Handayani");

    const card = page.locator(".fu-card", { hasText: "Sulastri Wahyuni" });
    expect(await card.locator('[data-action="call"]').getAttribute("href")).toBe("tel:+6281234567800");
    const wa = (await card.locator('[data-action="whatsapp"]').getAttribute("href")) ?? "";
    expect(wa.startsWith("https://wa.me/6281234567800?text=")).toBe(true);
    const text = decodeURIComponent(wa.split("?text=")[1] ?? "");
    expect(text).toContain("Halo Bapak/Ibu Sulastri,");
    expect(text).toContain("Yuli Astuti — BPJS Ketenagakerjaan Kantor Cabang Blitar");

    await card.locator("summary").click();
    await page.screenshot({ path: "screenshots/tmp/call-list-staff.png", fullPage: true });

    // A promise keeps the call on the list; a payment closes it.
    await card.locator("input").fill("Bayar hari Jumat setelah pasaran");
    await card.locator('[data-outcome="promised"]').click();
    await expect.poll(() => card.locator(".fu-feedback").textContent()).toBe("Hasil dicatat: Janji bayar");
    expect(await card.getAttribute("data-status")).toBe("open");
    expect(await card.locator(".badge").first().textContent()).toBe("Terakhir: Janji bayar");

    const paid = page.locator(".fu-card", { hasText: "Slamet Riyadi" });
    await paid.locator('[data-outcome="paid"]').click();
    await expect.poll(() => paid.getAttribute("data-status")).toBe("done");
    await page.screenshot({ path: "screenshots/tmp/call-list-outcomes.png", fullPage: true });

    const tasks = await app.db
      .select()
      .from(followupTasks)
      .where(eq(followupTasks.assigneeUserId, DEMO_IDS.users.staffBlitar));
    const byOutcome = Object.fromEntries(tasks.filter((x) => x.outcome).map((x) => [x.outcome, x]));
    expect(byOutcome.promised).toMatchObject({
      status: "open",
      outcomeNote: "Bayar hari Jumat setelah pasaran",
    });
    expect(byOutcome.paid).toMatchObject({ status: "done" });

    // After a reload the paid call has left the list of calls to make, and is under "Selesai".
    await page.reload();
    await expect.poll(() => page.locator(".fu-card").count()).toBe(3);
    await page.getByRole("button", { name: "Selesai" }).click();
    await expect.poll(() => page.locator(".fu-card .fu-name").allTextContents()).toEqual(["Slamet Riyadi"]);

    // The printable list: no buttons, a line to tick the outcome by hand.
    await page.getByRole("button", { name: "Perlu dihubungi" }).click();
    await page.waitForSelector(".fu-card");
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: "screenshots/tmp/call-list-print.png", fullPage: true });
    expect(await page.locator(".fu-outcomes").first().isVisible()).toBe(false);
    await page.context().close();
  });

  it("gives the paguyuban coordinator their members only, by first name", async () => {
    const page = await app.newPage();
    await app.loginAs(page, AS.partnerPaguyubanBlitar);
    await page.goto("/followups");
    await page.waitForSelector(".fu-card");
    expect(await page.locator(".fu-card .fu-name").allTextContents()).toEqual(["Suparmi"]);
    await page.screenshot({ path: "screenshots/tmp/call-list-coordinator.png", fullPage: true });
    await page.context().close();
  });

  it("shows a manager the retention funnel of the branch", async () => {
    const page = await app.newPage();
    await app.loginAs(page, AS.managerBlitar);
    await page.goto("/retention");
    await page.waitForSelector(".ret-funnel");
    expect(await page.locator('.ret-funnel li[data-stage="signedUp"] .ret-count').textContent()).toBe("5");
    expect(await page.locator('.ret-funnel li[data-stage="firstPayment"] .ret-count').textContent()).toBe(
      "4",
    );
    await page.screenshot({ path: "screenshots/tmp/retention-manager.png", fullPage: true });
    await page.context().close();
  });
});
