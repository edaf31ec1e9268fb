import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../packages/node/src/seed/demo.ts";
import { DEMO_TARGET_IDS, seedDemoTargets } from "../../packages/node/src/seed/demo-targets.ts";
import {
  campaigns,
  events,
  offices,
  participants,
  partners,
  signups,
} from "../../packages/shared/src/schema/index.ts";
import { AS } from "../support/app.ts";
import { SIXTEEN_DIGITS, signupGenerator, villagesOf } from "../support/signup-generator.ts";
import { expectNoNikInLogsOrUrls, type LiveHost, startLiveHost } from "./support/live-host.ts";
import { fillPath, type Operation, operationsOf } from "./support/openapi.ts";

/**
 * The authorization matrix, generated from /api/openapi.json: every route × every role ×
 * an object in the caller's scope and one outside it → the status the route must answer.
 * A role without the route's permission gets 403, no session 401; out of scope is 403 or
 * 404 and never the object's data; partners never see a NIK, name, phone or birth date.
 */

type Role = "anonymous" | "admin" | "manager" | "staff" | "partner";
type Kind = "office" | "campaign" | "event" | "sharedEvent" | "partner" | "signup" | "participant" | "target";
type Scope = "in" | "out" | "none";

const ROLES: Role[] = ["anonymous", "admin", "manager", "staff", "partner"];
const EMAIL: Record<Exclude<Role, "anonymous">, string> = {
  admin: AS.admin,
  manager: AS.managerJatim,
  staff: AS.staffMadiun,
  partner: AS.partnerDinkopSumsel,
};
/** An id that names nothing. */
const NOWHERE = "00000000-0000-4000-8000-00000000dead";

interface ScopedObject {
  in: string;
  out: string;
  /** Text that only the out-of-scope object's data would carry. */
  outMarkers: string[];
}

let host: LiveHost;
const tokens = new Map<Role, string>();
const objects = new Map<Kind, ScopedObject>();
/** NIKs, names, phones and birth dates of every participant the run created. */
const personal = {
  niks: [] as string[],
  names: [] as string[],
  phones: [] as string[],
  birthDates: [] as string[],
};

