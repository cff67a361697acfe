import { describe, expect, it } from "vitest";
import { ownsItsBuffer, readBodyBytes } from "./read-body";

async function* chunksOf(...parts: Uint8Array[]) {
  for (const part of parts) yield part;
}

describe("readBodyBytes", () => {
  it("assembles several chunks into a buffer of its own, which may move to another thread", async () => {
    // Small parts: Buffer.concat would have cut the result from node's shared pool.
    const body = await readBodyBytes(chunksOf(Buffer.from("ab"), Buffer.from("cd")), null, 100);
    expect(Buffer.from(body).toString()).toBe("abcd");
    expect(body.byteOffset).toBe(0);
    expect(body.buffer.byteLength).toBe(4);
    expect(ownsItsBuffer(body)).toBe(true);
  });

  it("returns a single chunk as it came, as a view it does not own", async () => {
    const memory = Buffer.from("xxhelloxx");
    const chunk = memory.subarray(2, 7);
    const body = await readBodyBytes(chunksOf(chunk), null, 100);
    expect(body).toBe(chunk);
    expect(ownsItsBuffer(body)).toBe(false);
  });

  it("refuses a body over the limit while reading it", async () => {
    await expect(readBodyBytes(chunksOf(Buffer.alloc(60), Buffer.alloc(60)), null, 100)).rejects.toMatchObject({ code: "payload_too_large" });
  });
});
