import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../packages/node/src/seed/demo.ts";
import { AS } from "../support/app.ts";
import { errorOf, type ScenarioApp } from "./app.ts";

interface Planned {
  id: string;
  version: number;
  timeZone: string;
  startsAt: string;
  partners: { id: string }[];
  staff: { id: string }[];
}

const dayFromNow = (days: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * Campaign-worker behaviour that depends on the runtime and the database transport: the
 * guarded batch behind the 409 (one transaction over Hrana on Turso), the iCalendar feed
 * (ical-generator inside workerd), and the partner's 404 — run on Node and in workerd.
 */
export function campaignScenarios(app: () => ScenarioApp) {
  describe("events, concurrency and the calendar feed", () => {
    it("plans an event in Bali (WITA), lets one of two simultaneous edits win, serves and revokes the feed", async () => {
      const manager = await app().login(AS.managerJatim);
      const day = dayFromNow(12);
      const res = await app().request("/api/events", {
        method: "POST",
        token: manager,
        json: {
          campaignId: DEMO_IDS.campaigns.madiun,
          type: "gerai",
          title: "Gerai BPU di Pasar Badung, Denpasar",
          startLocal: `${day}T08:00`,
          endLocal: `${day}T12:00`,
          areaCode: "51.71",
          partners: [{ partnerId: DEMO_IDS.partners.pemkotMadiun, role: "sponsor" }],
          staffIds: [DEMO_IDS.users.staffMadiun],
        },
      });
      expect(res.status).toBe(201);
      const planned = (await res.json()) as Planned;
      expect(planned).toMatchObject({ timeZone: "WITA", startsAt: `${day}T00:00:00.000Z`, version: 1 });

      const edit = (json: Record<string, unknown>) =>
        app().request(`/api/events/${planned.id}`, {
          method: "PATCH",
          token: manager,
          json: { version: 1, ...json },
        });
      const [a, b] = await Promise.all([
        edit({ title: "A", partners: [] }),
        edit({ title: "B", staffIds: [] }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(await errorOf(loser)).toMatchObject({
        code: "version_conflict",
        details: { currentVersion: 2 },
      });
      const now = (await (
        await app().request(`/api/events/${planned.id}`, { token: manager })
      ).json()) as Planned & {
        title: string;
      };
      expect(now.version).toBe(2);
      // The winner's child rows changed, the loser's did not.
      if (now.title === "A") expect([now.partners.length, now.staff.length]).toEqual([0, 1]);
      else expect([now.partners.length, now.staff.length]).toEqual([1, 0]);

      const feedRes = await app().request("/api/calendar/feeds", {
        method: "POST",
        token: manager,
        json: { officeId: "kc-madiun" },
      });
      expect(feedRes.status).toBe(201);
      const feed = (await feedRes.json()) as { id: string; path: string };
      const ics = await app().request(feed.path);
      expect(ics.status).toBe(200);
      expect(ics.headers.get("Content-Type")).toMatch(/^text\/calendar/);
      const calendar = new ICAL.Component(ICAL.parse(await ics.text()));
      const vevent = calendar
        .getAllSubcomponents("vevent")
        .map((v) => new ICAL.Event(v))
        .find((v) => v.uid === planned.id);
      expect(vevent?.startDate.toJSDate().toISOString()).toBe(`${day}T00:00:00.000Z`);

      const revoke = await app().request(`/api/calendar/feeds/${feed.id}`, {
        method: "DELETE",
        token: manager,
      });
      expect(revoke.status).toBe(200);
      expect((await app().request(feed.path)).status).toBe(404);

      // A partner who does not co-host it never reaches it.
      const partner = await app().login(AS.partnerDinkopSumsel);
      const shared = await app().request(`/api/events/shared/${planned.id}`, { token: partner });
      expect(shared.status).toBe(404);
    });
  });
}
