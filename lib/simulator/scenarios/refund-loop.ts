import type { Scenario } from "../types";
import { startAgentRun } from "../agent-run";
import { refundRunOptions } from "./refund";
import { pick, randomInt, reference } from "../random";

// A refund agent stuck in a loop: the order service keeps answering "sync in progress", and the agent
// looks the same order up again and again. The guard's loop breaker (the refund policy's sameCallMax)
// denies it with loop_detected and stops the session; the agent stops. Without a loop breaker the
// agent's own iteration limit ends it.
const MAX_ITERATIONS = 10;

const SYSTEM = `You are the refund agent of Contoso Retail. Look up the order with orders.lookup before
refunding. If the order is still being updated, look it up again.`;

const customers = ["Priya Patel", "Daniel Novak", "Chen Wei", "Olivia Brown"];

export const refundLoopScenario: Scenario = {
  name: "refunds.loop",
  agent: "refund-agent",
  weight: 0.15,
  async run(tracer, ctx) {
    const orderId = reference("ORD", 8);
    const customer = pick(customers);
    const model = ctx.config.model;
    const run = await startAgentRun(
      tracer,
      ctx,
      refundRunOptions(SYSTEM, `Customer ${customer} (order ${orderId}): "I returned the parcel two weeks ago and still have no refund."`),
    );
    for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
      run.llm({ model, toolCalls: [{ name: "orders.lookup", arguments: { orderId } }] });
      const looked = await run.tool({
        name: "orders.lookup",
        description: "Fetch an order by id",
        arguments: { orderId },
        result: { orderId, status: "return_in_transit", syncInProgress: true, note: "Order is being updated; retry shortly" },
        durationMs: randomInt(110, 160),
      });
      if (!looked) return run.finish({ outcome: "stopped" });
      run.wait(randomInt(300, 900));
    }
    return run.finish({ outcome: "gave_up", error: `the agent hit its limit of ${MAX_ITERATIONS} iterations without finishing` });
  },
};