beforeAll(async () => {
  host = await startLiveHost();
  await seedDemoTargets(host.db);
  for (const role of ROLES) if (role !== "anonymous") tokens.set(role, await host.login(EMAIL[role]));

  // Sign-ups at an event of each side: Madiun (in the manager's and staff's scope), Palembang (outside).
  const recordAt = async (email: string, eventId: string, district: string, start: number) => {
    const next = signupGenerator(
      { eventId, district, villages: await villagesOf(host.db, district) },
      { start },
    );
    const records = Array.from({ length: 6 }, () => next());
    const res = await host.request("/api/enrolment/signups/batch", {
      method: "POST",
      token: await host.login(email),
      json: { records },
    });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as {
      results: { status: string; signup: { participantId: string } }[];
    };
    expect(results.every((r) => r.status === "created")).toBe(true);
    personal.niks.push(...records.map((r) => r.nik));
    return { signupId: records[0]?.id as string, participantId: results[0]?.signup.participantId as string };
  };
  const madiun = await recordAt(AS.staffMadiun, DEMO_IDS.events.sosialisasiMadiun, "357701", 0);
  const palembang = await recordAt(AS.staffPalembang, DEMO_IDS.events.sarasehanPalembang, "167101", 100);

  const people = await host.db.select().from(participants);
  personal.names.push(...people.map((p) => p.fullName));
  personal.phones.push(...people.flatMap((p) => (p.phone ? [p.phone, p.phone.replace("+62", "0")] : [])));
  personal.birthDates.push(...people.map((p) => p.birthDate));
  const outPerson = people.find((p) => p.id === palembang.participantId);
  const nameOf = async <T extends { name: string }>(rows: Promise<T[]>) => (await rows)[0]?.name as string;

  objects.set("office", {
    in: "kc-madiun",
    out: "kc-palembang",
    outMarkers: [
      await nameOf(
        host.db.select({ name: offices.name }).from(offices).where(eq(offices.id, "kc-palembang")),
      ),
    ],
  });
  objects.set("campaign", {
    in: DEMO_IDS.campaigns.madiun,
    out: DEMO_IDS.campaigns.sumsel,
    outMarkers: [
      await nameOf(
        host.db
          .select({ name: campaigns.name })
          .from(campaigns)
          .where(eq(campaigns.id, DEMO_IDS.campaigns.sumsel)),
      ),
    ],
  });
  const titleOf = async (id: string) =>
    (await host.db.select({ title: events.title }).from(events).where(eq(events.id, id)))[0]?.title as string;
  objects.set("event", {
    in: DEMO_IDS.events.sosialisasiMadiun,
    out: DEMO_IDS.events.sarasehanPalembang,
    outMarkers: [await titleOf(DEMO_IDS.events.sarasehanPalembang)],
  });
  // A partner's scope: the events shared with it (the Palembang sarasehan), not those of others.
  objects.set("sharedEvent", {
    in: DEMO_IDS.events.sarasehanPalembang,
    out: DEMO_IDS.events.rakorSolo,
    outMarkers: [await titleOf(DEMO_IDS.events.rakorSolo)],
  });
  objects.set("partner", {
    in: DEMO_IDS.partners.pemkotMadiun,
    out: DEMO_IDS.partners.dinkopSumsel,
    outMarkers: [
      await nameOf(
        host.db
          .select({ name: partners.name })
          .from(partners)
          .where(eq(partners.id, DEMO_IDS.partners.dinkopSumsel)),
      ),
    ],
  });
  const outPersonMarkers = [outPerson?.fullName as string, outPerson?.nikMasked as string];
  objects.set("signup", { in: madiun.signupId, out: palembang.signupId, outMarkers: outPersonMarkers });
  objects.set("participant", {
    in: madiun.participantId,
    out: palembang.participantId,
    outMarkers: outPersonMarkers,
  });
  objects.set("target", { in: DEMO_TARGET_IDS.madiun, out: DEMO_TARGET_IDS.palembang, outMarkers: ["2400"] });
});
afterAll(async () => {
  await host?.close();
});

/** Which scoped object a path parameter names, if any. */
function kindOf(path: string, param: string): Kind | null {
  if (param === "officeId" || param === "office") return "office";
  if (param === "campaignId") return "campaign";
  if (param === "eventId") return "event";
  if (param !== "id") return null;
  if (path.startsWith("/api/events/shared/")) return "sharedEvent";
  if (path.startsWith("/api/campaigns/")) return "campaign";
  if (path.startsWith("/api/events/")) return "event";
  if (path.startsWith("/api/partners/")) return "partner";
  if (path.startsWith("/api/enrolment/signups/")) return "signup";
  if (path.startsWith("/api/enrolment/participants/")) return "participant";
  if (/^\/api\/targets\/\{id\}/.test(path)) return "target";
  return null;
}

/** A value for a parameter that names no scoped object. */
function plainValue(param: string): string {
  if (param === "index") return "0";
  if (param === "rowNumber") return "1";
  if (param === "file") return "bukan-feed.ics";
  return NOWHERE;
}

interface Case {
  role: Role;
  op: Operation;
  scope: Scope;
  url: string;
  /** The statuses the route may answer; the first is the one the rule predicts. */
  expected: number[];
  why: string;
  outMarkers: string[];
}

