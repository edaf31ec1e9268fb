import { auditRow } from "@jangkau/shared/audit";
import { inOfficeScope, type Principal } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import { ForbiddenError, fieldError, NotFoundError } from "@jangkau/shared/errors";
import { principal, route } from "@jangkau/shared/http/route";
import { officeScope } from "@jangkau/shared/http/scope";
import type { AppEnv } from "@jangkau/shared/http/types";
import { valid } from "@jangkau/shared/http/validate";
import { areas, auditLog, offices, partnerContacts, partners, users } from "@jangkau/shared/schema/index";
import {
  type PartnerContactInput,
  partnerCreateInput,
  partnerListQuery,
  partnerUpdateInput,
} from "@jangkau/shared/schema/partners/validation";
import { uuid } from "@jangkau/shared/validation/common";
import { and, asc, eq, exists, inArray, type SQL, sql } from "drizzle-orm";
import { Hono } from "hono";
import * as v from "valibot";
import { insertWhen, rowsAffected, runBatch, versionConflict } from "../concurrency/guarded.ts";

/**
 * Partner organisations and their contact people. Contacts are personal data: these routes
 * serve staff, managers and admin only (`partners:read`); partner users never reach them.
 */
const tags = ["partners"];
const idParam = v.object({ id: uuid });

async function listPartners(db: Db, p: Principal, where?: SQL) {
  const rows = await db
    .select({ partner: partners, officeName: offices.name, areaName: areas.name })
    .from(partners)
    .innerJoin(offices, eq(offices.id, partners.officeId))
    .leftJoin(areas, eq(areas.code, partners.areaCode))
    .where(and(officeScope(p, partners.officeId), where))
    .orderBy(asc(partners.name))
    .limit(1000);
  const ids = rows.map((r) => r.partner.id);
  const [contacts, userCounts] = await Promise.all([
    ids.length
      ? db
          .select()
          .from(partnerContacts)
          .where(inArray(partnerContacts.partnerId, ids))
          .orderBy(asc(partnerContacts.name))
      : [],
    ids.length
      ? db
          .select({ partnerId: users.partnerId, n: sql<number>`count(*)` })
          .from(users)
          .where(and(inArray(users.partnerId, ids), eq(users.active, true)))
          .groupBy(users.partnerId)
      : [],
  ]);
  return rows.map(({ partner, officeName, areaName }) => ({
    ...partner,
    officeName,
    areaName,
    userCount: Number(userCounts.find((u) => u.partnerId === partner.id)?.n ?? 0),
    contacts: contacts
      .filter((x) => x.partnerId === partner.id)
      .map(({ id, name, role, phone, email }) => ({ id, name, role, phone, email })),
  }));
}

async function partnerDetail(db: Db, p: Principal, id: string) {
  const [row] = await listPartners(db, p, eq(partners.id, id));
  if (!row) throw new NotFoundError("partner_not_found", "Mitra tidak ditemukan.");
  return row;
}

async function checkArea(db: Db, code: string | null | undefined) {
  if (!code) return;
  const area = await db.query.areas.findFirst({ where: eq(areas.code, code) });
  if (!area) throw fieldError("areaCode", "unknown_area", "Kode wilayah tidak dikenal.");
}

const contactRow = (partnerId: string, contact: PartnerContactInput) => ({
  id: crypto.randomUUID(),
  partnerId,
  ...contact,
});

export const partnerRoutes = new Hono<AppEnv>()
  .get(
    "/",
    route({
      summary: "Partner organisations in scope, with contact people",
      tags,
      permission: "partners:read",
    }),
    valid("query", partnerListQuery),
    async (c) => {
      const q = c.req.valid("query");
      const where = and(
        q.office ? eq(partners.officeId, q.office) : undefined,
        q.type ? eq(partners.type, q.type) : undefined,
      );
      return c.json(await listPartners(c.get("db"), principal(c), where), 200);
    },
  )
  .get(
    "/:id",
    route({ summary: "A partner organisation with its contact people", tags, permission: "partners:read" }),
    valid("param", idParam),
    async (c) => c.json(await partnerDetail(c.get("db"), principal(c), c.req.valid("param").id), 200),
  )
  .post(
    "/",
    route({ summary: "Add a partner organisation", tags, permission: "partners:write" }),
    valid("json", partnerCreateInput),
    async (c) => {
      const p = principal(c);
      const db = c.get("db");
      const { contacts, ...body } = c.req.valid("json");
      const office = await db.query.offices.findFirst({ where: eq(offices.id, body.officeId) });
      if (!office) throw fieldError("officeId", "unknown_office", "Kantor tidak dikenal.");
      if (!inOfficeScope(p, office.id)) {
        throw new ForbiddenError("office_out_of_scope", "Kantor ini di luar wilayah kerja Anda.", {
          issues: [{ path: "officeId", code: "office_out_of_scope", message: "Di luar wilayah kerja Anda." }],
        });
      }
      await checkArea(db, body.areaCode);
      const id = crypto.randomUUID();
      await runBatch(db, [
        db.insert(partners).values({ id, ...body }),
        ...contacts.map((x) => db.insert(partnerContacts).values(contactRow(id, x))),
        db.insert(auditLog).values(
          auditRow(c, "partner.create", "partner", id, {
            type: body.type,
            officeId: body.officeId,
            contacts: contacts.length,
          }),
        ),
      ]);
      return c.json(await partnerDetail(db, p, id), 201);
    },
  )
  .patch(
    "/:id",
    route({
      summary: "Edit a partner organisation (`contacts`, when given, replaces the list)",
      tags,
      permission: "partners:write",
    }),
    valid("param", idParam),
    valid("json", partnerUpdateInput),
    async (c) => {
      const p = principal(c);
      const db = c.get("db");
      const { id } = c.req.valid("param");
      const { version, contacts, ...changes } = c.req.valid("json");
      const [current] = await db
        .select()
        .from(partners)
        .where(and(eq(partners.id, id), officeScope(p, partners.officeId)));
      if (!current) throw new NotFoundError("partner_not_found", "Mitra tidak ditemukan.");
      if (current.version !== version) throw versionConflict("partner", current.version);
      await checkArea(db, changes.areaCode);
      const same = and(eq(partners.id, id), eq(partners.version, version));
      const guard = exists(db.select({ one: sql`1` }).from(partners).where(same));
      const results = await runBatch(db, [
        ...(contacts
          ? [
              db.delete(partnerContacts).where(and(eq(partnerContacts.partnerId, id), guard)),
              ...contacts.map((x) => insertWhen(db, partnerContacts, contactRow(id, x), guard)),
            ]
          : []),
        insertWhen(
          db,
          auditLog,
          auditRow(c, "partner.update", "partner", id, {
            fields: [...Object.keys(changes), ...(contacts ? ["contacts"] : [])],
            fromVersion: version,
          }),
          guard,
        ),
        db
          .update(partners)
          .set({ ...changes, version: sql`${partners.version} + 1`, updatedAt: new Date().toISOString() })
          .where(same),
      ]);
      if (rowsAffected(results.at(-1)) === 0) {
        const row = await db.query.partners.findFirst({ where: eq(partners.id, id) });
        throw versionConflict("partner", row?.version ?? null);
      }
      return c.json(await partnerDetail(db, p, id), 200);
    },
  );
