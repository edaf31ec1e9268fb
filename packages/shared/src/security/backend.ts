/**
 * The digests and ciphers behind NIK hashing, NIK encryption and payload fingerprints.
 * By default WebCrypto (`crypto.subtle`), which Workers run natively. A host may plug in
 * a faster implementation of the same algorithms — the Node host does (node:crypto): on
 * Node every `crypto.subtle` call is a round trip through the libuv thread pool (~50 µs),
 * three of them per sign-up, which made up a third of a 500-record batch.
 *
 * Whatever the backend, the bytes are the same: HMAC-SHA-256, SHA-256 and AES-256-GCM
 * with a 12-byte IV and the 16-byte tag after the ciphertext (WebCrypto's layout).
 */
export interface CryptoBackend {
  hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array;
  sha256(data: Uint8Array): Uint8Array;
  /** Ciphertext followed by the 16-byte tag. */
  aesGcmEncrypt(key: Uint8Array, iv: Uint8Array, plain: Uint8Array): Uint8Array;
  /** Throws when the tag does not verify. */
  aesGcmDecrypt(key: Uint8Array, iv: Uint8Array, sealed: Uint8Array): Uint8Array;
}

let installed: CryptoBackend | null = null;

/** Use `backend` for every later digest and cipher of this process (null: back to WebCrypto). */
export function useCryptoBackend(backend: CryptoBackend | null): void {
  installed = backend;
}

/** The installed backend, or null for WebCrypto. */
export function cryptoBackend(): CryptoBackend | null {
  return installed;
}
