import type { Scenario } from "../types";
import { startAgentRun } from "../agent-run";
import { money, randomInt, reference } from "../random";

// A spend burst: the claims agent re-reviews a backlog batch of claim files for fraud indicators with
// an expensive long-context model, the whole batch attached as files (hundreds of thousands of input
// tokens per call). Together with the claims team's everyday traffic it spends the Claims department's
// daily budget (prisma/seed.ts) within minutes; from then on the guard answers budget_exceeded and
// the agent stops (the fleet backs the agent off for a while: start-simulator.ts).
const MODEL = "claude-opus-4-1";

const SYSTEM = `You are the claims agent of Northwind Insurance in backlog review mode. Read the attached batch
of claim files, flag claims with fraud indicators with claim.flag_for_review, and summarise the batch.`;

export const claimsBacklogScenario: Scenario = {
  name: "claims.backlog-review",
  agent: "claims-agent",
  weight: 0.12,
  async run(tracer, ctx) {
    const batch = reference("BATCH", 5);
    const files = randomInt(120, 260);
    const run = await startAgentRun(tracer, ctx, {
      agent: "claims-agent",
      workflow: "claims.backlog-review",
      dialect: "genai",
      version: "2.3.1",
      system: SYSTEM,
      input: `Review backlog batch ${batch}: ${files} claim files from last quarter (attached).`,
      toolDefinitionTokens: 1150,
    });
    const parts = 3;
    let flagged = 0;
    for (let part = 1; part <= parts; part++) {
      const claimId = reference("CLM");
      const flag = { claimId, reason: `part ${part} of ${batch}: repair estimate ${money(3000, 9000).toFixed(2)} EUR from a garage that filed 14 similar claims this year` };
      run.llm({ model: MODEL, temperature: 0, attachedTokens: Math.round((files / parts) * randomInt(1800, 2600)), toolCalls: [{ name: "claim.flag_for_review", arguments: flag }] });
      const done = await run.tool({ name: "claim.flag_for_review", description: "Put a claim on the fraud team's review list", arguments: flag, result: { listed: true, position: randomInt(1, 60) }, durationMs: 90 });
      if (!done) return run.finish({ outcome: "stopped" });
      flagged += 1;
    }
    run.llm({ model: MODEL, reply: `Batch ${batch}: reviewed ${files} claim files, flagged ${flagged} for the fraud team.` });
    return run.finish({ outcome: "reviewed", reply: `Reviewed ${files} claim files of ${batch}; ${flagged} flagged.` });
  },
};
