import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../../packages/node/src/seed/demo.ts";
import { calendarFeeds } from "../../../packages/shared/src/schema/index.ts";
import { sha256Hex } from "../../../packages/shared/src/security/encoding.ts";
import { AS, createTestApp, type TestApp } from "../../support/app.ts";
import { client, dayFromNow, expectIssue, ok } from "./helpers.ts";

interface Feed {
  id: string;
  url: string;
  path: string;
  officeId: string;
}

const E = DEMO_IDS.events;
let t: TestApp;
let api: ReturnType<typeof client>;
let managerJatim: string;
let managerSumbagsel: string;
let staff: string;
beforeAll(async () => {
  t = await createTestApp();
  api = client(t);
  [managerJatim, managerSumbagsel, staff] = await Promise.all([
    t.login(AS.managerJatim),
    t.login(AS.managerSumbagsel),
    t.login(AS.staffMadiun),
  ]);
});

describe("iCalendar feed per office behind a revocable secret link", () => {
  it("serves RFC 5545 text with UTC times, event ids as UIDs, folded lines and escaped text", async () => {
    // A title with characters iCalendar must escape, long enough to need folding.
    const tricky = await ok<{ id: string; version: number }>(
      await api.post("/api/events", managerJatim, {
        campaignId: DEMO_IDS.campaigns.madiun,
        type: "rapat_koordinasi",
        title:
          "Rakor; pendataan, verifikasi dan validasi pekerja informal bersama lurah & camat se-Kota Madiun — tahap II",
        startLocal: `${dayFromNow(5)}T13:00`,
        endLocal: `${dayFromNow(5)}T15:00`,
        areaCode: "35.77",
        venue: "Aula Bappeda, Jl. Pahlawan No. 37, Madiun",
      }),
      201,
    );
    const feed = await ok<Feed>(
      await api.post("/api/calendar/feeds", managerJatim, { officeId: "kw-jatim" }),
      201,
    );
    expect(feed.path).toMatch(/^\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = feed.path.slice("/api/calendar/".length, -4);
    // Only the hash is stored.
    const [row] = await t.db.select().from(calendarFeeds).where(eq(calendarFeeds.id, feed.id));
    expect(row?.tokenHash).toBe(await sha256Hex(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const res = await t.request(feed.path);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/calendar/);
    const text = await res.text();
    expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    for (const line of text.split("\r\n"))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);

    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    const vevents = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    const uids = vevents.map((v) => v.uid);
    // Jatim and every branch under it (Madiun, Blitar, Malang); never other regions.
    expect(uids).toEqual(
      expect.arrayContaining([E.sosialisasiMadiun, E.jemputBolaBlitar, E.geraiMalang, tricky.id]),
    );
    expect(uids).not.toContain(E.sarasehanPalembang);
    expect(uids).not.toContain(E.rakorSolo);

    const rakor = vevents.find((v) => v.uid === tricky.id);
    expect(rakor?.summary).toBe(
      "Rakor; pendataan, verifikasi dan validasi pekerja informal bersama lurah & camat se-Kota Madiun — tahap II",
    );
    expect(rakor?.location).toBe("Aula Bappeda, Jl. Pahlawan No. 37, Madiun, Kota Madiun");
    expect(rakor?.startDate.toJSDate().toISOString()).toBe(`${dayFromNow(5)}T06:00:00.000Z`);
    expect(text).toContain(`DTSTART:${dayFromNow(5).replaceAll("-", "")}T060000Z`);
    expect(text).toContain("SUMMARY:Rakor\\; pendataan\\, verifikasi");
  });

  it("marks cancelled events STATUS:CANCELLED so subscribed calendars drop them", async () => {
    const e = await ok<{ id: string }>(
      await api.post("/api/events", managerJatim, {
        campaignId: DEMO_IDS.campaigns.malang,
        type: "gerai",
        title: "Gerai yang batal",
        startLocal: `${dayFromNow(4)}T09:00`,
        endLocal: `${dayFromNow(4)}T12:00`,
        areaCode: "35.73",
      }),
      201,
    );
    await ok(
      await api.post(`/api/events/${e.id}/status`, managerJatim, {
        version: 1,
        status: "cancelled",
        cancelReason: "Lokasi banjir",
      }),
    );
    const feed = await ok<Feed>(
      await api.post("/api/calendar/feeds", managerJatim, { officeId: "kc-malang" }),
      201,
    );
    const calendar = new ICAL.Component(ICAL.parse(await (await t.request(feed.path)).text()));
    const vevent = calendar
      .getAllSubcomponents("vevent")
      .find((v) => v.getFirstPropertyValue("uid") === e.id);
    expect(vevent?.getFirstPropertyValue("status")).toBe("CANCELLED");
    const geraiMalang = calendar
      .getAllSubcomponents("vevent")
      .find((v) => v.getFirstPropertyValue("uid") === E.geraiMalang);
    expect(geraiMalang?.getFirstPropertyValue("status")).toBe("TENTATIVE");
  });

  it("stops answering once revoked, and a guessed token never answers", async () => {
    const feed = await ok<Feed>(
      await api.post("/api/calendar/feeds", managerJatim, { officeId: "kc-madiun" }),
      201,
    );
    expect((await t.request(feed.path)).status).toBe(200);
    const list = await ok<{ id: string; revokedAt: string | null }[]>(
      await api.get("/api/calendar/feeds", managerJatim),
    );
    expect(list.find((f) => f.id === feed.id)?.revokedAt).toBeNull();
    expect(JSON.stringify(list)).not.toMatch(/\.ics/);

    // Another region's manager can neither see nor revoke it.
    expect((await api.del(`/api/calendar/feeds/${feed.id}`, managerSumbagsel)).status).toBe(404);
    const revoked = await ok<{ revokedAt: string }>(
      await api.del(`/api/calendar/feeds/${feed.id}`, managerJatim),
    );
    expect(revoked.revokedAt).toEqual(expect.any(String));
    await expectIssue(await t.request(feed.path), 404, "feed_not_found");
    await expectIssue(await t.request(`/api/calendar/${"A".repeat(43)}.ics`), 404, "feed_not_found");
  });

  it("lets only managers of the office create a feed", async () => {
    await expectIssue(
      await api.post("/api/calendar/feeds", managerSumbagsel, { officeId: "kc-madiun" }),
      403,
      "office_out_of_scope",
      "officeId",
    );
    expect((await api.post("/api/calendar/feeds", staff, { officeId: "kc-madiun" })).status).toBe(403);
  });
});
