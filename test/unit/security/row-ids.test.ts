import { describe, expect, it } from "vitest";
import { newRowId } from "../../../packages/shared/src/ids.ts";

describe("server-made row ids", () => {
  it("are distinct UUIDv7s in creation order, even within one millisecond", () => {
    const ids = Array.from({ length: 1_000 }, newRowId);
    for (const id of ids)
      expect(id).toMatch(/^[\da-f]{8}-[\da-f]{4}-7[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    const ms = Number.parseInt(ids[0]!.replace(/-/g, "").slice(0, 12), 16);
    expect(Math.abs(ms - Date.now())).toBeLessThan(60_000);
  });
});
