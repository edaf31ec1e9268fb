import * as v from "valibot";
import { areaCode, text } from "../../validation/common.ts";
import { officeId } from "../campaigns/validation.ts";
import { PARTNER_LEVELS, PARTNER_TYPES } from "../enums.ts";

/** A contact person at a partner — personal data, shown to staff and managers only. */
export const partnerContactInput = v.strictObject({
  name: text(120),
  role: v.optional(v.nullable(text(120)), null),
  phone: v.optional(
    v.nullable(
      v.pipe(
        v.string(),
        v.trim(),
        v.regex(/^\+?[0-9][0-9 ()-]{5,24}$/, "Nomor telepon hanya angka, spasi, tanda hubung, +."),
      ),
    ),
    null,
  ),
  email: v.optional(
    v.nullable(v.pipe(v.string(), v.trim(), v.toLowerCase(), v.email(), v.maxLength(254))),
    null,
  ),
});

const partnerFields = {
  name: text(200),
  type: v.picklist(PARTNER_TYPES),
  level: v.picklist(PARTNER_LEVELS),
  areaCode: v.nullable(areaCode),
  contacts: v.pipe(v.array(partnerContactInput), v.maxLength(20, "Maksimal 20 kontak.")),
};

/** POST /api/partners */
export const partnerCreateInput = v.strictObject({
  officeId,
  name: partnerFields.name,
  type: partnerFields.type,
  level: partnerFields.level,
  areaCode: v.optional(partnerFields.areaCode, null),
  contacts: v.optional(partnerFields.contacts, []),
});

/** PATCH /api/partners/:id — `contacts`, when given, replaces the whole list. */
export const partnerUpdateInput = v.strictObject({
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  ...v.partial(v.object(partnerFields)).entries,
});

export const partnerListQuery = v.object({
  office: v.optional(officeId),
  type: v.optional(v.picklist(PARTNER_TYPES)),
});

export type PartnerContactInput = v.InferOutput<typeof partnerContactInput>;
