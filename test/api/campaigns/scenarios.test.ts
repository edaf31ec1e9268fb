import { beforeAll, expect, it } from "vitest";
import { campaignScenarios } from "../../scenarios/campaigns.ts";
import { createTestApp, type TestApp } from "../../support/app.ts";

/** The campaign scenarios on the Node host; test/edge/campaigns.test.ts runs them in workerd. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

campaignScenarios(() => t);

it("runs them on the Node host against an embedded libSQL file", () => {
  expect(t.env.TURSO_DATABASE_URL).toMatch(/^file:/);
});
