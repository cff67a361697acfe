import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { countAction, storeDecision } from "../../lib/guard/guard-writes";
import type { DecisionRecord } from "../../lib/guard/decision-rows";
import { makeAgent, makeTeam } from "./helpers";

// The guard's group-committed writes: counts and decision rows of concurrent calls share statements,
// yet each call gets exactly what it would have got alone.
let agent: { id: string; teamId: string };
const limits = { windowSeconds: 60, sameCallMax: 3, sessionActionMax: 100 };

beforeAll(async () => {
  const team = await makeTeam("guard-writes");
  const created = await makeAgent(team);
  agent = { id: created.id, teamId: team.id };
});

const decision = (sessionId: string): DecisionRecord => ({
  id: randomUUID(),
  agentId: agent.id,
  teamId: agent.teamId,
  sessionId,
  traceId: null,
  spanId: null,
  check: "action",
  workflow: null,
  decisionType: null,
  verdict: "allow",
  status: "decided",
  reasons: [],
  request: { action: { tool: "orders.lookup" } },
  policyVersion: null,
  version: null,
  latencyMs: 0.1,
  expiresAt: null,
  createdAt: new Date(),
});

describe("guard writes", () => {
  it("counts calls made in one turn in their order, alongside other calls' decision rows", async () => {
    const sessionId = `writes-${randomUUID()}`;
    const action = { tool: "orders.lookup", params: { id: 7 } };
    const records = Array.from({ length: 4 }, () => decision(sessionId));
    const [counts] = await Promise.all([
      Promise.all(Array.from({ length: 5 }, () => countAction(agent.id, sessionId, action, limits))),
      Promise.all(records.map(storeDecision)),
    ]);
    expect(counts.map((state) => state.actions)).toEqual([1, 2, 3, 4, 5]);
    expect(counts.map((state) => state.sameCalls)).toEqual([1, 2, 3, 4, 5]);
    expect(await db().guardDecision.count({ where: { id: { in: records.map((record) => record.id) } } })).toBe(4);
    // A later call keeps at most sameCallMax earlier times in the window: still over the limit.
    expect((await countAction(agent.id, sessionId, action, limits)).sameCalls).toBe(4);
  });

  it("fails only the caller whose row the database refuses", async () => {
    const sessionId = `writes-${randomUUID()}`;
    const good = decision(sessionId);
    const bad = { ...decision(sessionId), reasons: [{ code: "policy_rule" as const, message: "nul \u0000 byte" }] };
    const results = await Promise.allSettled([
      storeDecision(good),
      storeDecision(bad),
      countAction(agent.id, sessionId, { tool: "orders.lookup" }, limits),
    ]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await db().guardDecision.findUnique({ where: { id: good.id } })).not.toBeNull();
    expect(await db().guardDecision.findUnique({ where: { id: bad.id } })).toBeNull();
  });
});
