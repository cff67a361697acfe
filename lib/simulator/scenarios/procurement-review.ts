import type { Scenario } from "../types";
import { startAgentRun } from "../agent-run";
import { param } from "../config-client";
import { pick, randomInt, reference } from "../random";

// A spend burst: the procurement agent's quarterly vendor review re-reads a batch of vendor files
// (contracts, insurance certificates, financial statements) with the long-context review model its
// version names (params.reviewModel), the whole batch attached as files (hundreds of thousands of
// input tokens per call), and looks each part's vendors up. Together with the everyday orders it
// spends the Procurement department's daily budget (lib/demo/demo-policies.ts) within minutes; from
// then on the guard answers budget_exceeded and the agent stops (the fleet backs the agent off for a
// while: start-simulator.ts). The Claims department has no such budget: the claims agent keeps working.
const DEFAULT_REVIEW_MODEL = "claude-opus-4-1";
const categories = ["furniture", "it-hardware", "office-supplies", "software", "safety"];

export const procurementReviewScenario: Scenario = {
  name: "procurement.vendor-review",
  agent: "procurement-agent",
  weight: 0.12,
  async run(tracer, ctx) {
    const model = param(ctx.config, "reviewModel", DEFAULT_REVIEW_MODEL);
    const batch = reference("VR", 5);
    const files = randomInt(120, 260);
    const run = await startAgentRun(tracer, ctx, {
      agent: "procurement-agent",
      workflow: "procurement.vendor-review",
      dialect: "genai",
      version: "1.1.0",
      system: `${ctx.config.prompt}\nIn a vendor review, read the attached vendor files, check each vendor's status with vendor.lookup, and list the vendors whose contract, insurance or finances need attention.`,
      input: `Quarterly vendor review ${batch}: ${files} vendor files (contracts, insurance certificates, financial statements) attached.`,
      toolDefinitionTokens: 780,
    });
    const parts = 3;
    const attention: string[] = [];
    for (let part = 1; part <= parts; part++) {
      const lookup = { category: pick(categories), vendorIds: [reference("V", 4), reference("V", 4), reference("V", 4)] };
      run.llm({ model, temperature: 0, attachedTokens: Math.round((files / parts) * randomInt(1800, 2600)), toolCalls: [{ name: "vendor.lookup", arguments: lookup }] });
      const done = await run.tool({
        name: "vendor.lookup",
        description: "Approved vendors and current quotes for a category",
        arguments: lookup,
        result: { vendors: lookup.vendorIds.map((id, index) => ({ id, approved: true, insuranceExpires: index === 0 ? "2026-01-31" : "2027-06-30" })) },
        durationMs: 380,
      });
      if (!done) return run.finish({ outcome: "stopped" });
      attention.push(lookup.vendorIds[0]);
    }
    run.llm({ model, reply: `Review ${batch}: read ${files} vendor files; ${attention.join(", ")} need a renewed insurance certificate.` });
    return run.finish({ outcome: "reviewed", reply: `Reviewed ${files} vendor files of ${batch}; ${attention.length} vendors need attention.` });
  },
};
