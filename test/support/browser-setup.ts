import { resolve } from "node:path";
import { build } from "vite";

/** Browser tests run against the production build of the SPA, built fresh once per run. */
export default async function setup() {
  await build({ root: resolve(import.meta.dirname, "../../web"), logLevel: "warn" });
}
