import { beforeAll, expect, it } from "vitest";
import { foundationScenarios } from "../scenarios/foundation.ts";
import { outreachScenarios } from "../scenarios/outreach.ts";
import { createTestApp, type TestApp } from "../support/app.ts";

/** The shared scenarios on the Node host; test/edge/scenarios.test.ts runs them in workerd. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

foundationScenarios(() => t);
outreachScenarios(() => t);

it("runs them on the Node host against an embedded libSQL file", () => {
  expect(t.env.TURSO_DATABASE_URL).toMatch(/^file:/);
});
