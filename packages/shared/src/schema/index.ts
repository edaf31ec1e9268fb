/** The whole Jangkau schema: one folder per entity, re-exported for drizzle and drizzle-kit. */
export * from "./areas/table.ts";
export * from "./audit/table.ts";
export * from "./campaigns/table.ts";
export * from "./contributions/table.ts";
export * from "./enums.ts";
export * from "./events/table.ts";
export * from "./followups/table.ts";
export * from "./idempotency/table.ts";
export * from "./imports/table.ts";
export * from "./offices/table.ts";
export * from "./participants/table.ts";
export * from "./partners/table.ts";
export * from "./rollups/table.ts";
export * from "./signups/table.ts";
export * from "./targets/table.ts";
export * from "./users/table.ts";
