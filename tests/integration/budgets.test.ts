import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import type { AgentPrincipal } from "../../lib/auth/principal";
import { invalidatePrices } from "../../lib/costs/load-prices";
import { checkGuard } from "../../lib/guard/check-guard";
import { purgeGuardState } from "../../lib/guard/purge-guard-state";
import { decideDecision } from "../../lib/approvals/decide-decision";
import { invalidatePolicies } from "../../lib/policies/load-policies";
import type { PolicyDocumentInput } from "../../lib/policies/document-schema";
import { readSpend, spendOf } from "../../lib/budgets/spend-store";
import { agentScope, teamScope, workflowScope } from "../../lib/budgets/scopes";
import { auditOf, expectAppError, makeAgent, makeTeam, makeUser, unique, type TestTeam } from "./helpers";
import { rawJsonRequest, send } from "./otlp-builders";

// A model priced at $1 per million input tokens: 1,000,000 input tokens cost exactly $1.
const MODEL = `budget-model-${unique()}`;
const dollars = (usd: number) => ({ model: MODEL, inputTokens: usd * 1_000_000, outputTokens: 0 });


beforeAll(async () => {
  await db().modelPrice.create({ data: { model: MODEL, inputPerMTok: 1, outputPerMTok: 1, effectiveFrom: new Date("2020-01-01T00:00:00Z") } });
  invalidatePrices();
});

type Setup = { team: TestTeam; agent: AgentPrincipal };

async function setup(options: { teamBudgets?: unknown[]; policy?: Omit<PolicyDocumentInput, "scope">; workflowPolicy?: Omit<PolicyDocumentInput, "scope"> & { workflow: string } } = {}): Promise<Setup> {
  const team = await makeTeam("budget");
  if (options.teamBudgets) await db().team.update({ where: { id: team.id }, data: { budgets: options.teamBudgets as object[] } });
  const agent = await makeAgent(team);
  const policy = options.policy ?? { tools: [{ tool: "*" }] };
  await db().policy.create({ data: { agentId: agent.id, document: { scope: { agent: agent.slug }, ...policy } } });
  if (options.workflowPolicy) {
    const { workflow, ...document } = options.workflowPolicy;
    await db().policy.create({ data: { agentId: agent.id, workflow, document: { scope: { agent: agent.slug, workflow }, ...document } } });
  }
  invalidatePolicies(agent.id);
  return { team, agent: { kind: "agent", agentId: agent.id, agentSlug: agent.slug, teamId: team.id, keyId: randomUUID() } };
}

const act = (agent: AgentPrincipal, extra: Record<string, unknown> = {}) =>
  checkGuard(agent, { check: "action", sessionId: `s-${randomUUID()}`, action: { tool: "vendor.lookup", params: { n: randomUUID() } }, ...extra });

