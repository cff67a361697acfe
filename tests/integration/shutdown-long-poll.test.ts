import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { db } from "../../lib/db/client";
import type { AgentPrincipal } from "../../lib/auth/principal";
import { checkGuard } from "../../lib/guard/check-guard";
import { getDecision } from "../../lib/guard/get-decision";
import { announceShutdown } from "../../lib/guard/decision-events";
import { invalidatePolicies } from "../../lib/policies/load-policies";
import { makeAgent, makeTeam } from "./helpers";

// At shutdown every long-poll answers with its decision's current state instead of being cut off
// (scripts/serve.mjs → lib/server/stop-control-room.ts). The flag is process-wide: this file has its own process.
it("a long-poll waiting for a held decision answers hold at once when the server shuts down, and later ones do not wait", async () => {
  const team = await makeTeam("shutdown");
  const agent = await makeAgent(team);
  await db().policy.create({
    data: { agentId: agent.id, document: { scope: { agent: agent.slug }, tools: [{ tool: "purchase.create" }], gates: [{ id: "all", when: { tool: "purchase.create" } }] } },
  });
  invalidatePolicies(agent.id);
  const principal: AgentPrincipal = { kind: "agent", agentId: agent.id, agentSlug: agent.slug, teamId: team.id, keyId: randomUUID() };
  const held = await checkGuard(principal, { check: "action", sessionId: "shutdown", action: { tool: "purchase.create", amount: 5000 } });
  expect(held.verdict).toBe("hold");

  // Longer than the test's own timeout: only the shutdown can end it in time.
  const waiting = getDecision(principal, held.decisionId, { wait: "60" });
  announceShutdown();
  expect(await waiting).toMatchObject({ decisionId: held.decisionId, verdict: "hold" });
  expect(await getDecision(principal, held.decisionId, { wait: "60" })).toMatchObject({ verdict: "hold" });
});
