import { describe, expect, it } from "vitest";
import { compilePolicy, evaluateAction } from "./evaluate-action";
import { resolvePolicy } from "./resolve-policy";
import { policyDocumentSchema, type Condition, type PolicyDocumentInput } from "./document-schema";

const compile = (input: Omit<PolicyDocumentInput, "scope">) => compilePolicy(policyDocumentSchema.parse({ scope: { agent: "refund-agent" }, ...input }));
const withConstraint = (constraint: Record<string, unknown>) => compile({ tools: [{ tool: "t.call", constraints: [constraint as Condition] }] });
const verdictOf = (constraint: Record<string, unknown>, params: Record<string, unknown>) => withConstraint(constraint).evaluate({ tool: "t.call", params }).verdict;

describe("evaluateAction: scope", () => {
  const policy = compile({ tools: [{ tool: "refunds.issue" }, { tool: "orders.*" }], resources: ["crm://customers/*"] });

  it("denies a tool outside the scope (context boundary)", () => {
    expect(policy.evaluate({ tool: "admin.delete_user" })).toEqual({
      verdict: "deny",
      reasons: [{ code: "out_of_scope", message: 'Tool "admin.delete_user" is outside the scope of agent refund-agent' }],
    });
  });

  it("allows listed tools, wildcards included, and resources inside the patterns", () => {
    expect(policy.evaluate({ tool: "refunds.issue", resource: "crm://customers/42" })).toEqual({ verdict: "allow", reasons: [] });
    expect(policy.evaluate({ tool: "orders.lookup.by-id" }).verdict).toBe("allow");
    expect(policy.evaluate({ tool: "Refunds.Issue" }).verdict).toBe("deny");
  });

  it("quotes a long resource in the reason without cutting a character in half", () => {
    const [reason] = policy.evaluate({ tool: "refunds.issue", resource: `crm://admins/${"x".repeat(42)}${"😀".repeat(20)}` }).reasons;
    expect(reason.message.isWellFormed()).toBe(true);
    expect(reason.message).toContain(`"crm://admins/${"x".repeat(42)}…`);
  });

  it("denies a resource outside the patterns", () => {
    expect(policy.evaluate({ tool: "refunds.issue", resource: "crm://admins/1" }).reasons).toEqual([
      { code: "out_of_scope", message: 'Resource "crm://admins/1" is outside the resources agent refund-agent may use' },
    ]);
  });

  it("allows nothing by default", () => {
    expect(evaluateAction(policyDocumentSchema.parse({ scope: { agent: "refund-agent" } }), { tool: "refunds.issue" }).verdict).toBe("deny");
  });
});

describe("evaluateAction: constraints", () => {
  it.each([
    ["lte", 500, 500, 500.01],
    ["lt", 500, 499, 500],
    ["gte", 10, 10, 9.99],
    ["gt", 10, 11, 10],
    ["eq", "EUR", "EUR", "USD"],
    ["neq", "closed", "open", "closed"],
    ["in", ["EUR", "USD"], "USD", "GBP"],
    ["notIn", ["RU", "KP"], "FR", "KP"],
    ["matches", "^ORD-\\d{6}$", "ORD-123456", "ORD-12"],
  ])("%s %j passes %j and denies %j", (op, value, passing, failing) => {
    expect(verdictOf({ param: "p", op, value }, { p: passing })).toBe("allow");
    expect(verdictOf({ param: "p", op, value }, { p: failing })).toBe("deny");
  });

  it("names the parameter, the rule and the actual value", () => {
    expect(withConstraint({ param: "amount", op: "lte", value: 500 }).evaluate({ tool: "t.call", amount: 750 })).toEqual({
      verdict: "deny",
      reasons: [{ code: "policy_rule", message: "t.call: amount must satisfy amount lte 500 (at most 500), but is 750" }],
    });
  });

  it("reads the amount top-level or from params, and checks both when both are given", () => {
    const policy = withConstraint({ param: "amount", op: "lte", value: 500 });
    expect(policy.evaluate({ tool: "t.call", params: { amount: 400 } }).verdict).toBe("allow");
    expect(policy.evaluate({ tool: "t.call", params: { amount: 600 } }).verdict).toBe("deny");
    expect(policy.evaluate({ tool: "t.call", amount: 100, params: { amount: 9000 } }).verdict).toBe("deny");
  });

  it("compares numeric strings as numbers and refuses text where a number belongs", () => {
    expect(verdictOf({ param: "amount", op: "lte", value: 500 }, { amount: "250.00" })).toBe("allow");
    expect(verdictOf({ param: "n", op: "in", value: [1, 2] }, { n: "2" })).toBe("allow");
    expect(verdictOf({ param: "n", op: "eq", value: "1" }, { n: 1 })).toBe("deny");
    expect(withConstraint({ param: "amount", op: "lte", value: 500 }).evaluate({ tool: "t.call", amount: "lots" }).reasons[0].message).toBe(
      't.call: amount must satisfy amount lte 500 (at most 500), but cannot be compared ("lots")',
    );
  });

  it("reads nested parameters and requires every element of a list to pass", () => {
    expect(verdictOf({ param: "customer.tier", op: "in", value: ["gold"] }, { customer: { tier: "gold" } })).toBe("allow");
    expect(verdictOf({ param: "to", op: "matches", value: "@acme\\.com$" }, { to: ["a@acme.com", "b@evil.com"] })).toBe("deny");
  });

  it("denies a missing parameter unless the constraint says ifMissing ignore", () => {
    expect(withConstraint({ param: "amount", op: "lte", value: 500 }).evaluate({ tool: "t.call" }).reasons[0].message).toBe(
      "t.call requires amount for the rule amount lte 500 (at most 500), but the action does not give it",
    );
    expect(verdictOf({ param: "note", op: "matches", value: "^[a-z ]*$", ifMissing: "ignore" }, {})).toBe("allow");
  });
});

