import { describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../packages/node/src/seed/demo.ts";
import { currentConsent } from "../../packages/shared/src/domain/consent/index.ts";
import { dateInTimeZone } from "../../packages/shared/src/domain/timezone/index.ts";
import { AS } from "../support/app.ts";
import type { ScenarioApp } from "./app.ts";

interface PlannedEvent {
  id: string;
  status: string;
  timeZone: string;
  staff: { id: string }[];
}
interface RecordedSignup {
  id: string;
  nikMasked: string;
  status: string;
  eventId: string;
  monthlyContribution: number;
}
interface BatchResult {
  index: number;
  id: string | null;
  status: string;
  issues?: { path: string; code: string }[];
  signup?: RecordedSignup;
}
interface OfficeProgress {
  office: { id: string };
  target: { value: number } | null;
  progress: { reached: number; achievement: { percent: number } | null };
}
interface EventProgress {
  event: { id: string; targetSignups: number };
  statuses: { recorded: number };
  breakdowns: { occupation: { key: string; count: number }[]; payer: { key: string; count: number }[] };
}

const U = DEMO_IDS.users;
const P = DEMO_IDS.partners;
const C = DEMO_IDS.campaigns;

/** Venue day in Kota Madiun (WIB), where the scenario's event takes place. */
const today = () => dateInTimeZone(new Date(), "WIB");

let serial = 1000 + Math.floor(Math.random() * 8000);

/**
 * A becak driver from Kelurahan Oro-oro Ombo (Kota Madiun), premiums paid by Pemkot Madiun
 * from the APBD for the year — a sign-up the tablet would send. A fresh UUID and NIK each call;
 * the NIK's district, birth date and sex agree with the record.
 */
function madiunBecakDriver(eventId: string, overrides: Record<string, unknown> = {}) {
  serial += 1;
  const now = new Date().toISOString();
  const year = today().slice(0, 4);
  return {
    id: crypto.randomUUID(),
    eventId,
    nik: `357701140375${serial}`,
    fullName: "Slamet Riyadi",
    sex: "M",
    birthDate: "1975-03-14",
    phone: "0812-3456-7890",
    occupation: "becak",
    villageCode: "35.77.01.1001",
    address: "Jl. Salak RT 02 RW 03",
    incomeBand: "B01",
    jht: false,
    payer: "apbd",
    sponsorPartnerId: P.pemkotMadiun,
    sponsoredFrom: `${year}-01-01`,
    sponsoredUntil: `${year}-12-31`,
    consentGiven: true,
    consentVersion: currentConsent(today()).version,
    consentAt: now,
    recordedAt: now,
    ...overrides,
  };
}

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/**
 * The main flow of the system, through the gateway: a manager sets a branch's yearly target
 * and plans a sosialisasi with Pemkot Madiun, the assigned staff member records sign-ups at
 * the venue one at a time and as a tablet's outbox batch, and the progress reads count them.
 * Registered by test/api/scenarios.test.ts (Node host) and test/edge/scenarios.test.ts (workerd).
 */
export function outreachScenarios(app: () => ScenarioApp) {
  describe("from plan to progress", () => {
    it("plans an event, records sign-ups singly and in a batch, and reads them back as progress", async () => {
      const manager = await app().login(AS.managerJatim);
      const staff = await app().login(AS.staffMadiun);
      const year = Number(today().slice(0, 4));

      const target = await app().request("/api/targets", {
        method: "POST",
        token: manager,
        json: { officeId: "kc-madiun", year, segment: "bpu", kind: "absolute", value: 200 },
      });
      expect(target.status, await target.clone().text()).toBe(201);

      const event = await json<PlannedEvent>(
        await app().request("/api/events", {
          method: "POST",
          token: manager,
          json: {
            campaignId: C.madiun,
            type: "sosialisasi",
            title: "Sosialisasi BPU bagi pengayuh becak Kelurahan Oro-oro Ombo",
            startLocal: `${today()}T08:00`,
            endLocal: `${today()}T11:00`,
            venue: "Balai Kelurahan Oro-oro Ombo",
            areaCode: "35.77",
            expectedAttendance: 60,
            targetSignups: 40,
            plannedBudget: 5_000_000,
            partners: [{ partnerId: P.pemkotMadiun, role: "co_host" }],
            staffIds: [U.staffMadiun],
          },
        }),
        201,
      );
      expect(event).toMatchObject({ status: "planned", timeZone: "WIB", staff: [{ id: U.staffMadiun }] });
      const mine = await json<{ id: string }[]>(
        await app().request("/api/events?mine=1", { token: staff }),
        200,
      );
      expect(mine.map((e) => e.id)).toContain(event.id);

      // One sign-up at a time: created, then the same record again (a retry) is a replay.
      const first = madiunBecakDriver(event.id);
      const created = await app().request("/api/enrolment/signups", {
        method: "POST",
        token: staff,
        json: first,
      });
      const createdText = await created.text();
      expect(created.status, createdText).toBe(201);
      expect(createdText).not.toContain(first.nik);
      const { signup } = JSON.parse(createdText) as { signup: RecordedSignup };
      expect(signup).toMatchObject({ id: first.id, status: "recorded", eventId: event.id });
      expect(signup.monthlyContribution).toBe(16_800); // JKK 1 % of Rp1,000,000 + JKM Rp6,800; APBD gets no discount
      expect(signup.nikMasked).not.toContain(first.nik.slice(6, 12));
      const replay = await app().request("/api/enrolment/signups", {
        method: "POST",
        token: staff,
        json: first,
      });
      expect(replay.status).toBe(200);
      expect(replay.headers.get("Idempotent-Replayed")).toBe("true");

      // The tablet's outbox: three good records, one with a broken NIK, one repeating the first
      // person's NIK. Each is judged on its own; the bad ones lose none of the good ones.
      const batch = [
        madiunBecakDriver(event.id),
        madiunBecakDriver(event.id, {
          fullName: "Sri Wahyuningsih",
          sex: "F",
          nik: `357701540375${++serial}`,
        }),
        madiunBecakDriver(event.id, { nik: "3577011403750000" }),
        madiunBecakDriver(event.id, {
          occupation: "pedagang_pasar",
          payer: "self",
          sponsorPartnerId: null,
          sponsoredFrom: null,
          sponsoredUntil: null,
        }),
        madiunBecakDriver(event.id, { nik: first.nik }),
      ];
      const outcome = await json<{ results: BatchResult[]; summary: Record<string, number> }>(
        await app().request("/api/enrolment/signups/batch", {
          method: "POST",
          token: staff,
          json: { records: batch },
        }),
        200,
      );
      expect(outcome.results.map((r) => r.status)).toEqual([
        "created",
        "created",
        "invalid",
        "created",
        "duplicate_nik",
      ]);
      expect(outcome.results[2]?.issues).toContainEqual(
        expect.objectContaining({ path: "nik", code: "nik_serial" }),
      );
      expect(outcome.summary).toMatchObject({ created: 3, invalid: 1, duplicate_nik: 1 });
      expect(JSON.stringify(outcome)).not.toContain(first.nik);

      // The tablet never heard back and sends the outbox again: nothing is stored twice.
      const resent = await json<{ results: BatchResult[] }>(
        await app().request("/api/enrolment/signups/batch", {
          method: "POST",
          token: staff,
          json: { records: batch },
        }),
        200,
      );
      expect(resent.results.map((r) => r.status)).toEqual([
        "replayed",
        "replayed",
        "invalid",
        "replayed",
        "duplicate_nik",
      ]);

      // Progress: the event's own counts and the branch against its target.
      const progress = await json<EventProgress>(
        await app().request(`/api/targets/progress/events/${event.id}`, { token: manager }),
        200,
      );
      expect(progress.event).toMatchObject({ id: event.id, targetSignups: 40 });
      expect(progress.statuses.recorded).toBe(4);
      expect(progress.breakdowns.occupation).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ key: "becak", count: 3 }),
          expect.objectContaining({ key: "pedagang_pasar", count: 1 }),
        ]),
      );
      expect(progress.breakdowns.payer).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ key: "apbd", count: 3 }),
          expect.objectContaining({ key: "self", count: 1 }),
        ]),
      );

      const overview = await json<{ offices: OfficeProgress[] }>(
        await app().request(`/api/targets/progress/offices?year=${year}`, { token: manager }),
        200,
      );
      const madiun = overview.offices.find((o) => o.office.id === "kc-madiun");
      expect(madiun?.target?.value).toBe(200);
      expect(madiun?.progress.reached).toBe(4);
      expect(madiun?.progress.achievement?.percent).toBe(2);
    });
  });
}
