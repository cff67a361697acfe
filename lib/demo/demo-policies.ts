import type { PolicyDocumentInput } from "../policies/document-schema";

// The demo fleet's policies (DESIGN.md): what each demo agent may do and what waits for a reviewer.
// The tools listed are the ones the simulated agents (lib/simulator/scenarios) call in their everyday
// tasks; what an injected email asks for (customers.export, email.forward) is deliberately absent, so
// the guard denies it as out_of_scope. Holds expire after 15 minutes so an unattended demo's queue drains.
const DEMO_HOLD_SECONDS = 15 * 60;

export const demoPolicies: PolicyDocumentInput[] = [
  {
    scope: { agent: "procurement-agent" },
    tools: [{ tool: "vendor.lookup" }, { tool: "budget.check" }, { tool: "purchase.create", constraints: [{ param: "amount", op: "gt", value: 0 }] }],
    gates: [{ id: "large-purchase", when: { tool: "purchase.create", conditions: [{ param: "amount", op: "gt", value: 1000 }] }, expiresInSeconds: DEMO_HOLD_SECONDS }],
  },
  {
    scope: { agent: "support-agent" },
    tools: [{ tool: "inbox.read" }, { tool: "email.send" }, { tool: "ticket.escalate" }],
    screening: {
      input: { user: { enabled: true, sensitivity: "medium" }, tool: { enabled: true, sensitivity: "medium" } },
      output: { secrets: true, cards: true, iban: true },
    },
  },
  {
    scope: { agent: "claims-agent" },
    tools: [
      { tool: "policy.lookup" },
      { tool: "claim.approve" },
      { tool: "claim.reject" },
      { tool: "claim.request_documents" },
      { tool: "claim.escalate" },
      { tool: "claim.flag_for_review" },
    ],
    gates: [
      {
        id: "large-claim",
        when: { decisionType: "claim.approve", conditions: [{ param: "amount", op: "gt", value: 5000 }] },
        expiresInSeconds: DEMO_HOLD_SECONDS,
      },
    ],
  },
  {
    scope: { agent: "refund-agent" },
    tools: [
      { tool: "orders.lookup" },
      { tool: "refunds.issue", constraints: [{ param: "amount", op: "lte", value: 500 }] },
      { tool: "refunds.escalate" },
      { tool: "refunds.status" },
    ],
    gates: [{ id: "large-refund", when: { tool: "refunds.issue", conditions: [{ param: "amount", op: "gt", value: 400 }] }, expiresInSeconds: DEMO_HOLD_SECONDS }],
    // The same lookup more than 3 times in 2 minutes is a loop; no session needs 50 actions.
    loopBreaker: { sameCallMax: 3, windowSeconds: 120, sessionActionMax: 50 },
  },
];

// The demo departments' budgets (teams.budgets): the Procurement department's daily spend is small
// enough that the simulator's quarterly vendor reviews (procurement.vendor-review, a long-context model
// reading whole document batches) exhaust it within minutes of `npm start`; from then on the
// procurement agent's actions are denied with budget_exceeded. The Claims department has no budget:
// the claims agent carries the versions and drift story and must keep working.
export const demoTeamBudgets: Record<string, NonNullable<PolicyDocumentInput["budgets"]>> = {
  Procurement: [{ window: "day", usd: 15, onExceed: "deny", alertAtPercent: 80 }],
};

// What earlier demo seeds gave the Claims department: a database seeded with it (and not changed since)
// is moved to the budgets above (prisma/seed.ts).
export const formerDemoTeamBudgets: Record<string, NonNullable<PolicyDocumentInput["budgets"]>> = {
  Claims: [{ window: "day", usd: 15, onExceed: "deny", alertAtPercent: 80 }],
};
