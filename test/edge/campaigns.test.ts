import { afterAll, beforeAll, expect, it } from "vitest";
import { campaignScenarios } from "../scenarios/campaigns.ts";
import { type EdgeApp, startEdgeApp } from "../support/edge.ts";

/** The campaign scenarios in workerd through the built bundles, the database over Hrana HTTP. */
let edge: EdgeApp;
beforeAll(async () => {
  edge = await startEdgeApp();
});
afterAll(async () => {
  await edge?.close();
});

campaignScenarios(() => edge);

it("runs them in workerd with the database reached over HTTP, as on Turso", () => {
  expect(edge.env.TURSO_DATABASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:/);
  expect(edge.url).toMatch(/^http:\/\//);
});
