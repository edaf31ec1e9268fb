import { principal, route } from "@jangkau/shared/http/route";
import type { AppEnv } from "@jangkau/shared/http/types";
import { valid } from "@jangkau/shared/http/validate";
import { SEXES } from "@jangkau/shared/schema/enums";
import { isoDate, uuid } from "@jangkau/shared/validation/common";
import { Hono } from "hono";
import * as v from "valibot";
import { checkNik, revealNik } from "./service.ts";

const tags = ["participants"];

/** The NIK travels in the body, never in a URL or query string. */
const nikCheckBody = v.object({
  nik: v.pipe(v.string(), v.trim(), v.nonEmpty("NIK wajib diisi."), v.maxLength(24, "NIK harus 16 digit.")),
  birthDate: v.optional(isoDate),
  sex: v.optional(v.picklist(SEXES)),
});

/** NIK checks while typing, and revealing a protected NIK. */
export const participantRoutes = new Hono<AppEnv>()
  .post(
    "/nik-check",
    route({
      summary: "Check a NIK while typing: structure, decoded birth date and sex, region, duplicate",
      tags,
      permission: "signups:record",
    }),
    valid("json", nikCheckBody),
    async (c) => {
      const result = await checkNik(c.get("db"), c.env, principal(c), c.req.valid("json"));
      c.header("Cache-Control", "no-store");
      return c.json(result, 200);
    },
  )
  .post(
    "/participants/:id/reveal-nik",
    route({
      summary: "Reveal a participant's full NIK (needs the per-user reveal flag; audited)",
      tags,
      permission: "nik:reveal",
    }),
    valid("param", v.object({ id: uuid })),
    async (c) => {
      const result = await revealNik(
        c.get("db"),
        c.env,
        principal(c),
        c.req.valid("param").id,
        c.get("requestId"),
      );
      c.header("Cache-Control", "no-store");
      c.header("Pragma", "no-cache");
      return c.json(result, 200);
    },
  );
