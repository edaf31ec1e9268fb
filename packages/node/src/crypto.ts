import { createCipheriv, createDecipheriv, createHash, createHmac } from "node:crypto";
import type { CryptoBackend } from "@jangkau/shared/security/backend";

const TAG_BYTES = 16;

/**
 * node:crypto for the Node host: the same algorithms and byte layout as WebCrypto, computed
 * synchronously on the calling thread instead of a thread-pool round trip per call.
 */
export const nodeCryptoBackend: CryptoBackend = {
  hmacSha256: (key, data) => createHmac("sha256", key).update(data).digest(),
  sha256: (data) => createHash("sha256").update(data).digest(),
  aesGcmEncrypt(key, iv, plain) {
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  },
  aesGcmDecrypt(key, iv, sealed) {
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  },
};
