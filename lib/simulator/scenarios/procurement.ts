import type { Scenario } from "../types";
import { startAgentRun } from "../agent-run";
import { chance, money, pick, randomInt, reference } from "../random";

// Procurement: find approved vendors for a request, compare quotes, raise a purchase order with
// purchase.create. Orders above 1,000 EUR are what the demo policy holds for a reviewer.
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

const SYSTEM = `You are the procurement agent of Woodgrove Manufacturing. Find approved vendors with
vendor.lookup, compare their quotes, and raise a purchase order with purchase.create for the cheapest
approved vendor that can deliver within 10 days. Stay within the requesting department's budget.`;

export const procurementScenario: Scenario = {
  name: "procurement.purchase",
  agent: "procurement-agent",
  weight: 1,
  run(tracer, ctx) {
    const request = pick(requests);
    const quantity = randomInt(request.quantity[0], request.quantity[1]);
    const model = pick(["gpt-4.1", "gpt-5-mini", "gemini-2.5-flash", "mistral-large"]);
    const run = startAgentRun(tracer, ctx, {
      agent: "procurement-agent",
      workflow: "procurement.purchase",
      dialect: "genai",
      version: "1.1.0",
      system: SYSTEM,
      input: `${request.requester} requests ${quantity} ${request.item} (request ${reference("PR", 5)}).`,
      toolDefinitionTokens: 780,
    });
    run.llm({ model, toolCalls: [{ name: "vendor.lookup", arguments: { category: request.category, quantity } }] });
    const quotes = vendorsByCategory[request.category].map((vendor) => ({ vendor, unitPrice: money(request.unit[0], request.unit[1]), deliveryDays: randomInt(2, 14), approved: true }));
    run.tool({ name: "vendor.lookup", description: "Approved vendors and current quotes for a category", arguments: { category: request.category, quantity }, result: { vendors: quotes }, durationMs: 380 });

    const deliverable = quotes.filter((quote) => quote.deliveryDays <= 10).sort((a, b) => a.unitPrice - b.unitPrice);
    if (deliverable.length === 0) {
      run.llm({ model, reply: `No approved vendor can deliver ${request.item} within 10 days; asking ${request.requester} whether a later date works.` });
      return run.finish({ outcome: "no_vendor", reply: "No approved vendor can deliver in time." });
    }
    const best = deliverable[0];
    const amount = Math.round(best.unitPrice * quantity * 100) / 100;
    const budgetLeft = money(300, 12_000);
    if (amount > budgetLeft) {
      run.tool({ name: "budget.check", description: "Remaining budget of a department this quarter", arguments: { department: request.requester }, result: { remaining: budgetLeft, currency: "EUR" }, durationMs: 90 });
      run.llm({ model, reply: `The order (${amount.toFixed(2)} EUR) exceeds ${request.requester}'s remaining budget of ${budgetLeft.toFixed(2)} EUR; not ordered.` });
      return run.finish({ outcome: "rejected", reply: "Over the department's remaining budget." });
    }
    const order = { vendor: best.vendor, item: request.item, quantity, unitPrice: best.unitPrice, amount, currency: "EUR", costCenter: request.requester };
    run.llm({ model, toolCalls: [{ name: "purchase.create", arguments: order }] });
    if (chance(0.03)) {
      run.tool({ name: "purchase.create", description: "Raise a purchase order with a vendor", arguments: order, durationMs: 3000, error: "ERP rejected the order: vendor master data locked" });
      return run.finish({ outcome: "failed", error: "purchase order could not be created" });
    }
    const held = amount > 1000;
    const result = held ? { status: "pending_approval", approvalRequired: true } : { status: "ordered", purchaseOrder: reference("PO", 7) };
    run.tool({ name: "purchase.create", description: "Raise a purchase order with a vendor", arguments: order, result, durationMs: held ? 260 : 520 });
    run.llm({ model, reply: held ? `Purchase of ${amount.toFixed(2)} EUR with ${best.vendor} awaits a reviewer's approval.` : `Ordered ${quantity} ${request.item} from ${best.vendor} for ${amount.toFixed(2)} EUR.` });
    return run.finish({ outcome: held ? "pending_approval" : "ordered", reply: held ? "Awaiting approval." : `Ordered from ${best.vendor}.` });
  },
};
