import { afterEach, describe, expect, it } from "vitest";
import { nodeCryptoBackend } from "../../../packages/node/src/crypto.ts";
import { useCryptoBackend } from "../../../packages/shared/src/security/backend.ts";
import { sha256Hex, toBase64 } from "../../../packages/shared/src/security/encoding.ts";
import { nikVault } from "../../../packages/shared/src/security/nik-vault.ts";

const key = (fill: number) => toBase64(new Uint8Array(32).fill(fill));
/** A fresh key configuration per vault, so each test gets its own (cached) vault. */
let round = 1;
const keys = () => {
  round += 1;
  return { enc: `1:${key(round)},2:${key(round + 100)}`, hmac: key(round + 200) };
};

afterEach(() => useCryptoBackend(null));

describe("the Node host's node:crypto backend gives the bytes WebCrypto gives", () => {
  it("hashes NIKs and fingerprints identically", async () => {
    const k = keys();
    const vault = nikVault(k.enc, k.hmac);
    const viaWebCrypto = [await vault.hash("3577014503850007"), await sha256Hex("sidik jari")];
    useCryptoBackend(nodeCryptoBackend);
    const viaNode = [await vault.hash("3577014503850007"), await sha256Hex("sidik jari")];
    expect(viaNode).toEqual(viaWebCrypto);
    expect(viaNode[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it("decrypts what the other encrypted, in both directions, and refuses a tampered cipher", async () => {
    const k = keys();
    const vault = nikVault(k.enc, k.hmac);
    const fromWebCrypto = await vault.encrypt("3577011207790011");
    useCryptoBackend(nodeCryptoBackend);
    const fromNode = await vault.encrypt("3577011207790011");
    expect(fromNode.keyVersion).toBe(2);
    expect(await vault.decrypt(fromWebCrypto.cipher, fromWebCrypto.keyVersion)).toBe("3577011207790011");
    const bytes = Buffer.from(fromNode.cipher, "base64");
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    await expect(vault.decrypt(bytes.toString("base64"), 2)).rejects.toThrow();
    useCryptoBackend(null);
    expect(await vault.decrypt(fromNode.cipher, fromNode.keyVersion)).toBe("3577011207790011");
    await expect(vault.decrypt(bytes.toString("base64"), 2)).rejects.toThrow();
  });
});
