import { describe, expect, it } from "vitest";
import { cache } from "./cache";

const unique = () => `test-${crypto.randomUUID()}`;
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("cache", () => {
  it("keeps a value for its time to live, then loads again", async () => {
    const values = cache<number>({ name: unique(), ttlMs: 1000 });
    let loads = 0;
    const load = async () => ++loads;
    expect(await values.get("a", load, 0)).toBe(1);
    expect(await values.get("a", load, 599)).toBe(1);
    expect(await values.get("a", load, 1000)).toBe(2);
    expect(loads).toBe(2);
  });

  it("reloads a value read late in its TTL in the background, its callers never waiting", async () => {
    const values = cache<number>({ name: unique(), ttlMs: 1000 });
    let loads = 0;
    let release!: (value: number) => void;
    const slow = () => {
      loads += 1;
      return new Promise<number>((resolve) => (release = resolve));
    };
    expect(await values.get("a", async () => 1, 0)).toBe(1);
    // Not before 60% of the TTL; by 90% a refresh has begun: the old value at once, one refresh however
    // many callers come meanwhile.
    expect(await values.get("a", slow, 599)).toBe(1);
    expect(loads).toBe(0);
    expect(await values.get("a", slow, 900)).toBe(1);
    expect(await values.get("a", slow, 950)).toBe(1);
    expect(loads).toBe(1);
    release(2);
    await flush();
    // The refreshed value counts from when its reload began (900): kept until 1900.
    expect(await values.get("a", slow, 1899)).toBe(2);
    expect(loads).toBe(2); // ...and refreshed again late in its own TTL
  });

  it("keeps the old value to its TTL when a refresh fails, and drops it when keep() refuses the refreshed one", async () => {
    const values = cache<number>({ name: unique(), ttlMs: 1000, keep: (value) => value > 0 });
    await values.get("a", async () => 1, 0);
    expect(await values.get("a", () => Promise.reject(new Error("down")), 900)).toBe(1);
    await flush();
    expect(await values.get("a", async () => 5, 950)).toBe(1); // no second refresh of the same value
    expect(await values.get("a", async () => 3, 1000)).toBe(3); // expired: loaded again
    expect(await values.get("a", async () => 0, 1900)).toBe(3);
    await flush();
    expect(await values.get("a", async () => 4, 1901)).toBe(4); // the refresh read 0: dropped at once
  });

  it("answers from the cache when a refresh's load throws before it returns a promise", async () => {
    const values = cache<number>({ name: unique(), ttlMs: 1000 });
    await values.get("a", async () => 1, 0);
    const throwing = (): Promise<number> => {
      throw new Error("no connection string");
    };
    expect(await values.get("a", throwing, 900)).toBe(1);
    await flush();
    expect(await values.get("a", async () => 2, 999)).toBe(1);
  });

  it("does not keep a refresh that began before a forget", async () => {
    const values = cache<string>({ name: unique(), ttlMs: 1000 });
    await values.get("a", async () => "a1", 0);
    let release!: (value: string) => void;
    expect(await values.get("a", () => new Promise<string>((resolve) => (release = resolve)), 900)).toBe("a1");
    values.forget("b");
    release("read before the change");
    await flush();
    expect(await values.get("a", async () => "a2", 950)).toBe("a1");
    values.forget("a");
    expect(await values.get("a", async () => "a3", 960)).toBe("a3");
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