describe("budgets", () => {
  it("is exact under 50 parallel calls: exactly the calls that fit in the budget proceed, and every dollar is counted", async () => {
    const { team, agent } = await setup({ teamBudgets: [{ window: "day", usd: 20 }] });
    const results = await Promise.all(Array.from({ length: 50 }, () => act(agent, { usage: dollars(1) })));
    const verdicts = results.map((result) => result.verdict);
    expect(verdicts.filter((verdict) => verdict === "allow")).toHaveLength(20);
    expect(verdicts.filter((verdict) => verdict === "hold")).toHaveLength(30);
    const held = results.find((result) => result.verdict === "hold")!;
    expect(held.reasons.map((reason) => reason.code)).toEqual(["budget_exceeded"]);
    expect(held.reasons[0].message).toMatch(/^Department .* has spent \$\d+\.00 of its \$20\.00 daily budget/);

    const totals = await readSpend([teamScope(team.id), agentScope(agent.agentId)]);
    expect(spendOf(totals, teamScope(team.id), "day")).toEqual({ usd: 50, tokens: 50_000_000 });
    expect(spendOf(totals, teamScope(team.id), "month")).toEqual({ usd: 50, tokens: 50_000_000 });
    expect(spendOf(totals, agentScope(agent.agentId), "week").usd).toBe(50);

    // The alert level and 100% are each raised once, however many calls crossed them.
    const alerts = await db().budgetAlert.findMany({ where: { teamId: team.id }, orderBy: { level: "asc" } });
    expect(alerts.map((alert) => [alert.scope, alert.window, alert.level])).toEqual([
      [teamScope(team.id), "day", 80],
      [teamScope(team.id), "day", 100],
    ]);
  });

  it("denies instead of holding when the budget says so, and judges tokens as well as USD", async () => {
    const { agent } = await setup({ policy: { tools: [{ tool: "*" }], budgets: [{ window: "month", tokens: 1_000, onExceed: "deny" }] } });
    const usage = { model: "unknown-model-without-price", inputTokens: 600, outputTokens: 0 };
    expect((await act(agent, { usage })).verdict).toBe("allow");
    const second = await act(agent, { usage });
    expect(second.verdict).toBe("deny");
    expect(second.reasons[0].message).toMatch(/^Agent .* has spent 1,200 tokens of its 1,000 tokens monthly budget: actions are denied/);
    // Once reached, the next action is stopped even without usage of its own.
    expect((await act(agent)).verdict).toBe("deny");
  });

  it("keeps a workflow's budget on that workflow's spend alone, next to the agent's", async () => {
    const { agent } = await setup({
      policy: { tools: [{ tool: "*" }], budgets: [{ window: "day", usd: 100 }] },
      workflowPolicy: { workflow: "intake", budgets: [{ window: "day", usd: 2 }] },
    });
    expect((await act(agent, { workflow: "intake", usage: dollars(2) })).verdict).toBe("allow");
    expect((await act(agent, { workflow: "intake" })).verdict).toBe("hold");
    expect((await act(agent, { workflow: "payout", usage: dollars(5) })).verdict).toBe("allow");
    const totals = await readSpend([workflowScope(agent.agentId, "intake"), agentScope(agent.agentId)]);
    expect(spendOf(totals, workflowScope(agent.agentId, "intake"), "day").usd).toBe(2);
    expect(spendOf(totals, agentScope(agent.agentId), "day").usd).toBe(7);
  });

  it("counts a trace's spend once when the agent reports it both on guard calls and in spans", async () => {
    const { team, agent } = await setup();
    const traceId = randomBytes(16).toString("hex");
    await act(agent, { traceId, usage: dollars(3) });
    const span = (usd: number) => ({
      traceId,
      spanId: randomBytes(8).toString("hex"),
      name: "chat",
      start: BigInt(Date.now()) * 1_000_000n,
      end: BigInt(Date.now() + 100) * 1_000_000n,
      attributes: { "gen_ai.operation.name": "chat", "gen_ai.request.model": MODEL, "gen_ai.usage.input_tokens": usd * 1_000_000, "gen_ai.usage.output_tokens": 0 },
    });
    // The spans of the same two LLM calls (2 + 1): nothing new.
    await send(agent, rawJsonRequest([span(2), span(1)]), "application/json");
    let totals = await readSpend([teamScope(team.id)]);
    expect(spendOf(totals, teamScope(team.id), "day").usd).toBe(3);
    // A third call only the spans report: it counts. Re-sending a batch adds nothing.
    const extra = rawJsonRequest([span(4)]);
    await send(agent, extra, "application/json");
    await send(agent, extra, "application/json");
    totals = await readSpend([teamScope(team.id)]);
    expect(spendOf(totals, teamScope(team.id), "day").usd).toBe(7);
    // Guard usage catching up with the spans adds nothing until it passes them.
    await act(agent, { traceId, usage: dollars(4) });
    await act(agent, { traceId, usage: dollars(1) });
    totals = await readSpend([teamScope(team.id)]);
    expect(spendOf(totals, teamScope(team.id), "day").usd).toBe(8);
  });

  it("lets a reviewer approve a budget hold with a one-off extension for the rest of the window", async () => {
    const { team, agent } = await setup({ teamBudgets: [{ window: "week", usd: 5 }] });
    const [reviewer, operator] = [await makeUser("reviewer", [team.id]), await makeUser("operator", [team.id])];
    expect((await act(agent, { usage: dollars(5) })).verdict).toBe("allow");
    const held = await act(agent);
    expect(held.verdict).toBe("hold");

    await expectAppError(decideDecision(operator, held.decisionId, { verdict: "allow", extendBudget: { usd: 3 } }), "forbidden");
    await expect(decideDecision(reviewer, held.decisionId, { verdict: "deny", extendBudget: { usd: 3 } })).rejects.toThrow(/Only an approval can extend a budget/);
    const decided = await decideDecision(reviewer, held.decisionId, { verdict: "allow", note: "quarter-end run", extendBudget: { usd: 3 } });
    expect(decided.verdict).toBe("allow");
    expect((await auditOf(held.decisionId)).map((entry) => entry.action)).toEqual(["approval.allow"]);
    expect(await db().auditEntry.count({ where: { action: "budget.extend", after: { path: ["decisionId"], equals: held.decisionId } } })).toBe(1);

    // $3 more fit, then it holds again.
    expect((await act(agent, { usage: dollars(3) })).verdict).toBe("allow");
    expect((await act(agent)).verdict).toBe("hold");
  });

  it("refuses an extension on a hold that no budget caused", async () => {
    const { team, agent } = await setup({ policy: { tools: [{ tool: "*" }], gates: [{ id: "all", when: { tool: "*" } }] } });
    const reviewer = await makeUser("reviewer", [team.id]);
    const held = await act(agent);
    expect(held.verdict).toBe("hold");
    const error = await expectAppError(decideDecision(reviewer, held.decisionId, { verdict: "allow", extendBudget: { usd: 1 } }), "validation_failed");
    expect(error.message).toMatch(/not held by a budget/);
  });
});

