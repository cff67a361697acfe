import { describe, expect, it } from "vitest";
import { cache } from "./cache";

const unique = () => `test-${crypto.randomUUID()}`;

describe("cache", () => {
  it("keeps a value for its time to live, then loads again", async () => {
    const values = cache<number>({ name: unique(), ttlMs: 1000 });
    let loads = 0;
    const load = async () => ++loads;
    expect(await values.get("a", load, 0)).toBe(1);
    expect(await values.get("a", load, 999)).toBe(1);
    expect(await values.get("a", load, 1000)).toBe(2);
  });

  it("shares one load between concurrent misses and never keeps a failed one", async () => {
    const values = cache<number>({ name: unique(), ttlMs: 1000 });
    let loads = 0;
    const first = values.get("a", async () => ++loads, 0);
    const second = values.get("a", async () => ++loads, 0);
    expect(await Promise.all([first, second])).toEqual([1, 1]);
    await expect(values.get("b", () => Promise.reject(new Error("down")), 0)).rejects.toThrow("down");
    expect(await values.get("b", async () => 7, 1)).toBe(7);
  });

  it("forgets one key or all, and does not keep a load that began before a forget", async () => {
    const values = cache<string>({ name: unique(), ttlMs: 60_000 });
    await values.get("a", async () => "a1");
    await values.get("b", async () => "b1");
    values.forget("a");
    expect(await values.get("a", async () => "a2")).toBe("a2");
    expect(await values.get("b", async () => "b2")).toBe("b1");
    values.forget();
    let release!: (value: string) => void;
    const slow = values.get("c", () => new Promise<string>((resolve) => (release = resolve)));
    values.forget();
    release("read before the change");
    expect(await slow).toBe("read before the change");
    expect(await values.get("c", async () => "read after")).toBe("read after");
  });

  it("keeps only what keep() accepts, and is one cache for every copy that names it", async () => {
    const name = unique();
    const values = cache<number>({ name, ttlMs: 60_000, keep: (value) => value > 0 });
    expect(await values.get("zero", async () => 0)).toBe(0);
    expect(await values.get("zero", async () => 5)).toBe(5);
    const copy = cache<number>({ name, ttlMs: 60_000 });
    expect(await copy.get("zero", async () => 9)).toBe(5);
    copy.forget();
    expect(await values.get("zero", async () => 6)).toBe(6);
  });
});
