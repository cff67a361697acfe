import type { PolicyDocumentInput } from "./policy/schemas";

// The demo fleet's policies (DESIGN.md): what each demo agent may do and what waits for a reviewer.
export const demoPolicies: PolicyDocumentInput[] = [
  {
    scope: { agent: "procurement-agent" },
    tools: [{ tool: "vendor.lookup" }, { tool: "purchase.create", constraints: [{ param: "amount", op: "gt", value: 0 }] }],
    gates: [{ id: "large-purchase", when: { tool: "purchase.create", conditions: [{ param: "amount", op: "gt", value: 1000 }] }, expiresInSeconds: 3600 }],
  },
  {
    scope: { agent: "support-agent" },
    tools: [{ tool: "kb.search" }, { tool: "email.reply" }, { tool: "ticket.escalate" }],
    screening: {
      input: { user: { enabled: true, sensitivity: "medium" }, tool: { enabled: true, sensitivity: "medium" } },
      output: { secrets: true, cards: true, iban: true },
    },
  },
  {
    scope: { agent: "claims-agent" },
    tools: [{ tool: "policy.lookup" }, { tool: "claim.approve" }, { tool: "claim.reject" }],
    gates: [
      {
        id: "large-claim",
        when: { decisionType: "claim.approve", conditions: [{ param: "amount", op: "gt", value: 5000 }] },
        expiresInSeconds: 4 * 3600,
      },
    ],
  },
  {
    scope: { agent: "refund-agent" },
    tools: [{ tool: "orders.lookup" }, { tool: "refunds.issue", constraints: [{ param: "amount", op: "lte", value: 500 }] }],
    gates: [{ id: "large-refund", when: { tool: "refunds.issue", conditions: [{ param: "amount", op: "gt", value: 200 }] }, expiresInSeconds: 1800 }],
  },
];
