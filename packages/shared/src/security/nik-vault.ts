import { cryptoBackend } from "./backend.ts";
import { fromBase64, toBase64, toHex, utf8 } from "./encoding.ts";
import { randomBytes } from "./random.ts";

/**
 * Protects NIKs at rest: AES-GCM encryption (reveal/export) under versioned keys and an
 * HMAC-SHA256 keyed hash (lookup, dedup) — so the database never holds a NIK in clear.
 *
 * Rotation: add a new `n:<key>` to NIK_ENC_KEYS; new rows use the highest version, old rows
 * keep decrypting with the version stored beside them; `reencrypt` moves a row forward.
 */
export interface NikVault {
  hash(nik: string): Promise<string>;
  encrypt(plain: string): Promise<{ cipher: string; keyVersion: number }>;
  decrypt(cipher: string, keyVersion: number): Promise<string>;
}

export function parseEncKeys(spec: string): Map<number, Uint8Array<ArrayBuffer>> {
  const keys = new Map<number, Uint8Array<ArrayBuffer>>();
  for (const part of spec.split(",")) {
    const [v, b64] = part.trim().split(":");
    const version = Number(v);
    if (!b64 || !Number.isInteger(version) || version < 1) throw new Error("NIK_ENC_KEYS is malformed");
    const raw = fromBase64(b64);
    if (raw.length !== 32) throw new Error(`NIK_ENC_KEYS version ${version} must be 32 bytes`);
    keys.set(version, raw);
  }
  if (keys.size === 0) throw new Error("NIK_ENC_KEYS is empty");
  return keys;
}

const vaults = new Map<string, NikVault>();

/** One vault per key configuration; imported CryptoKeys are reused across requests. */
export function nikVault(encKeys: string, hmacKey: string): NikVault {
  const cacheKey = `${encKeys}|${hmacKey}`;
  const cached = vaults.get(cacheKey);
  if (cached) return cached;

  const raw = parseEncKeys(encKeys);
  const current = Math.max(...raw.keys());
  const aesKeys = new Map<number, Promise<CryptoKey>>();
  const aes = (version: number) => {
    let k = aesKeys.get(version);
    if (!k) {
      const bytes = raw.get(version);
      if (!bytes) throw new Error(`no NIK key version ${version}`);
      k = crypto.subtle.importKey("raw", bytes, "AES-GCM", false, ["encrypt", "decrypt"]);
      aesKeys.set(version, k);
    }
    return k;
  };
  const hmacBytes = fromBase64(hmacKey);
  const hmac = crypto.subtle.importKey("raw", hmacBytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const rawKey = (version: number) => {
    const bytes = raw.get(version);
    if (!bytes) throw new Error(`no NIK key version ${version}`);
    return bytes;
  };

  const vault: NikVault = {
    async hash(nik) {
      const backend = cryptoBackend();
      if (backend) return toHex(backend.hmacSha256(hmacBytes, utf8.encode(nik)));
      return toHex(await crypto.subtle.sign("HMAC", await hmac, utf8.encode(nik)));
    },
    async encrypt(plain) {
      const iv = randomBytes(12);
      const backend = cryptoBackend();
      const sealed = backend
        ? backend.aesGcmEncrypt(rawKey(current), iv, utf8.encode(plain))
        : new Uint8Array(
            await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await aes(current), utf8.encode(plain)),
          );
      const out = new Uint8Array(iv.length + sealed.length);
      out.set(iv);
      out.set(sealed, iv.length);
      return { cipher: toBase64(out), keyVersion: current };
    },
    async decrypt(cipher, keyVersion) {
      const bytes = fromBase64(cipher);
      const backend = cryptoBackend();
      if (backend)
        return new TextDecoder().decode(
          backend.aesGcmDecrypt(rawKey(keyVersion), bytes.slice(0, 12), bytes.slice(12)),
        );
      const plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: bytes.slice(0, 12) },
        await aes(keyVersion),
        bytes.slice(12),
      );
      return new TextDecoder().decode(plain);
    },
  };
  vaults.set(cacheKey, vault);
  return vault;
}
