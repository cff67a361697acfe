import type { Tracer } from "@opentelemetry/api";
import type { Scenario, ScenarioContext, ScenarioResult } from "../types";
import { startAgentRun } from "../agent-run";
import { chance, money, pick, randomInt, reference } from "../random";

// Procurement: find approved vendors for a request, compare quotes, raise a purchase order with
// purchase.create. Orders above 1,000 EUR wait for a reviewer (the demo policy's large-purchase gate).
const requests = [
  { item: "ergonomic office chairs", quantity: [4, 20], unit: [180, 420], category: "furniture", requester: "Facilities" },
  { item: "USB-C docking stations", quantity: [5, 30], unit: [90, 210], category: "it-hardware", requester: "IT" },
  { item: "printer toner cartridges", quantity: [6, 24], unit: [35, 80], category: "office-supplies", requester: "Office management" },
  { item: "annual licences for the design tool", quantity: [3, 15], unit: [120, 600], category: "software", requester: "Marketing" },
  { item: "first-aid kits", quantity: [2, 10], unit: [25, 60], category: "safety", requester: "HR" },
] as const;

const vendorsByCategory: Record<string, string[]> = {
  furniture: ["Steelform GmbH", "Nordic Office Supply"],
  "it-hardware": ["Bytewise Distribution", "Komplett Business"],
  "office-supplies": ["Papier & Co", "OfficeWorld B2B"],
  software: ["SoftwareOne", "Crayon"],
  safety: ["SafeWork Supplies", "MedPro Direct"],
};

const LARGE_PURCHASE = 1000; // the demo policy's large-purchase gate holds purchase.create above this

const largeRequests = [
  { item: "height-adjustable desks", quantity: [8, 24], unit: [380, 890], category: "furniture", requester: "Facilities" },
  { item: "developer laptops", quantity: [4, 12], unit: [1400, 2600], category: "it-hardware", requester: "IT" },
] as const;

// procurement.purchase: everyday orders. An order above the gate is what the large-purchase scenario
// demonstrates; here, when the fleet already has enough sessions waiting for a reviewer, the agent
// orders what fits under the gate now (a partial order) instead of adding to the queue.
export const procurementScenario: Scenario = {
  name: "procurement.purchase",
  agent: "procurement-agent",
  weight: 1,
  run: (tracer, ctx) => purchase(tracer, ctx, pick(requests), false),
};

// procurement.large-purchase: an order above 1,000 EUR that the guard holds; the agent keeps its
// purchase.create span open and long-polls until a reviewer approves (ordered) or rejects it.
export const largePurchaseScenario: Scenario = {
  name: "procurement.large-purchase",
  agent: "procurement-agent",
  weight: 0.2,
  run: (tracer, ctx) => (ctx.waiting.hasRoom() ? purchase(tracer, ctx, pick(largeRequests), true) : purchase(tracer, ctx, pick(requests), false)),
};

type PurchaseRequest = { item: string; quantity: readonly [number, number]; unit: readonly [number, number]; category: string; requester: string };

async function purchase(tracer: Tracer, ctx: ScenarioContext, request: PurchaseRequest, large: boolean): Promise<ScenarioResult> {
  let quantity = randomInt(request.quantity[0], request.quantity[1]);
  const model = ctx.config.model;
  const run = await startAgentRun(tracer, ctx, {
    agent: "procurement-agent",
    workflow: "procurement.purchase",
    dialect: "genai",
    version: "1.1.0",
    system: ctx.config.prompt,
    input: `${request.requester} requests ${quantity} ${request.item} (request ${reference("PR", 5)}).`,
    toolDefinitionTokens: 780,
  });
  run.llm({ model, toolCalls: [{ name: "vendor.lookup", arguments: { category: request.category, quantity } }] });
  const quotes = vendorsByCategory[request.category].map((vendor) => ({ vendor, unitPrice: money(request.unit[0], request.unit[1]), deliveryDays: randomInt(2, large ? 9 : 14), approved: true }));
  if (!(await run.tool({ name: "vendor.lookup", description: "Approved vendors and current quotes for a category", arguments: { category: request.category, quantity }, result: { vendors: quotes }, durationMs: 380 }))) {
    return run.finish({ outcome: "stopped" });
  }

  const deliverable = quotes.filter((quote) => quote.deliveryDays <= 10).sort((a, b) => a.unitPrice - b.unitPrice);
  if (deliverable.length === 0) {
    run.llm({ model, reply: `No approved vendor can deliver ${request.item} within 10 days; asking ${request.requester} whether a later date works.` });
    return run.finish({ outcome: "no_vendor", reply: "No approved vendor can deliver in time." });
  }
  const best = deliverable[0];
  if (!large && best.unitPrice * quantity > LARGE_PURCHASE && !ctx.waiting.hasRoom()) quantity = Math.max(1, Math.floor(LARGE_PURCHASE / best.unitPrice));
  const amount = Math.round(best.unitPrice * quantity * 100) / 100;
  const budgetLeft = large ? money(amount, amount * 3) : money(300, 12_000);
  if (amount > budgetLeft) {
    await run.tool({ name: "budget.check", description: "Remaining budget of a department this quarter", arguments: { department: request.requester }, result: { remaining: budgetLeft, currency: "EUR" }, durationMs: 90 });
    run.llm({ model, reply: `The order (${amount.toFixed(2)} EUR) exceeds ${request.requester}'s remaining budget of ${budgetLeft.toFixed(2)} EUR; not ordered.` });
    return run.finish({ outcome: "rejected", reply: "Over the department's remaining budget." });
  }
  const order = { vendor: best.vendor, item: request.item, quantity, unitPrice: best.unitPrice, amount, currency: "EUR", costCenter: request.requester };
  run.llm({ model, toolCalls: [{ name: "purchase.create", arguments: order }] });
  if (chance(0.03)) {
    await run.tool({ name: "purchase.create", description: "Raise a purchase order with a vendor", arguments: order, durationMs: 3000, error: "ERP rejected the order: vendor master data locked" }, { amount });
    return run.finish({ outcome: "failed", error: "purchase order could not be created" });
  }
  const purchaseOrder = reference("PO", 7);
  const ordered = await run.tool(
    { name: "purchase.create", description: "Raise a purchase order with a vendor", arguments: order, result: { status: "ordered", purchaseOrder }, durationMs: 520 },
    { amount },
  );
  if (!ordered) return run.finish({ outcome: "stopped" });
  run.llm({ model, reply: `Ordered ${quantity} ${request.item} from ${best.vendor} for ${amount.toFixed(2)} EUR (${purchaseOrder}).` });
  return run.finish({ outcome: "ordered", reply: `Ordered from ${best.vendor} (${purchaseOrder}).` });
}
