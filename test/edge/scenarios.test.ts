import { afterAll, beforeAll, expect, it } from "vitest";
import { foundationScenarios } from "../scenarios/foundation.ts";
import { outreachScenarios } from "../scenarios/outreach.ts";
import { type EdgeApp, startEdgeApp } from "../support/edge.ts";

/** The shared scenarios in workerd, through the built bundles; test/api/scenarios.test.ts runs them on Node. */
let edge: EdgeApp;
beforeAll(async () => {
  edge = await startEdgeApp();
});
afterAll(async () => {
  await edge?.close();
});

foundationScenarios(() => edge);
outreachScenarios(() => edge);

it("runs them in workerd with the database reached over HTTP, as on Turso", () => {
  expect(edge.env.TURSO_DATABASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:/);
  expect(edge.url).toMatch(/^http:\/\//);
});
