import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "turso",
  schema: "./packages/shared/src/schema/index.ts",
  out: "./packages/shared/drizzle",
  casing: "snake_case",
  dbCredentials: {
    url: process.env.DATABASE_URL ?? "file:./data/jangkau.db",
    authToken: process.env.TURSO_AUTH_TOKEN,
  },
});