function casesOf(op: Operation): Case[] {
  const kinds = [...op.pathParams, ...op.query.filter((q) => q.required).map((q) => q.name)]
    .map((p) => kindOf(op.path, p))
    .filter((k): k is Kind => k !== null);
  const cases: Case[] = [];
  for (const role of ROLES) {
    const permitted = op.roles.includes(role) || (op.permission === "public" && role !== "anonymous");
    const scopes: Scope[] =
      kinds.length === 0 || !permitted ? ["none"] : role === "admin" ? ["in"] : ["in", "out"];
    for (const scope of scopes) {
      const paramValue = (param: string) => {
        const kind = kindOf(op.path, param);
        const object = kind
          ? objects.get(role === "partner" && kind === "event" ? "sharedEvent" : kind)
          : null;
        if (!object) return plainValue(param);
        return scope === "out" ? object.out : object.in;
      };
      const path = fillPath(op.path, Object.fromEntries(op.pathParams.map((p) => [p, paramValue(p)])));
      const required = op.query.filter((q) => q.required);
      const filled = required.filter((q) => kindOf(op.path, q.name) !== null);
      const query = new URLSearchParams(filled.map((q) => [q.name, paramValue(q.name)]));
      const url = query.size ? `${path}?${query}` : path;
      const outMarkers =
        scope === "out"
          ? kinds.flatMap(
              (k) => objects.get(role === "partner" && k === "event" ? "sharedEvent" : k)?.outMarkers ?? [],
            )
          : [];

      let expected: number[];
      let why: string;
      if (op.permission === "public") {
        expected = op.body ? [400] : op.pathParams.length ? [404] : [200];
        why = "public route";
      } else if (role === "anonymous") {
        [expected, why] = [[401], "no session"];
      } else if (!permitted) {
        [expected, why] = [[403], `role lacks ${op.permission}`];
      } else if (required.length > filled.length) {
        [expected, why] = [[400], "required query parameter missing"];
      } else if (op.body) {
        [expected, why] = op.body.required?.length
          ? [[400, 404], "empty body refused before anything is written"]
          : [[200, 400, 404], "every body field optional"];
      } else if (op.method !== "GET" && op.method !== "DELETE" && op.pathParams.length === 0) {
        [expected, why] = [[400], "takes a body other than JSON (a file), none sent"];
      } else if (op.pathParams.some((p) => kindOf(op.path, p) === null)) {
        [expected, why] = [[404], "names nothing"];
      } else if (scope === "out") {
        [expected, why] = [[403, 404], "outside the caller's scope"];
      } else if (op.permission === "nik:reveal" && role === "staff") {
        [expected, why] = [[403], "the demo staff user may not reveal NIKs (per-user flag)"];
      } else {
        [expected, why] = [[200, 201], "in scope"];
      }
      cases.push({ role, op, scope, url, expected, why, outMarkers });
    }
  }
  return cases;
}

