import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** A response the proxy received from the host and never delivered. */
export interface DroppedResponse {
  path: string;
  status: number;
  body: string;
}

/**
 * A proxy in front of the host that loses responses the way a tablet on a weak signal
 * does: the request reaches the host and is committed, the host's answer comes back to the
 * proxy in full, and then — for a share of requests chosen by a seeded generator — the
 * proxy closes the tablet's socket instead of answering. The tablet sees a network error
 * and cannot tell whether its batch was stored.
 */
export async function startLossyProxy(upstream: string, options: { dropShare: number; seed: number }) {
  let state = options.seed >>> 0;
  const nextRandom = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const dropped: DroppedResponse[] = [];
  let delivered = 0;

  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string" && name !== "host" && name !== "connection") headers.set(name, value);
    }
    const answer = await fetch(`${upstream}${req.url}`, {
      method: req.method,
      headers,
      body: body.length ? body : undefined,
    });
    const text = await answer.text();
    if (nextRandom() < options.dropShare) {
      dropped.push({ path: req.url ?? "", status: answer.status, body: text });
      req.socket.destroy();
      return;
    }
    delivered += 1;
    res.writeHead(answer.status, { "Content-Type": answer.headers.get("Content-Type") ?? "text/plain" });
    res.end(text);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", () => ok()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dropped,
    delivered: () => delivered,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/**
 * A proxy that answers every request `latencyMs` late: the network between a Worker and a
 * Turso database, in front of the local Hrana endpoint.
 */
export async function startSlowProxy(upstream: string, latencyMs: number) {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string" && name !== "host" && name !== "connection") headers.set(name, value);
    }
    await new Promise((ok) => setTimeout(ok, latencyMs));
    const answer = await fetch(`${upstream}${req.url}`, {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    const body = Buffer.from(await answer.arrayBuffer());
    res.writeHead(answer.status, {
      "Content-Type": answer.headers.get("Content-Type") ?? "application/json",
    });
    res.end(body);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", () => ok()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
