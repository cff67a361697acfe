// Timing of one in-process action decision against a realistic policy of ~20 rules.
// Run: npm run bench:guard-evaluate   (prints figures; never a test: timing is machine-bound)
import { performance } from "node:perf_hooks";
import { compilePolicy, type PolicyAction } from "../lib/guard/policy/evaluate-action";
import { resolvePolicy } from "../lib/guard/policy/resolve-policy";
import { policyDocumentSchema } from "../lib/guard/policy/schemas";

const agentPolicy = policyDocumentSchema.parse({
  scope: { agent: "procurement-agent" },
  tools: [
    { tool: "purchase.create", constraints: [{ param: "amount", op: "lte", value: 50_000 }, { param: "currency", op: "in", value: ["EUR", "USD", "GBP"] }] },
    { tool: "purchase.cancel", constraints: [{ param: "orderId", op: "matches", value: "^PO-\\d{6}$" }] },
    { tool: "vendors.lookup" },
    { tool: "vendors.update", constraints: [{ param: "vendor.country", op: "notIn", value: ["KP", "IR", "SY"] }] },
    { tool: "invoices.*", constraints: [{ param: "amount", op: "gte", value: 0, ifMissing: "ignore" }] },
    { tool: "catalog.search", constraints: [{ param: "limit", op: "lte", value: 100, ifMissing: "ignore" }] },
    { tool: "email.send", constraints: [{ param: "to", op: "matches", value: "@(acme|supplier)\\.com$" }, { param: "priority", op: "neq", value: "urgent", ifMissing: "ignore" }] },
    { tool: "budget.check" },
  ],
  resources: ["erp://vendors/*", "erp://orders/*"],
  gates: [
    { id: "large-purchase", when: { tool: "purchase.create", conditions: [{ param: "amount", op: "gt", value: 1000 }] }, expiresInSeconds: 1800 },
    { id: "new-vendor", when: { tool: "vendors.update", conditions: [{ param: "vendor.status", op: "eq", value: "new", ifMissing: "ignore" }] } },
    { id: "capex", when: { decisionType: "purchase.capex", conditions: [{ param: "amount", op: "gt", value: 500 }] } },
    { id: "cancel-any", when: { tool: "purchase.cancel" } },
    { id: "invoice-pay", when: { tool: "invoices.pay", conditions: [{ param: "amount", op: "gte", value: 10_000 }] } },
  ],
});
const workflowPolicy = policyDocumentSchema.parse({ scope: { agent: "procurement-agent", workflow: "restock" }, failMode: "closed" });
const policy = compilePolicy(resolvePolicy([agentPolicy, workflowPolicy], { workflow: "restock" })!);

const actions: { action: PolicyAction; decisionType?: string }[] = [
  { action: { tool: "purchase.create", amount: 420, params: { currency: "EUR", sku: "A-1" }, resource: "erp://orders/1" } },
  { action: { tool: "purchase.create", amount: 4200, params: { currency: "USD" } } },
  { action: { tool: "purchase.create", params: { amount: 900, currency: "EUR" } }, decisionType: "purchase.capex" },
  { action: { tool: "purchase.cancel", params: { orderId: "PO-123456" } } },
  { action: { tool: "vendors.update", params: { vendor: { country: "FR", status: "active" } }, resource: "erp://vendors/9" } },
  { action: { tool: "invoices.pay", params: { amount: 12_000 } } },
  { action: { tool: "email.send", params: { to: ["buyer@acme.com", "rep@supplier.com"] } } },
  { action: { tool: "admin.grant_role", params: { role: "admin" } } },
  { action: { tool: "catalog.search", params: { q: "bolts", limit: 20 } } },
];

const ITERATIONS = 200_000;
const WARMUP = 20_000;
const timings = new Float64Array(ITERATIONS);
const verdicts = { allow: 0, deny: 0, hold: 0 };

for (let index = 0; index < WARMUP; index++) {
  const { action, decisionType } = actions[index % actions.length];
  policy.evaluate(action, { decisionType });
}
const started = performance.now();
for (let index = 0; index < ITERATIONS; index++) {
  const { action, decisionType } = actions[index % actions.length];
  const before = performance.now();
  const decision = policy.evaluate(action, { decisionType });
  timings[index] = performance.now() - before;
  verdicts[decision.verdict]++;
}
const elapsed = performance.now() - started;

timings.sort();
const percentile = (p: number) => timings[Math.min(ITERATIONS - 1, Math.floor((p / 100) * ITERATIONS))] * 1000;
const ruleCount = agentPolicy.tools!.length + agentPolicy.tools!.reduce((sum, rule) => sum + rule.constraints.length, 0) + agentPolicy.gates!.length;
console.log(`evaluateAction: ${ITERATIONS} decisions, ${ruleCount} rules (tools + constraints + gates), verdicts ${JSON.stringify(verdicts)}`);
console.log(`p50 ${percentile(50).toFixed(2)} µs   p99 ${percentile(99).toFixed(2)} µs   p99.9 ${percentile(99.9).toFixed(2)} µs   max ${(timings[ITERATIONS - 1] * 1000).toFixed(1)} µs`);
console.log(`throughput ${Math.round(ITERATIONS / (elapsed / 1000)).toLocaleString("en-US")} decisions/s (timer included); target p99 ≤ 100 µs`);