describe("authorization matrix from /api/openapi.json", () => {
  it("answers every route × role × scope with the expected status, and never with another's data", async () => {
    const operations = await operationsOf(host.url);
    expect(operations.length).toBeGreaterThan(60);
    const failures: string[] = [];
    let checked = 0;
    let outOfScope = 0;
    for (const op of operations) {
      for (const c of casesOf(op)) {
        checked += 1;
        if (c.scope === "out") outOfScope += 1;
        const token = c.role === "anonymous" ? undefined : tokens.get(c.role);
        const res = await host.request(c.url, {
          method: c.op.method,
          token,
          ...(c.op.body ? { json: {} } : {}),
        });
        const text = await res.text();
        const label = `${c.role} ${c.op.method} ${c.url} (${c.scope}: ${c.why})`;
        if (!c.expected.includes(res.status)) failures.push(`${label} → ${res.status} ${text.slice(0, 160)}`);
        if (res.status >= 400) {
          const code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
          if (typeof code !== "string") failures.push(`${label} → ${res.status} without error.code`);
        }
        for (const marker of c.outMarkers)
          if (text.includes(marker)) failures.push(`${label} → leaks out-of-scope data "${marker}"`);
        if (c.role === "partner") {
          for (const value of [
            ...personal.niks,
            ...personal.names,
            ...personal.phones,
            ...personal.birthDates,
          ])
            if (text.includes(value)) failures.push(`${label} → partner sees personal data`);
          if (SIXTEEN_DIGITS.test(text)) failures.push(`${label} → partner sees a 16-digit number`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(250);
    expect(outOfScope).toBeGreaterThan(30);
  });

  it("shows the partner its aggregates, with no personal data in them", async () => {
    const token = tokens.get("partner");
    for (const path of [
      "/api/targets/partner/progress",
      "/api/events/shared",
      "/api/enrolment/retention/shared",
    ]) {
      const res = await host.request(path, { token });
      expect(res.status, path).toBe(200);
      const text = await res.text();
      for (const value of [...personal.niks, ...personal.names, ...personal.phones, ...personal.birthDates])
        expect(text.includes(value), `${path} holds personal data`).toBe(false);
    }
    const progress = (await (await host.request("/api/targets/partner/progress", { token })).json()) as {
      events: { total: unknown };
    };
    expect(progress.events.total).toBeDefined();
  });

  it("refuses writes with valid bodies to objects outside the caller's scope, and changes nothing", async () => {
    const out = (kind: Kind) => objects.get(kind)?.out as string;
    const writes: [method: string, path: string, body?: unknown][] = [
      ["POST", `/api/enrolment/signups/${out("signup")}/verify`, { version: 1 }],
      ["POST", `/api/enrolment/signups/${out("signup")}/reject`, { version: 1, reason: "Data ganda" }],
      ["POST", `/api/enrolment/signups/${out("signup")}/register`, { version: 1, kpj: "21000000001" }],
      ["DELETE", `/api/enrolment/signups/${out("signup")}?version=1`],
      ["POST", `/api/enrolment/participants/${out("participant")}/reveal-nik`],
      ["PATCH", `/api/campaigns/${out("campaign")}`, { version: 1, name: "Diambil alih" }],
      ["PATCH", `/api/events/${out("event")}`, { version: 1, title: "Diambil alih" }],
      ["PATCH", `/api/events/${out("event")}/outcome`, { version: 1, attendance: 1 }],
      [
        "POST",
        `/api/events/${out("event")}/status`,
        { version: 1, status: "cancelled", cancelReason: "Dibatalkan" },
      ],
      ["POST", `/api/events/${out("event")}/actions`, { action: "Tindak lanjut", ownerName: "Orang lain" }],
      ["PATCH", `/api/partners/${out("partner")}`, { version: 1, name: "Diambil alih" }],
    ];
    const snapshot = async () => ({
      signup: await host.db
        .select()
        .from(signups)
        .where(eq(signups.id, out("signup"))),
      campaign: await host.db
        .select()
        .from(campaigns)
        .where(eq(campaigns.id, out("campaign"))),
      event: await host.db
        .select()
        .from(events)
        .where(eq(events.id, out("event"))),
      partner: await host.db
        .select()
        .from(partners)
        .where(eq(partners.id, out("partner"))),
    });
    const before = await snapshot();
    const palembangVillages = await villagesOf(host.db, "167101");
    for (const role of ["manager", "staff"] as const) {
      for (const [method, path, body] of writes) {
        const res = await host.request(path, {
          method,
          token: tokens.get(role),
          ...(body === undefined ? {} : { json: body }),
        });
        expect([403, 404], `${role} ${method} ${path}`).toContain(res.status);
        const text = await res.text();
        for (const nik of personal.niks) expect(text.includes(nik)).toBe(false);
      }
      // Recording at another branch's event: the record is refused, nothing stored.
      const next = signupGenerator(
        { eventId: out("event"), district: "167101", villages: palembangVillages },
        { start: role === "manager" ? 5_000 : 6_000 },
      );
      const record = next();
      const res = await host.request("/api/enrolment/signups", {
        method: "POST",
        token: tokens.get(role),
        json: record,
      });
      expect(res.status).toBe(403);
      expect(await host.db.select().from(signups).where(eq(signups.id, record.id))).toEqual([]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("logged every request without a NIK in any line or URL", () => {
    expectNoNikInLogsOrUrls(host);
  });
});
