import { parseArgs } from "node:util";
import { dbFor } from "@jangkau/shared/db/index";
import { ROLES, users } from "@jangkau/shared/schema/index";
import { hashPassword } from "@jangkau/shared/security/password";
import * as v from "valibot";
import { loadConfig } from "../config.ts";
import { migrateDatabase } from "../migrate.ts";

/**
 * `npm run user:create -- --email a@b.id --name "…" [--role admin] [--office kc-malang] [--partner <id>]`
 * Creates a user (the first admin of an empty production database). The password is read
 * from JANGKAU_PASSWORD, or generated and printed once.
 */
const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string", default: "admin" },
    office: { type: "string" },
    partner: { type: "string" },
  },
});
const input = v.safeParse(
  v.object({
    email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.email()),
    name: v.pipe(v.string(), v.trim(), v.minLength(2)),
    role: v.picklist(ROLES),
    office: v.optional(v.string()),
    partner: v.optional(v.string()),
  }),
  values,
);
if (!input.success) {
  for (const issue of input.issues) console.error(`--${issue.path?.[0]?.key ?? "?"}: ${issue.message}`);
  process.exit(2);
}
const { email, name, role, office, partner } = input.output;
if ((role === "manager" || role === "staff") && !office)
  throw new Error("--office is required for managers and staff");
if (role === "partner" && !partner) throw new Error("--partner is required for partner users");

const config = loadConfig();
const db = dbFor(config.env.TURSO_DATABASE_URL, config.env.TURSO_AUTH_TOKEN);
await migrateDatabase(db, config.env.TURSO_DATABASE_URL);
const password = process.env.JANGKAU_PASSWORD ?? crypto.randomUUID();
await db.insert(users).values({
  id: crypto.randomUUID(),
  email,
  name,
  role,
  officeId: office ?? null,
  partnerId: partner ?? null,
  canRevealNik: role === "admin",
  passwordHash: await hashPassword(password),
});
console.log(`Pengguna ${email} (${role}) dibuat.`);
if (!process.env.JANGKAU_PASSWORD) console.log(`Kata sandi awal: ${password}  — segera ganti.`);
