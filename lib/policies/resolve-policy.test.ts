import { describe, expect, it } from "vitest";
import { policyDefaults, resolvePolicy } from "./resolve-policy";
import { policyDocumentSchema, type PolicyDocumentInput } from "./document-schema";

const documents = (...inputs: PolicyDocumentInput[]) => inputs.map((input) => policyDocumentSchema.parse(input));

const agentLevel: PolicyDocumentInput = {
  scope: { agent: "claims-agent" },
  tools: [{ tool: "claims.read" }, { tool: "claims.approve" }],
  gates: [{ id: "any-approval", when: { tool: "claims.approve" } }],
  screening: { input: { tool: { sensitivity: "high" } }, output: { emails: true } },
  loopBreaker: { sameCallMax: 3 },
};
const workflowLevel: PolicyDocumentInput = {
  scope: { agent: "claims-agent", workflow: "intake" },
  tools: [{ tool: "claims.read" }],
  screening: { output: { phones: true } },
  failMode: "open",
};
const decisionLevel: PolicyDocumentInput = {
  scope: { agent: "claims-agent", decisionType: "claim.approve" },
  gates: [{ id: "big-claim", when: { conditions: [{ param: "amount", op: "gt", value: 1000 }] } }],
  failMode: "closed",
};
const bothLevel: PolicyDocumentInput = { scope: { agent: "claims-agent", workflow: "intake", decisionType: "claim.approve" }, resources: ["claims/*"] };

describe("resolvePolicy", () => {
  it("fills every default from an agent-level document", () => {
    const policy = resolvePolicy(documents({ scope: { agent: "claims-agent" } }), {});
    expect(policy).toEqual({
      agent: "claims-agent",
      appliedScopes: [{ agent: "claims-agent" }],
      tools: [],
      resources: undefined,
      gates: [],
      screening: {
        input: { user: policyDefaults.channel, tool: policyDefaults.channel, retrieval: policyDefaults.channel },
        output: { secrets: true, cards: true, iban: true, emails: false, phones: false, outOfScopeActions: true },
      },
      budgets: [],
      loopBreaker: { sameCallMax: 5, windowSeconds: 60, sessionActionMax: 200 },
      failMode: "closed",
    });
  });

  it("returns null when no document applies", () => {
    expect(resolvePolicy(documents(workflowLevel), { workflow: "payout" })).toBeNull();
    expect(resolvePolicy([], {})).toBeNull();
  });

  it("ignores documents for other workflows and decision types", () => {
    const policy = resolvePolicy(documents(agentLevel, workflowLevel, decisionLevel), { workflow: "payout", decisionType: "claim.deny" });
    expect(policy?.appliedScopes).toEqual([{ agent: "claims-agent" }]);
    expect(policy?.tools.map((rule) => rule.tool)).toEqual(["claims.read", "claims.approve"]);
  });

  it("lets the workflow replace whole lists and override single switches", () => {
    const policy = resolvePolicy(documents(agentLevel, workflowLevel), { workflow: "intake" });
    expect(policy?.tools.map((rule) => rule.tool)).toEqual(["claims.read"]);
    expect(policy?.gates.map((gate) => gate.id)).toEqual(["any-approval"]);
    expect(policy?.screening.output).toMatchObject({ emails: true, phones: true, secrets: true });
    expect(policy?.screening.input.tool).toEqual({ enabled: true, sensitivity: "high" });
    expect(policy?.loopBreaker).toEqual({ sameCallMax: 3, windowSeconds: 60, sessionActionMax: 200 });
    expect(policy?.failMode).toBe("open");
  });

  it("ranks decision type above workflow and both above either, whatever the input order", () => {
    const policy = resolvePolicy(documents(bothLevel, decisionLevel, workflowLevel, agentLevel), { workflow: "intake", decisionType: "claim.approve" });
    expect(policy?.appliedScopes).toEqual([
      { agent: "claims-agent" },
      { agent: "claims-agent", workflow: "intake" },
      { agent: "claims-agent", decisionType: "claim.approve" },
      { agent: "claims-agent", workflow: "intake", decisionType: "claim.approve" },
    ]);
    expect(policy?.failMode).toBe("closed");
    expect(policy?.gates.map((gate) => gate.id)).toEqual(["big-claim"]);
    expect(policy?.tools.map((rule) => rule.tool)).toEqual(["claims.read"]);
    expect(policy?.resources).toEqual(["claims/*"]);
  });

  it("refuses two documents for one scope and documents of several agents", () => {
    expect(() => resolvePolicy(documents(agentLevel, agentLevel), {})).toThrow("Two policies for the same scope (claims-agent)");
    expect(() => resolvePolicy(documents(agentLevel, { scope: { agent: "refund-agent" } }), {})).toThrow("one agent");
  });

  it("applies the budgets of every applicable document, each on its own workflow's spend", () => {
    const agentBudget: PolicyDocumentInput = { scope: { agent: "claims-agent" }, budgets: [{ window: "month", usd: 500 }] };
    const workflowBudget: PolicyDocumentInput = { scope: { agent: "claims-agent", workflow: "intake" }, budgets: [{ window: "day", tokens: 1000, onExceed: "deny" }] };
    const typeBudget: PolicyDocumentInput = { scope: { agent: "claims-agent", decisionType: "claim.approve" }, budgets: [{ window: "day", usd: 5 }] };
    const policy = resolvePolicy(documents(typeBudget, workflowBudget, agentBudget), { workflow: "intake", decisionType: "claim.approve" });
    expect(policy?.budgets).toEqual([
      { workflow: undefined, budget: { window: "month", usd: 500, onExceed: "hold", alertAtPercent: 80 } },
      { workflow: "intake", budget: { window: "day", tokens: 1000, onExceed: "deny", alertAtPercent: 80 } },
      { workflow: undefined, budget: { window: "day", usd: 5, onExceed: "hold", alertAtPercent: 80 } },
    ]);
    expect(resolvePolicy(documents(typeBudget, workflowBudget, agentBudget), { workflow: "payout" })?.budgets).toHaveLength(1);
  });
});
