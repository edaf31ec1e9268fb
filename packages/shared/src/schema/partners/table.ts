import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { areas } from "../areas/table.ts";
import { id, stamps, version } from "../columns.ts";
import { PARTNER_LEVELS, PARTNER_TYPES } from "../enums.ts";
import { offices } from "../offices/table.ts";

/** Partner organisations: Dinas Koperasi dan UKM, Disnaker, Pemkot/Pemkab, CSR companies, paguyuban… */
export const partners = sqliteTable(
  "partners",
  {
    id: id(),
    name: text().notNull(),
    type: text({ enum: PARTNER_TYPES }).notNull(),
    level: text({ enum: PARTNER_LEVELS }).notNull(),
    areaCode: text().references(() => areas.code),
    /** The office whose managers work with this partner (scope). */
    officeId: text()
      .notNull()
      .references(() => offices.id, { onDelete: "restrict" }),
    ...stamps(),
    version: version(),
  },
  (t) => [index("partners_office_idx").on(t.officeId)],
);

/** Contact people at a partner — personal data, visible to staff and managers only. */
export const partnerContacts = sqliteTable(
  "partner_contacts",
  {
    id: id(),
    partnerId: text()
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    name: text().notNull(),
    role: text(),
    phone: text(),
    email: text(),
    ...stamps(),
  },
  (t) => [index("partner_contacts_partner_idx").on(t.partnerId)],
);
