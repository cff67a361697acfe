import { describe, expect, it } from "vitest";
import { batched } from "./batcher";

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("batched", () => {
  it("sends a lone call at once and calls that arrive while it is in flight together", async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const double = batched(async (inputs: number[]) => {
      batches.push(inputs);
      if (batches.length === 1) await gate;
      return inputs.map((input) => input * 2);
    }, { maxInFlight: 1 });

    const first = double(1);
    await tick();
    const rest = [double(2), double(3), double(4)];
    await tick();
    expect(batches).toEqual([[1]]);
    release();
    expect(await Promise.all([first, ...rest])).toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it("shares a batch among calls made in the same turn", async () => {
    const batches: string[][] = [];
    const upper = batched(async (inputs: string[]) => {
      batches.push(inputs);
      return inputs.map((input) => input.toUpperCase());
    });
    expect(await Promise.all(["a", "b", "c"].map(upper))).toEqual(["A", "B", "C"]);
    expect(batches).toEqual([["a", "b", "c"]]);
  });

  it("retries a failed batch input by input, so only the bad input's caller fails", async () => {
    const calls: number[][] = [];
    const check = batched(async (inputs: number[]) => {
      calls.push(inputs);
      if (inputs.includes(13)) throw new Error("unlucky");
      return inputs;
    });
    const results = await Promise.allSettled([check(1), check(13), check(3)]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ message: "unlucky" });
    expect(calls).toEqual([[1, 13, 3], [1], [13], [3]]);
  });

  it("fails the callers when a batch returns the wrong number of results", async () => {
    const broken = batched(async () => [] as number[]);
    await expect(broken(1)).rejects.toThrow(/returned 0 results/);
  });

  it("splits a queue longer than maxBatch", async () => {
    const sizes: number[] = [];
    const identity = batched(async (inputs: number[]) => {
      sizes.push(inputs.length);
      return inputs;
    }, { maxBatch: 2, maxInFlight: 1 });
    expect(await Promise.all([1, 2, 3, 4, 5].map(identity))).toEqual([1, 2, 3, 4, 5]);
    expect(sizes).toEqual([2, 2, 1]);
  });
});