describe("evaluateAction: gates", () => {
  const policy = compile({
    tools: [{ tool: "refunds.issue", constraints: [{ param: "amount", op: "lte", value: 5000 }] }, { tool: "claims.approve" }, { tool: "accounts.*" }],
    gates: [
      { id: "large-refund", when: { tool: "refunds.issue", conditions: [{ param: "amount", op: "gt", value: 200 }] }, expiresInSeconds: 900 },
      { id: "big-claim", when: { decisionType: "claim.approve", conditions: [{ param: "amount", op: "gt", value: 1000, ifMissing: "ignore" }] } },
      { id: "account-changes", when: { tool: ["accounts.close", "accounts.merge"] } },
    ],
  });

  it("holds a refund above 200 for a reviewer, with the gate's expiry", () => {
    expect(policy.evaluate({ tool: "refunds.issue", amount: 350 })).toEqual({
      verdict: "hold",
      reasons: [{ code: "approval_required", message: 'Held for a reviewer by gate "large-refund": calls to refunds.issue; amount gt 200 (more than 200), got 350' }],
      gate: { id: "large-refund", expiresInSeconds: 900 },
    });
    expect(policy.evaluate({ tool: "refunds.issue", amount: 200 }).verdict).toBe("allow");
  });

  it("denies rather than holds when a constraint is broken", () => {
    expect(policy.evaluate({ tool: "refunds.issue", amount: 9000 }).verdict).toBe("deny");
  });

  it("holds a decision type above a value, whatever tool carries it", () => {
    expect(policy.evaluate({ tool: "claims.approve", params: { amount: 1500 } }, { decisionType: "claim.approve" }).gate).toEqual({ id: "big-claim", expiresInSeconds: 3600 });
    expect(policy.evaluate({ tool: "claims.approve", params: { amount: 1500 } }, { decisionType: "claim.review" }).verdict).toBe("allow");
    expect(policy.evaluate({ tool: "claims.approve" }, { decisionType: "claim.approve" }).verdict).toBe("allow");
  });

  it("holds any call to a listed tool, reached through a wildcard rule too", () => {
    expect(policy.evaluate({ tool: "accounts.close" }).gate?.id).toBe("account-changes");
    expect(policy.evaluate({ tool: "accounts.lookup" }).verdict).toBe("allow");
  });

  it("holds when a gate's parameter is missing, so omitting it is no way around a reviewer", () => {
    expect(policy.evaluate({ tool: "refunds.issue", params: {} }).verdict).toBe("deny");
    const lenient = compile({ tools: [{ tool: "refunds.issue" }], gates: [{ id: "g", when: { conditions: [{ param: "amount", op: "gt", value: 200 }] } }] });
    expect(lenient.evaluate({ tool: "refunds.issue" }).verdict).toBe("hold");
  });

  it("reports every gate that matched and the first one's expiry", () => {
    const both = compile({
      tools: [{ tool: "claims.approve" }],
      gates: [
        { id: "all-approvals", when: { tool: "claims.approve" }, expiresInSeconds: 600 },
        { id: "claims-type", when: { decisionType: "claim.*" } },
      ],
    }).evaluate({ tool: "claims.approve" }, { decisionType: "claim.approve" });
    expect(both.reasons.map((reason) => reason.message)).toEqual([
      'Held for a reviewer by gate "all-approvals": calls to claims.approve',
      'Held for a reviewer by gate "claims-type": decision type claim.approve',
    ]);
    expect(both.gate).toEqual({ id: "all-approvals", expiresInSeconds: 600 });
  });
});

describe("evaluateAction", () => {
  it("takes a resolved policy or a document and compiles it once", () => {
    const document = policyDocumentSchema.parse({ scope: { agent: "refund-agent" }, tools: [{ tool: "refunds.issue" }] });
    const resolved = resolvePolicy([document], {});
    expect(resolved && evaluateAction(resolved, { tool: "refunds.issue" }).verdict).toBe("allow");
    expect(evaluateAction(document, { tool: "refunds.issue" }).verdict).toBe("allow");
    expect(evaluateAction(compilePolicy(document), { tool: "refunds.void" }).verdict).toBe("deny");
  });
});
