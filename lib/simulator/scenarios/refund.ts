import type { Scenario } from "../types";
import { startAgentRun } from "../agent-run";
import { chance, money, pick, randomInt, reference } from "../random";

// Refunds through the Vercel AI SDK (its built-in ai.* telemetry): look the order up, check the refund
// window and the agent's limit, then issue the refund with refunds.issue or hand it to a person.
const complaints = [
  { text: "The blender arrived with a cracked jug. I want my money back.", item: "Vortex 900 blender" },
  { text: "I was charged twice for the same order.", item: "annual subscription" },
  { text: "The shoes are a size too small and the exchange is out of stock.", item: "Trail runner shoes" },
  { text: "The parcel never arrived although tracking says delivered.", item: "Noise-cancelling headphones" },
  { text: "The jacket's zip broke on the second day.", item: "Alpine shell jacket" },
] as const;

const customers = ["Priya Patel", "Daniel Novak", "Chen Wei", "Olivia Brown", "Mateo García", "Hannah Müller"];

const REFUND_LIMIT = 500;
const REVIEWED_REFUND = 400; // the demo policy's large-refund gate holds refunds.issue above this

// The refund agent's run: one place for its identity, dialect and version (the loop scenario reuses it).
export const refundRunOptions = (system: string, input: string) => ({
  agent: "refund-agent",
  workflow: "refunds.process",
  dialect: "vercel-ai" as const,
  version: "0.9.2",
  system,
  input,
  toolDefinitionTokens: 420,
});

export const refundScenario: Scenario = {
  name: "refunds.process",
  agent: "refund-agent",
  weight: 2,
  maxTurns: 2,
  async run(tracer, ctx) {
    const memory = ctx.session.memory as Partial<{ orderId: string; customer: string; complaint: (typeof complaints)[number]; refundId: string }>;
    if (!memory.orderId) Object.assign(memory, { orderId: reference("ORD", 8), customer: pick(customers), complaint: pick(complaints) });
    const { orderId, customer, complaint } = memory as Required<typeof memory>;
    const model = ctx.config.model;

    if (ctx.session.turn > 1 && memory.refundId) {
      const run = await startAgentRun(tracer, ctx, refundRunOptions(ctx.config.prompt, `${customer}: When will I see the refund on my card?`));
      run.llm({ model, toolCalls: [{ name: "refunds.status", arguments: { refundId: memory.refundId } }] });
      await run.tool({ name: "refunds.status", description: "Status of an issued refund", arguments: { refundId: memory.refundId }, result: { status: "settled", expectedOn: "within 3-5 business days" }, durationMs: 90 });
      run.llm({ model, reply: `Hi ${customer.split(" ")[0]}, your refund ${memory.refundId} has been sent to your card; banks usually show it within 3-5 business days.` });
      return run.finish({ outcome: "informed", reply: `Told ${customer} when the refund arrives.` });
    }

    const run = await startAgentRun(tracer, ctx, refundRunOptions(ctx.config.prompt, `Customer ${customer} (order ${orderId}): "${complaint.text}"`));
    run.llm({ model, toolCalls: [{ name: "orders.lookup", arguments: { orderId } }], providerRateLimited: chance(0.05) });
    const paid = money(19, 780);
    const deliveredDaysAgo = chance(0.15) ? randomInt(31, 90) : randomInt(1, 29);
    const order = { orderId, item: complaint.item, paid, currency: "EUR", status: "delivered", deliveredDaysAgo, customer };
    await run.tool({ name: "orders.lookup", description: "Fetch an order by id", arguments: { orderId }, result: order, durationMs: 130 });

    if (deliveredDaysAgo >= 30) {
      run.llm({ model, reply: `Hi ${customer.split(" ")[0]}, order ${orderId} was delivered ${deliveredDaysAgo} days ago, outside our 30-day refund window, so I can't refund it. I've attached the warranty claim form instead.` });
      return run.finish({ outcome: "rejected", reply: "Outside the 30-day refund window." });
    }
    // A refund the guard would hold goes to the payments team instead when the fleet already has enough
    // sessions waiting for a reviewer.
    const reviewQueueFull = paid > REVIEWED_REFUND && !ctx.waiting.hasRoom();
    if (paid > REFUND_LIMIT || reviewQueueFull) {
      const reason = reviewQueueFull
        ? `refund of ${paid.toFixed(2)} EUR needs a reviewer and the review queue is full`
        : `refund of ${paid.toFixed(2)} EUR exceeds the agent limit of ${REFUND_LIMIT} EUR`;
      run.llm({ model, toolCalls: [{ name: "refunds.escalate", arguments: { orderId, amount: paid, reason } }] });
      await run.tool({ name: "refunds.escalate", description: "Hand a refund to the payments team", arguments: { orderId, amount: paid, reason }, result: { ticket: reference("PAYOPS", 5) }, durationMs: 100 });
      run.llm({ model, reply: `Hi ${customer.split(" ")[0]}, I've passed your refund of ${paid.toFixed(2)} EUR to our payments team; they'll confirm within one business day.` });
      return run.finish({ outcome: "escalated", reply: "Handed to the payments team." });
    }

    const amount = complaint.item === "annual subscription" ? paid : chance(0.2) ? Math.round(paid * 50) / 100 : paid;
    const refund = { orderId, amount, currency: "EUR", reason: complaint.text };
    run.llm({ model, toolCalls: [{ name: "refunds.issue", arguments: refund }] });
    if (chance(0.02)) {
      await run.tool({ name: "refunds.issue", description: "Issue a refund to the original payment method", arguments: refund, durationMs: 2400, error: "payment gateway declined the refund (code 51)" }, { amount });
      return run.finish({ outcome: "failed", error: "refund could not be issued: payment gateway declined" });
    }
    const refundId = reference("RF", 8);
    const issued = await run.tool(
      { name: "refunds.issue", description: "Issue a refund to the original payment method", arguments: refund, result: { refundId, status: "issued", amount, currency: "EUR" }, durationMs: 340 },
      { amount },
    );
    if (!issued) return run.finish({ outcome: "stopped" });
    memory.refundId = refundId;
    run.llm({ model, reply: `Hi ${customer.split(" ")[0]}, I'm sorry about the ${complaint.item}. I've refunded ${amount.toFixed(2)} EUR to your original payment method (reference ${refundId}).` });
    return run.finish({ outcome: "refunded", reply: `Refunded ${amount.toFixed(2)} EUR (${refundId}).` });
  },
};
