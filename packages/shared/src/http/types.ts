import type { Principal } from "../auth/permissions.ts";
import type { Db } from "../db/index.ts";
import type { Env } from "../env.ts";

/** Hono environment of every API worker: typed bindings and context variables. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    db: Db;
    /** Set by `session()` when a valid token came with the request. */
    principal: Principal | undefined;
  };
}
