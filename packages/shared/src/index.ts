/** @jangkau/shared — schema, domain rules and the HTTP kit every worker is built from. */

export * from "./env.ts";
export * from "./errors.ts";
