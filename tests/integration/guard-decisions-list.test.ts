import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import type { AgentPrincipal, UserPrincipal } from "../../lib/auth/principal";
import { changeAgentStatus } from "../../lib/agents/change-agent-status";
import { checkGuard } from "../../lib/guard/check-guard";
import { listDecisions } from "../../lib/guard/list-decisions";
import { invalidatePolicies } from "../../lib/policies/load-policies";
import { expectAppError, makeAgent, makeTeam, makeUser, system, type TestTeam } from "./helpers";

let team: TestTeam;
let otherTeam: TestTeam;
let viewer: UserPrincipal;
let otherViewer: UserPrincipal;
let admin: UserPrincipal;
let refunds: AgentPrincipal;
let claims: AgentPrincipal;
let intruder: AgentPrincipal;
const traceId = "ab".repeat(16);

async function agentWithPolicy(onTeam: TestTeam): Promise<AgentPrincipal> {
  const agent = await makeAgent(onTeam);
  await db().policy.create({
    data: {
      agentId: agent.id,
      document: {
        scope: { agent: agent.slug },
        tools: [{ tool: "refunds.issue", constraints: [{ param: "amount", op: "lte", value: 500 }] }],
        gates: [{ id: "large-refund", when: { tool: "refunds.issue", conditions: [{ param: "amount", op: "gt", value: 200 }] }, expiresInSeconds: 600 }],
      },
    },
  });
  invalidatePolicies(agent.id);
  return { kind: "agent", agentId: agent.id, agentSlug: agent.slug, teamId: onTeam.id, keyId: randomUUID() };
}

const refund = (agent: AgentPrincipal, amount: number, link: { traceId?: string } = {}) =>
  checkGuard(agent, { check: "action", sessionId: `session-${randomUUID()}`, action: { tool: "refunds.issue", amount }, ...link });

const ids = (page: { decisions: { decisionId: string }[] }) => page.decisions.map((decision) => decision.decisionId);

let allowed: string;
let denied: string;
let held: string;
let claimsHeld: string;
let intruderDenied: string;

beforeAll(async () => {
  team = await makeTeam("decisions-list");
  otherTeam = await makeTeam("decisions-list-other");
  viewer = await makeUser("viewer", [team.id]);
  otherViewer = await makeUser("viewer", [otherTeam.id]);
  admin = await makeUser("admin", []);
  refunds = await agentWithPolicy(team);
  claims = await agentWithPolicy(team);
  intruder = await agentWithPolicy(otherTeam);
  allowed = (await refund(refunds, 50, { traceId })).decisionId;
  denied = (await refund(refunds, 900)).decisionId;
  held = (await refund(refunds, 300)).decisionId;
  claimsHeld = (await refund(claims, 300)).decisionId;
  intruderDenied = (await refund(intruder, 900)).decisionId;
  // Pausing denies the claims agent's hold with agent_paused in its final reasons.
  await changeAgentStatus(system, claims.agentSlug, "pause", { reason: "test" });
});

describe("the guard decision list", () => {
  it("lists the principal's teams' decisions newest first, with outcome and trace id", async () => {
    const page = await listDecisions(viewer);
    expect(ids(page)).toEqual([claimsHeld, held, denied, allowed]);
    const byId = new Map(page.decisions.map((decision) => [decision.decisionId, decision]));
    expect(byId.get(allowed)?.traceId).toBe(traceId);
    expect(byId.get(allowed)?.outcome).toBe("allow");
    expect(byId.get(denied)?.outcome).toBe("deny");
    expect(byId.get(held)?.outcome).toBe("pending");
    expect(byId.get(claimsHeld)?.outcome).toBe("rejected");
    expect(byId.get(denied)?.request.action?.amount).toBe(900);
    expect(page.nextCursor).toBeNull();
  });

  it("filters by agent, verdict, reason code and time", async () => {
    expect(ids(await listDecisions(viewer, { agent: refunds.agentSlug }))).toEqual([held, denied, allowed]);
    expect(ids(await listDecisions(viewer, { verdict: "deny" }))).toEqual([denied]);
    expect(ids(await listDecisions(viewer, { verdict: "blocked", agent: refunds.agentSlug }))).toEqual([held, denied]);
    expect(ids(await listDecisions(viewer, { verdict: "allow" }))).toEqual([allowed]);
    expect(ids(await listDecisions(viewer, { reason: "approval_required" }))).toEqual([claimsHeld, held]);
    // agent_paused is the final reason of the hold the pause denied, not one the guard gave.
    expect(ids(await listDecisions(viewer, { reason: "agent_paused" }))).toEqual([claimsHeld]);
    const future = new Date(Date.now() + 60_000).toISOString();
    const past = new Date(Date.now() - 3_600_000).toISOString();
    expect(ids(await listDecisions(viewer, { since: future }))).toEqual([]);
    expect(ids(await listDecisions(viewer, { until: past }))).toEqual([]);
    expect(ids(await listDecisions(viewer, { since: past, until: future, verdict: "deny" }))).toEqual([denied]);
    // A GET form's empty fields mean no filter.
    expect(ids(await listDecisions(viewer, { agent: "", verdict: "", reason: "", since: "", until: "" }))).toHaveLength(4);
  });

  it("keeps other teams' decisions and agents out", async () => {
    expect(ids(await listDecisions(otherViewer))).toEqual([intruderDenied]);
    await expectAppError(listDecisions(otherViewer, { agent: refunds.agentSlug }), "not_found");
    const everything = ids(await listDecisions(admin, { limit: 200 }));
    expect(everything).toEqual(expect.arrayContaining([allowed, intruderDenied]));
  });

  it("pages with a cursor without skipping or repeating rows", async () => {
    const first = await listDecisions(viewer, { limit: 3 });
    expect(ids(first)).toEqual([claimsHeld, held, denied]);
    expect(first.nextCursor).not.toBeNull();
    const second = await listDecisions(viewer, { limit: 3, cursor: first.nextCursor! });
    expect(ids(second)).toEqual([allowed]);
    expect(second.nextCursor).toBeNull();
    await expectAppError(listDecisions(viewer, { cursor: "not-a-cursor" }), "validation_failed");
  });

  it("breaks ties between equal times by id", async () => {
    const at = new Date(Date.now() - 10 * 60_000);
    await db().guardDecision.updateMany({ where: { id: { in: [allowed, denied, held] } }, data: { createdAt: at } });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listDecisions(viewer, { agent: refunds.agentSlug, limit: 1, cursor });
      seen.push(...ids(page));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(3);
    expect(new Set(seen)).toEqual(new Set([allowed, denied, held]));
    expect(seen).toEqual([...seen].sort().reverse());
  });
});
