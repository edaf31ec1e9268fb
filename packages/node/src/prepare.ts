import type { Db } from "@jangkau/shared/db/index";
import type { Env } from "@jangkau/shared/env";
import { type DemoLogin, isEmpty, seedDemoOrganisation } from "./seed/demo.ts";
import { seedDemoContributions } from "./seed/demo-contributions.ts";
import { seedDemoSignups } from "./seed/demo-signups.ts";
import { seedDemoTargets } from "./seed/demo-targets.ts";
import { loadAreas, loadOffices } from "./seed/reference.ts";
import { loadContributionRules } from "./seed/rules.ts";

/**
 * Reference data every database needs (areas, offices, contribution rules), then — in demo
 * mode and only into an empty database — the demo organisation. Idempotent.
 */
export async function prepareDatabase(
  db: Db,
  env: Env,
  options: { demo: boolean; now?: Date; passwordIterations?: number },
): Promise<{ logins?: DemoLogin[] }> {
  await loadAreas(db);
  await loadOffices(db);
  await loadContributionRules(db);
  if (!options.demo || !(await isEmpty(db))) return {};
  const logins = await seedDemoOrganisation(db, options.now, options.passwordIterations);
  await seedDemoSignups(db, env, options.now);
  await seedDemoTargets(db, options.now);
  await seedDemoContributions(db, env, options.now);
  return { logins };
}
