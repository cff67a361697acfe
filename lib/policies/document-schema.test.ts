import { describe, expect, it } from "vitest";
import { parsePolicyDocument, policyDocumentSchema } from "./document-schema";

const scope = { agent: "refund-agent" };
const errorsOf = (input: unknown) => {
  const result = parsePolicyDocument(input);
  return result.success ? [] : result.errors;
};

describe("policyDocumentSchema", () => {
  it("accepts a full document and fills the defaults inside lists", () => {
    const result = parsePolicyDocument({
      scope: { agent: "refund-agent", workflow: "refunds", decisionType: "refund.approve" },
      tools: [{ tool: "refunds.issue", constraints: [{ param: "amount", op: "lte", value: 500 }] }, { tool: "orders.*" }],
      resources: ["crm://customers/*"],
      gates: [{ id: "large-refund", when: { tool: "refunds.issue", conditions: [{ param: "amount", op: "gt", value: 200 }] } }],
      screening: { input: { user: { enabled: true, sensitivity: "high" } }, output: { emails: true } },
      budgets: [{ window: "day", usd: 50 }],
      loopBreaker: { sameCallMax: 3 },
      failMode: "open",
    });
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.data.tools?.[0].constraints[0]).toEqual({ param: "amount", op: "lte", value: 500, ifMissing: "fail" });
    expect(result.data.tools?.[1].constraints).toEqual([]);
    expect(result.data.gates?.[0].expiresInSeconds).toBe(3600);
    expect(result.data.budgets?.[0]).toEqual({ window: "day", usd: 50, onExceed: "hold", alertAtPercent: 80 });
  });

  it("keeps unwritten fields absent so a narrower scope can inherit them", () => {
    expect(policyDocumentSchema.parse({ scope })).toEqual({ scope });
  });

  it("names the field and the problem for an unknown op or a value of the wrong kind", () => {
    expect(errorsOf({ scope, tools: [{ tool: "refunds.issue", constraints: [{ param: "amount", op: "below", value: 5 }] }] })).toEqual([
      "tools[0].constraints[0].op: op must be one of lte, lt, gte, gt, eq, neq, in, notIn, matches",
    ]);
    expect(errorsOf({ scope, tools: [{ tool: "refunds.issue", constraints: [{ param: "amount", op: "lte", value: "500" }] }] })).toEqual([
      "tools[0].constraints[0].value: Use a number with lte, lt, gte and gt",
    ]);
    expect(errorsOf({ scope, tools: [{ tool: "a", constraints: [{ param: "currency", op: "in", value: [] }] }] })).toEqual([
      "tools[0].constraints[0].value: List at least one value",
    ]);
    expect(errorsOf({ scope, tools: [{ tool: "a", constraints: [{ param: "sku", op: "matches", value: "([a-z" }] }] })).toEqual([
      "tools[0].constraints[0].value: Not a valid regular expression",
    ]);
  });

  it("rejects misspelt fields instead of silently dropping a rule", () => {
    expect(errorsOf({ scope, tools: [{ tool: "refunds.issue", contraints: [] }] })).toEqual(['tools[0]: Unknown field "contraints"']);
  });

  it("rejects duplicates, empty gates, limitless budgets and bad names", () => {
    expect(errorsOf({ scope, tools: [{ tool: "a.b" }, { tool: "a.b" }] })).toEqual(['tools[1].tool: "a.b" is listed twice']);
    expect(errorsOf({ scope, gates: [{ id: "g", when: {} }] })).toEqual([
      'gates[0].when: Say when the gate holds: a tool, a decisionType or conditions (use tool "*" to hold every action)',
    ]);
    expect(errorsOf({ scope, budgets: [{ window: "day" }] })).toEqual(["budgets[0]: Give a limit in usd, tokens or both"]);
    expect(errorsOf({ scope, budgets: [{ window: "year", usd: 5 }] })).toEqual(["budgets[0].window: Use day, week or month"]);
    expect(errorsOf({ scope, tools: [{ tool: "refunds issue" }] })[0]).toMatch(/^tools\[0\]\.tool: A tool name such as refunds\.issue/);
    expect(errorsOf({ scope: { agent: "Refund Agent" } })[0]).toMatch(/^scope\.agent: Lowercase letters/);
    expect(errorsOf({ tools: [] })).toEqual(["scope: Required"]);
    expect(errorsOf({ scope, gates: [{ id: "g", when: { tool: "x" }, expiresInSeconds: 5 }] })).toEqual(["gates[0].expiresInSeconds: At least 30 seconds"]);
    expect(errorsOf({ scope, failMode: "maybe" })).toEqual(['failMode: Use "closed" or "open"']);
    expect(errorsOf({ scope, screening: { input: { user: { sensitivity: "extreme" } } } })).toEqual(["screening.input.user.sensitivity: Use low, medium or high"]);
  });
});