describe("loop breaker", () => {
  const call = (agent: AgentPrincipal, sessionId: string, tool = "refunds.issue", params: Record<string, unknown> = { order: "A-1", amount: 20 }) =>
    checkGuard(agent, { check: "action", sessionId, action: { tool, params } });

  it("stops a session that repeats the same call past the limit, and only that session", async () => {
    const { agent } = await setup({ policy: { tools: [{ tool: "*" }], loopBreaker: { sameCallMax: 3, windowSeconds: 60 } } });
    const session = `s-${randomUUID()}`;
    for (let index = 0; index < 3; index++) expect((await call(agent, session)).verdict).toBe("allow");
    // Same parameters in another key order are the same call.
    const looped = await call(agent, session, "refunds.issue", { amount: 20, order: "A-1" });
    expect(looped.verdict).toBe("deny");
    expect(looped.reasons[0]).toMatchObject({ code: "loop_detected" });
    expect(looped.reasons[0].message).toMatch(/called with the same parameters 4 times within 60 s \(limit 3\)/);
    // The session is stopped: a different call is denied too; another session is not affected.
    const after = await call(agent, session, "orders.lookup", { order: "B-2" });
    expect(after).toMatchObject({ verdict: "deny", reasons: [{ code: "loop_detected" }] });
    expect(after.reasons[0].message).toMatch(/stopped by the loop breaker/);
    expect((await call(agent, `s-${randomUUID()}`)).verdict).toBe("allow");
    const stored = await db().guardSession.findUniqueOrThrow({ where: { agentId_sessionId: { agentId: agent.agentId, sessionId: session } } });
    expect(stored.stoppedAt).not.toBeNull();
  });

  it("counts exactly under parallel calls", async () => {
    const { agent } = await setup({ policy: { tools: [{ tool: "*" }], loopBreaker: { sameCallMax: 4, windowSeconds: 60 } } });
    const session = `s-${randomUUID()}`;
    const verdicts = (await Promise.all(Array.from({ length: 12 }, () => call(agent, session)))).map((result) => result.verdict);
    expect(verdicts.filter((verdict) => verdict === "allow")).toHaveLength(4);
  });

  it("stops a session that asks for more actions than the limit, whatever they are", async () => {
    const { agent } = await setup({ policy: { tools: [{ tool: "*" }], loopBreaker: { sessionActionMax: 5 } } });
    const session = `s-${randomUUID()}`;
    for (let index = 0; index < 5; index++) expect((await call(agent, session, "kb.search", { q: `question ${index}` })).verdict).toBe("allow");
    const sixth = await call(agent, session, "kb.search", { q: "one more" });
    expect(sixth.verdict).toBe("deny");
    expect(sixth.reasons[0].message).toMatch(/asked for 6 actions \(limit 5\)/);
  });

  it("forgets calls older than the window", async () => {
    const { agent } = await setup({ policy: { tools: [{ tool: "*" }], loopBreaker: { sameCallMax: 1, windowSeconds: 1 } } });
    const session = `s-${randomUUID()}`;
    expect((await call(agent, session)).verdict).toBe("allow");
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await call(agent, session)).verdict).toBe("allow");
    expect((await call(agent, session)).verdict).toBe("deny");
  });
});

describe("purging guard state", () => {
  it("deletes repeat windows idle for a day and sessions idle for a week, keeping recent ones", async () => {
    const { agent } = await setup();
    const [session, recent] = [`s-${randomUUID()}`, `s-${randomUUID()}`];
    for (const id of [session, recent]) await checkGuard(agent, { check: "action", sessionId: id, action: { tool: "kb.search" } });
    const ago = (hours: number) => new Date(Date.now() - hours * 3600 * 1000);
    const where = { agentId: agent.agentId, sessionId: session };
    await db().guardCall.updateMany({ where, data: { lastAt: ago(25) } });
    await db().guardSession.updateMany({ where, data: { lastAt: ago(6 * 24) } });
    await purgeGuardState();
    expect(await db().guardCall.count({ where })).toBe(0);
    expect(await db().guardSession.count({ where })).toBe(1);
    await db().guardSession.updateMany({ where, data: { lastAt: ago(7 * 24 + 1) } });
    await purgeGuardState();
    expect(await db().guardSession.count({ where })).toBe(0);
    expect(await db().guardSession.count({ where: { agentId: agent.agentId, sessionId: recent } })).toBe(1);
    expect(await db().guardCall.count({ where: { agentId: agent.agentId, sessionId: recent } })).toBe(1);
  });
});
