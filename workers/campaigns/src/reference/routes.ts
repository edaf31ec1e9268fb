import { isAdmin } from "@jangkau/shared/auth/permissions";
import { principal, route } from "@jangkau/shared/http/route";
import type { AppEnv } from "@jangkau/shared/http/types";
import { valid } from "@jangkau/shared/http/validate";
import { AREA_LEVELS, areas, officeRegencies, offices } from "@jangkau/shared/schema/index";
import { areaCode } from "@jangkau/shared/validation/common";
import { and, asc, eq, inArray, like } from "drizzle-orm";
import { Hono } from "hono";
import * as v from "valibot";

const areaQuery = v.object({
  parent: v.optional(areaCode),
  level: v.optional(v.picklist(AREA_LEVELS)),
  q: v.optional(v.pipe(v.string(), v.trim(), v.minLength(2), v.maxLength(60))),
  codes: v.optional(v.pipe(v.string(), v.maxLength(2000))),
});

/** Offices in the caller's scope (with the regencies each covers) and the Kemendagri areas. */
export const referenceRoutes = new Hono<AppEnv>()
  .get(
    "/offices",
    route({
      summary: "Offices in scope, with the regencies each branch covers",
      tags: ["reference"],
      permission: "reference:read",
    }),
    async (c) => {
      const p = principal(c);
      const db = c.get("db");
      const scope = isAdmin(p) || p.role === "partner" ? undefined : inArray(offices.id, p.officeIds);
      const rows = await db.select().from(offices).where(scope).orderBy(asc(offices.kind), asc(offices.name));
      const links = await db
        .select({ officeId: officeRegencies.officeId, code: areas.code, name: areas.name })
        .from(officeRegencies)
        .innerJoin(areas, eq(areas.code, officeRegencies.regencyCode))
        .where(
          rows.length
            ? inArray(
                officeRegencies.officeId,
                rows.map((r) => r.id),
              )
            : undefined,
        );
      return c.json(
        rows.map((o) => ({
          id: o.id,
          code: o.code,
          kind: o.kind,
          name: o.name,
          parentId: o.parentId,
          provinceCode: o.provinceCode,
          timeZone: o.timeZone,
          regencies: links.filter((l) => l.officeId === o.id).map(({ code, name }) => ({ code, name })),
        })),
        200,
      );
    },
  )
  .get(
    "/areas",
    route({
      summary: "Administrative areas by parent, level, name or codes",
      tags: ["reference"],
      permission: "reference:read",
    }),
    valid("query", areaQuery),
    async (c) => {
      const { parent, level, q, codes } = c.req.valid("query");
      const db = c.get("db");
      const codeList = codes
        ?.split(",")
        .map((s) => s.trim())
        .filter(Boolean)
        .slice(0, 200);
      const rows = await db
        .select()
        .from(areas)
        .where(
          and(
            parent
              ? eq(areas.parentCode, parent)
              : level || q || codeList
                ? undefined
                : eq(areas.level, "province"),
            level ? eq(areas.level, level) : undefined,
            q ? like(areas.name, `%${q}%`) : undefined,
            codeList ? inArray(areas.code, codeList) : undefined,
          ),
        )
        .orderBy(asc(areas.code))
        .limit(500);
      return c.json(rows, 200);
    },
  );
