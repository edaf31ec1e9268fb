import { resolve } from "node:path";
import { build } from "vite";

/** Browser tests run against the production build of the SPA, built fresh once per run. */
export default async function setup() {
  // Vitest sets NODE_ENV=test, and Vite keeps a NODE_ENV it finds: that would build the
  // development bundle (solid-js dev, `import.meta.env.PROD` false, no service worker).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ root: resolve(import.meta.dirname, "../../web"), logLevel: "warn", mode: "production" });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
