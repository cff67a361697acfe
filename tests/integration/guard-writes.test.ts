import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { storeActionDecision, storeDecision } from "../../lib/guard/guard-writes";
import type { DecisionRecord } from "../../lib/guard/decision-rows";
import { makeAgent, makeTeam } from "./helpers";

// The guard's group-committed writes: an action's count, loop verdict and decision row are one
// statement, concurrent calls share statements, yet each call gets exactly what it would have got alone.
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

const stored = (ids: string[]) =>
  db().guardDecision.findMany({ where: { id: { in: ids } }, select: { id: true, verdict: true, status: true, reasons: true, expiresAt: true } });

describe("guard writes", () => {
  it("counts the actions of one turn in their order and stores each one's decision, the loop's deny in place of its own", async () => {
    const sessionId = `writes-${randomUUID()}`;
    const action = { tool: "orders.lookup", params: { id: 7 } };
    const actions = Array.from({ length: 5 }, () => decision(sessionId));
    const others = Array.from({ length: 3 }, () => decision(sessionId));
    const policyDeny = [{ code: "policy_rule" as const, message: "amount above 500" }];
    const [loops] = await Promise.all([
      Promise.all(actions.map((record) => storeActionDecision(record, action, limits, policyDeny))),
      Promise.all(others.map(storeDecision)),
    ]);
    // sameCallMax 3: the 4th call trips the breaker, the 5th too (the session is stopped only afterwards).
    expect(loops.map((loop) => loop?.stopsNow ?? null)).toEqual([null, null, null, true, true]);
    expect(loops[3]?.reason).toMatchObject({ code: "loop_detected", message: "orders.lookup was called with the same parameters 4 times within 60 s (limit 3); the session is stopped" });
    const rows = new Map((await stored(actions.map((record) => record.id))).map((row) => [row.id, row]));
    expect(actions.map((record) => rows.get(record.id)?.verdict)).toEqual(["allow", "allow", "allow", "deny", "deny"]);
    expect(rows.get(actions[4].id)?.reasons).toEqual([loops[4]!.reason, ...policyDeny]);
    expect(await stored(others.map((record) => record.id))).toHaveLength(3);
    expect(await db().guardSession.findUnique({ where: { agentId_sessionId: { agentId: agent.id, sessionId } } })).toMatchObject({ actions: 5 });
  });

  it("denies every later action of a stopped session without counting it, and replaces a hold", async () => {
    const sessionId = `writes-${randomUUID()}`;
    await storeActionDecision(decision(sessionId), { tool: "orders.lookup" }, limits, []);
    await db().guardSession.updateMany({ where: { agentId: agent.id, sessionId }, data: { stoppedAt: new Date(), stopReason: "tested" } });
    const held = { ...decision(sessionId), verdict: "hold" as const, status: "pending" as const, expiresAt: new Date(Date.now() + 60_000) };
    const loop = await storeActionDecision(held, { tool: "orders.note" }, limits, []);
    expect(loop).toEqual({ reason: { code: "loop_detected", message: "This session was stopped by the loop breaker: tested" }, stopsNow: false });
    expect(await stored([held.id])).toEqual([{ id: held.id, verdict: "deny", status: "decided", reasons: [loop!.reason], expiresAt: null }]);
    expect(await db().guardSession.findUnique({ where: { agentId_sessionId: { agentId: agent.id, sessionId } } })).toMatchObject({ actions: 1 });
  });

  it("fails only the caller whose row the database refuses, and counts nothing for it", async () => {
    const sessionId = `writes-${randomUUID()}`;
    const good = decision(sessionId);
    const bad = { ...decision(sessionId), reasons: [{ code: "policy_rule" as const, message: "nul \u0000 byte" }] };
    const results = await Promise.allSettled([
      storeDecision(good),
      storeActionDecision(bad, { tool: "orders.lookup", params: { id: 1 } }, limits, []),
      storeActionDecision(decision(sessionId), { tool: "orders.lookup", params: { id: 1 } }, limits, []),
    ]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await db().guardDecision.findUnique({ where: { id: good.id } })).not.toBeNull();
    expect(await db().guardDecision.findUnique({ where: { id: bad.id } })).toBeNull();
    // The refused call's count went with its row: one action counted, one time in the call's window.
    expect(await db().guardSession.findUnique({ where: { agentId_sessionId: { agentId: agent.id, sessionId } } })).toMatchObject({ actions: 1 });
    const calls = await db().guardCall.findMany({ where: { agentId: agent.id, sessionId } });
    expect(calls.map((call) => call.times.length)).toEqual([1]);
  });
});
