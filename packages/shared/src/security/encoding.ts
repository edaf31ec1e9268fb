import { cryptoBackend } from "./backend.ts";

/** Base64 and hex helpers over Uint8Array that work in Node, workerd and browsers alike. */
export function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = "";
  for (const b of view) s += b.toString(16).padStart(2, "0");
  return s;
}

export const utf8 = new TextEncoder();

/** SHA-256 of a string, hex. Used for payload fingerprints and file hashes. */
export async function sha256Hex(text: string | Uint8Array<ArrayBuffer>): Promise<string> {
  const data = typeof text === "string" ? utf8.encode(text) : text;
  const backend = cryptoBackend();
  if (backend) return toHex(backend.sha256(data));
  return toHex(await crypto.subtle.digest("SHA-256", data));
}

/** Random URL-safe token of `bytes` random bytes. */
export function randomToken(bytes = 32): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  return toBase64(buf).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}
