import { describe, expect, it } from "vitest";
import type { AgentPrincipal } from "../../lib/auth/principal";
import { db } from "../../lib/db/client";
import { recordHotStatement, sql, takeHotStatementTimes } from "../../lib/db/sql";
import { checkGuard } from "../../lib/guard/check-guard";
import { createLimiter, ingestLimiter, yieldToGuard } from "../../lib/traces/ingest-limiter";
import { ingestOtlp } from "../../lib/traces/ingest-spans";
import { expectAppError, makeAgent, makeTeam, onPostgres, unique } from "./helpers";
import { protobufOf, recordAgentTask } from "./otlp-builders";

// Ingest yields to the guard (README "Ingest and the guard"): the guard's statements have their own
// connections and are timed, and ingest sheds load while they are slow.

async function principalFor(prefix: string): Promise<AgentPrincipal> {
  const team = await makeTeam(prefix);
  const agent = await makeAgent(team);
  return { kind: "agent", agentId: agent.id, agentSlug: agent.slug, teamId: team.id, keyId: "test-key" };
}

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
};

describe("ingest yields to the guard", () => {
  it("times the guard's statements", async () => {
    takeHotStatementTimes();
    await sql("SELECT 1");
    expect(takeHotStatementTimes()).toHaveLength(1);
  });

  it("refuses a second batch with 429 + Retry-After, unread, while the guard is slow; the first is stored", async () => {
    const principal = await principalFor("yield");
    const limiter = createLimiter({ concurrency: 4, maxQueue: 0, maxWaitMs: 5000 });
    yieldToGuard(limiter, 20)(Array(20).fill(200));
    const first = recordAgentTask({ sessionId: `yield-${unique()}`, outcome: "approved" });
    const reading = deferred();
    const held = ingestOtlp(principal, { body: () => reading.promise.then(() => protobufOf(first.spans)), contentType: "application/x-protobuf" }, limiter);
    let secondRead = false;
    const second = ingestOtlp(
      principal,
      { body: async () => ((secondRead = true), protobufOf(recordAgentTask({ sessionId: `yield-${unique()}`, outcome: "approved" }).spans)), contentType: "application/x-protobuf" },
      limiter,
    );
    const refused = await expectAppError(second, "rate_limited");
    expect(refused.retryAfterSeconds).toBe(1);
    expect(secondRead).toBe(false);
    reading.resolve();
    expect(await held).toMatchObject({ storedSpans: first.spans.length });
    expect(await db().span.count({ where: { traceId: first.traceId } })).toBe(first.spans.length);
  });

  it("the process's ingest limiter follows the guard's statement times", async () => {
    const limiter = ingestLimiter();
    const slow = setInterval(() => recordHotStatement(500), 20);
    try {
      await expect.poll(() => limiter.stats().limit, { timeout: 5000 }).toBe(1);
    } finally {
      clearInterval(slow);
    }
    await expect.poll(() => limiter.stats().limit, { timeout: 20_000 }).toBe(limiter.stats().options.concurrency); // it grows back once the guard is calm
  });

  it.runIf(onPostgres)("answers the guard while every connection of Prisma's pool is held", async () => {
    const principal = await principalFor("own-pool");
    const call = (sessionId: string) => checkGuard(principal, { check: "action", sessionId, action: { tool: "orders.lookup" } });
    await call("own-pool-warm"); // the agent and its policies are cached from here on, as on a busy server
    const size = Number(process.env.DATABASE_POOL_SIZE);
    const release = deferred();
    const holding: Promise<unknown>[] = [];
    const held = deferred();
    let inside = 0;
    for (let index = 0; index < size; index++) {
      holding.push(
        db().$transaction(
          async (tx) => {
            await tx.$queryRawUnsafe("SELECT 1");
            if (++inside === size) held.resolve();
            await release.promise;
          },
          { maxWait: 60_000, timeout: 60_000 },
        ),
      );
    }
    await held.promise;
    try {
      const answer = await call("own-pool");
      expect(answer.verdict).toBeDefined();
      expect(inside).toBe(size); // every Prisma connection was still held while the guard answered
    } finally {
      release.resolve();
      await Promise.all(holding);
    }
  });
});
