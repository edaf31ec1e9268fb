import { afterAll, beforeAll } from "vitest";
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
