import { eq } from "drizzle-orm";
import type { Db } from "../../packages/shared/src/db/index.ts";
import { maskNik } from "../../packages/shared/src/domain/nik/index.ts";
import type { Env } from "../../packages/shared/src/env.ts";
import { RollupDeltas, type SignupFacts } from "../../packages/shared/src/rollups/signups.ts";
import type { Payer, SignupSource, SignupStatus } from "../../packages/shared/src/schema/enums.ts";
import { events, offices, participants, signups } from "../../packages/shared/src/schema/index.ts";
import { nikVault } from "../../packages/shared/src/security/nik-vault.ts";

export interface SignupFixture {
  eventId?: string | null;
  officeId?: string;
  campaignId?: string | null;
  signupMonth: string;
  occupation?: string;
  payer?: Payer;
  source?: SignupSource;
  status?: SignupStatus;
  regencyCode?: string | null;
  sex?: "M" | "F";
  /** Sponsor of a csr/apbd/paguyuban payer, and the sponsored period (`YYYY-MM-DD`). */
  sponsorPartnerId?: string | null;
  sponsoredFrom?: string | null;
  sponsoredUntil?: string | null;
  kpj?: string | null;
  fullName?: string;
  phone?: string | null;
  incomeBand?: string;
  recordedBy?: string | null;
  /** A NIK to use instead of a generated one (e.g. to match an import row). */
  nik?: string;
}

let serial = 0;
/** A syntactically valid, unique NIK from Kota Madiun (35.77.01) for fixtures. */
export function fixtureNik(): string {
  serial += 1;
  const s = String(serial % 10000 || 1).padStart(4, "0");
  const day = String(1 + (serial % 28)).padStart(2, "0");
  const year = String(70 + (Math.floor(serial / 10000) % 30)).padStart(2, "0");
  return `357701${day}05${year}${s}`;
}

/**
 * Test data without going through the enrolment API: participants with protected NIKs,
 * sign-ups, and their rollup cells — written together in one batch like the real service.
 * For tests of readers (dashboards, reports); the enrolment API has its own tests.
 */
export async function insertSignups(db: Db, env: Env, list: SignupFixture[]): Promise<string[]> {
  const vault = nikVault(env.NIK_ENC_KEYS, env.NIK_HMAC_KEY);
  const officeParents = new Map((await db.select().from(offices)).map((o) => [o.id, o.parentId]));
  const eventRows = new Map((await db.select().from(events)).map((e) => [e.id, e]));
  const deltas = new RollupDeltas();
  const ids: string[] = [];
  const participantRows: (typeof participants.$inferInsert)[] = [];
  const signupRows: (typeof signups.$inferInsert)[] = [];
  for (const f of list) {
    const nik = f.nik ?? fixtureNik();
    const { cipher, keyVersion } = await vault.encrypt(nik);
    const participantId = crypto.randomUUID();
    const event = f.eventId ? eventRows.get(f.eventId) : undefined;
    const officeId = f.officeId ?? event?.officeId;
    if (!officeId) throw new Error("fixture needs officeId or eventId");
    const parent = officeParents.get(officeId);
    const facts: SignupFacts = {
      officePath: parent ? [officeId, parent] : [officeId],
      campaignId: f.campaignId ?? event?.campaignId ?? null,
      eventId: f.eventId ?? null,
      signupMonth: f.signupMonth,
      regencyCode: f.regencyCode ?? event?.areaCode.slice(0, 5) ?? null,
      occupation: f.occupation ?? "pedagang",
      payer: f.payer ?? "self",
      source: f.source ?? (f.eventId ? "event" : "kelurahan_list"),
      status: f.status ?? "recorded",
    };
    participantRows.push({
      id: participantId,
      nikHash: await vault.hash(nik),
      nikCipher: cipher,
      nikKeyVersion: keyVersion,
      nikMasked: maskNik(nik),
      fullName: f.fullName ?? "Peserta Uji",
      sex: f.sex ?? "M",
      birthDate: "1980-05-01",
      regencyCode: facts.regencyCode,
      phone: f.phone ?? null,
      kpj: f.kpj ?? null,
    });
    const id = crypto.randomUUID();
    ids.push(id);
    signupRows.push({
      id,
      participantId,
      eventId: facts.eventId,
      campaignId: facts.campaignId,
      source: facts.source as SignupSource,
      officeId,
      regencyCode: facts.regencyCode,
      occupation: facts.occupation,
      incomeBand: f.incomeBand ?? "B01",
      payer: facts.payer as Payer,
      sponsorPartnerId: f.sponsorPartnerId ?? null,
      sponsoredFrom: f.sponsoredFrom ?? null,
      sponsoredUntil: f.sponsoredUntil ?? null,
      recordedBy: f.recordedBy ?? null,
      monthlyContribution: 16_800,
      contributionRuleId: "bpu-pp44-2015",
      consentVersion: "2026-01",
      consentAt: `${f.signupMonth}-10T02:00:00.000Z`,
      status: facts.status,
      signupMonth: f.signupMonth,
      recordedAt: `${f.signupMonth}-10T02:00:00.000Z`,
      payloadHash: "fixture",
    });
    deltas.insert(facts);
  }
  const statements = [];
  for (let i = 0; i < participantRows.length; i += 200) {
    statements.push(db.insert(participants).values(participantRows.slice(i, i + 200)));
    statements.push(db.insert(signups).values(signupRows.slice(i, i + 200)));
  }
  statements.push(...deltas.statements(db));
  if (statements.length)
    await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
  return ids;
}

/** The event's branch office, for fixtures that need it. */
export async function eventOffice(db: Db, eventId: string): Promise<string> {
  const [row] = await db.select({ officeId: events.officeId }).from(events).where(eq(events.id, eventId));
  if (!row) throw new Error(`no event ${eventId}`);
  return row.officeId;
}
