/**
 * What the host running the apps allows beyond what Cloudflare Workers do.
 *
 * On Workers each request has its own I/O context: a promise or a database call started
 * while serving one request must not be awaited by another. The Node host serves every
 * request from one process and one database client, so work of concurrent requests may be
 * done together — e.g. the sign-ups of 32 single POSTs committed in one transaction.
 * Off unless a host turns it on (packages/node/src/host.ts does).
 */
let sharedWork = false;

/** Let concurrent requests of this process share database work (the Node host only). */
export function allowSharedRequestWork(on: boolean): void {
  sharedWork = on;
}

/** True on a host where concurrent requests may share database work. */
export function sharedRequestWork(): boolean {
  return sharedWork;
}
