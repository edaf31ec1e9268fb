import type { Hono } from "hono";
import { generateSpecs } from "hono-openapi";
import type { AppEnv } from "./types.ts";

/** The OpenAPI 3.1 document of one worker, generated from its routes and valibot schemas. */
export async function workerSpec(app: Hono<AppEnv>, title: string) {
  return generateSpecs(app, {
    documentation: {
      openapi: "3.1.0",
      info: { title, version: "1.0.0" },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
          cookie: { type: "apiKey", in: "cookie", name: "jangkau_session" },
        },
      },
    },
  });
}
