import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import type { AgentPrincipal, UserPrincipal } from "../../lib/auth/principal";
import type { Role } from "../../lib/auth/roles";
import { checkGuard } from "../../lib/guard/check-guard";
import { loadPolicies } from "../../lib/policies/load-policies";
import { savePolicy } from "../../lib/policies/save-policy";
import { getPolicy } from "../../lib/policies/get-policy";
import { listPolicies } from "../../lib/policies/list-policies";
import { deletePolicy } from "../../lib/policies/delete-policy";
import { restorePolicyVersion } from "../../lib/policies/restore-policy-version";
import { proposePolicy } from "../../lib/policies/propose-policy";
import { listProposals } from "../../lib/policies/list-proposals";
import { approveProposal, rejectProposal, withdrawProposal } from "../../lib/policies/decide-proposal";
import { startEventListener, stopEventListener } from "../../lib/events/listen-for-events";
import { policyChanged } from "../../lib/policies/events";
import { notifyAsAnotherReplica } from "./replica-events";
import { auditOf, expectAppError, makeAgent, makeTeam, makeUser, type TestTeam } from "./helpers";

let team: TestTeam;
let otherTeam: TestTeam;
const users = {} as Record<Role, UserPrincipal>;
let outsider: UserPrincipal;
let otherDeveloper: UserPrincipal;

const refundPolicy = (limit: number) => ({
  tools: [{ tool: "orders.lookup" }, { tool: "refunds.issue", constraints: [{ param: "amount", op: "lte", value: limit }] }],
});

async function newAgent() {
  const agent = await makeAgent(team);
  const principal: AgentPrincipal = { kind: "agent", agentId: agent.id, agentSlug: agent.slug, teamId: team.id, keyId: randomUUID() };
  return { slug: agent.slug, id: agent.id, principal };
}

const refund = (agent: AgentPrincipal, amount: number) =>
  checkGuard(agent, { check: "action", sessionId: `s-${randomUUID()}`, action: { tool: "refunds.issue", amount } });

beforeAll(async () => {
  team = await makeTeam("policies");
  otherTeam = await makeTeam("policies-other");
  for (const role of ["viewer", "operator", "developer", "reviewer", "admin"] as Role[]) users[role] = await makeUser(role, role === "admin" ? [] : [team.id]);
  outsider = await makeUser("developer", [otherTeam.id], "outsider");
  otherDeveloper = await makeUser("developer", [team.id], "other-developer");
});

afterAll(async () => {
  await stopEventListener();
});

describe("saving and versioning", () => {
  it("creates a scope at version 1, then writes version 2 with history, audit and filled-in scope", async () => {
    const agent = await newAgent();
    const first = await savePolicy(users.admin, agent.slug, "agent", { document: refundPolicy(500), baseVersion: null, note: "first" });
    expect(first.policy).toMatchObject({ version: 1, scopeKey: "agent", updatedBy: { id: users.admin.userId } });
    expect(first.policy.document).toMatchObject({ scope: { agent: agent.slug } });

    const second = await savePolicy(users.admin, agent.slug, "agent", { document: JSON.stringify(refundPolicy(300)), baseVersion: 1, note: "tighter" });
    expect(second.policy.version).toBe(2);
    expect(second.versions.map((version) => [version.version, version.note])).toEqual([
      [2, "tighter"],
      [1, "first"],
    ]);
    const audit = await auditOf(first.policy.id);
    expect(audit.map((entry) => entry.action)).toEqual(["policy.create", "policy.update"]);
    expect(audit[1]).toMatchObject({ actorId: users.admin.userId, teamId: team.id });
    expect(audit[1].before).toMatchObject({ version: 1 });
    expect(audit[1].after).toMatchObject({ version: 2, note: "tighter" });
  });

  it("refuses a stale version with 409 and a clear message, and creating an existing scope", async () => {
    const agent = await newAgent();
    await savePolicy(users.admin, agent.slug, "agent", { document: refundPolicy(500), baseVersion: null });
    await savePolicy(users.admin, agent.slug, "agent", { document: refundPolicy(400), baseVersion: 1 });
    const stale = await expectAppError(savePolicy(users.admin, agent.slug, "agent", { document: refundPolicy(100), baseVersion: 1 }), "conflict");
    expect(stale.message).toMatch(/you edited version 1, the current version is 2/);
    await expectAppError(savePolicy(users.admin, agent.slug, "agent", { document: refundPolicy(100), baseVersion: null }), "conflict");
    expect((await getPolicy(users.viewer, agent.slug, "agent")).policy.version).toBe(2);
  });

  it("lets only one of two concurrent saves of the same version through", async () => {
    const agent = await newAgent();
    await savePolicy(users.admin, agent.slug, "agent", { document: refundPolicy(500), baseVersion: null });
    const results = await Promise.allSettled([100, 200, 300].map((limit) => savePolicy(users.admin, agent.slug, "agent", { document: refundPolicy(limit), baseVersion: 1 })));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect((await getPolicy(users.admin, agent.slug, "agent")).versions).toHaveLength(2);
  });

  it("reports every problem of an invalid document, one line each, and refuses another agent's or scope's document", async () => {
    const agent = await newAgent();
    const invalid = await expectAppError(
      savePolicy(users.admin, agent.slug, "agent", {
        document: { tools: [{ tool: "refunds.issue", constraints: [{ param: "amount", op: "lte", value: "lots" }] }], failMode: "maybe" },
        baseVersion: null,
      }),
      "validation_failed",
    );
    const issues = (invalid.details as { issues: string[] }).issues;
    expect(issues).toContain("tools[0].constraints[0].value: Use a number with lte, lt, gte and gt");
    expect(issues.some((line) => line.startsWith("failMode:"))).toBe(true);
    const notJson = await expectAppError(savePolicy(users.admin, agent.slug, "agent", { document: '{\n  "tools": [\n    oops\n  ]\n}', baseVersion: null }), "validation_failed");
    expect((notJson.details as { issues: string[] }).issues[0]).toMatch(/^Not valid JSON \(line 3\): /);
    // Typed text (the editor's) gets the line of each problem; an unknown field points at its key.
    const typed = [
      "{",
      '  "tools": [',
      '    { "tool": "refunds.issue", "constraints": [{ "param": "amount", "op": "lte", "value": "lots" }] }',
      "  ],",
      '  "failMode": "closed",',
      '  "colour": "blue"',
      "}",
    ].join("\n");
    const typedIssues = (
      (await expectAppError(savePolicy(users.admin, agent.slug, "agent", { document: typed, baseVersion: null }), "validation_failed")).details as { issues: string[] }
    ).issues;
    expect(typedIssues).toContain("tools[0].constraints[0].value (line 3): Use a number with lte, lt, gte and gt");
    expect(typedIssues).toContain('(line 6): Unknown field "colour"');
    const wrongAgent = await expectAppError(
      savePolicy(users.admin, agent.slug, "agent", { document: { scope: { agent: "someone-else" }, tools: [] }, baseVersion: null }),
      "validation_failed",
    );
    expect(wrongAgent.message).toMatch(/someone-else/);
    await expectAppError(
      savePolicy(users.admin, agent.slug, "workflow:intake", { document: { scope: { agent: agent.slug, workflow: "other" }, tools: [] }, baseVersion: null }),
      "validation_failed",
    );
    expect(await listPolicies(users.admin, agent.slug)).toEqual([]);
  });

  it("lists every scope, agent-wide first, and restores an old version as a new one", async () => {
    const agent = await newAgent();
    await savePolicy(users.admin, agent.slug, "decisionType:refund.large", { document: { tools: [] }, baseVersion: null });
    await savePolicy(users.admin, agent.slug, "workflow:intake", { document: { tools: [] }, baseVersion: null });
    await savePolicy(users.admin, agent.slug, "agent", { document: refundPolicy(500), baseVersion: null });
    await savePolicy(users.admin, agent.slug, "agent", { document: refundPolicy(50), baseVersion: 1 });
    expect((await listPolicies(users.viewer, agent.slug)).map((policy) => policy.scopeKey)).toEqual(["agent", "workflow:intake", "decisionType:refund.large"]);

    const restored = await restorePolicyVersion(users.admin, agent.slug, "agent", { version: 1, baseVersion: 2 });
    expect(restored.policy.version).toBe(3);
    expect(restored.policy.document).toEqual(restored.versions.find((version) => version.version === 1)!.document);
    expect(restored.versions[0].note).toBe("Restored version 1");
    expect((await auditOf(restored.policy.id)).at(-1)).toMatchObject({ action: "policy.restore" });
    await expectAppError(restorePolicyVersion(users.admin, agent.slug, "agent", { version: 1, baseVersion: 2 }), "conflict");
    await expectAppError(restorePolicyVersion(users.admin, agent.slug, "agent", { version: 9, baseVersion: 3 }), "not_found");
  });

  it("deletes a scope's policy with a reason, audited, and rejects its pending proposals", async () => {
    const agent = await newAgent();
    const { policy } = await savePolicy(users.admin, agent.slug, "workflow:intake", { document: { tools: [] }, baseVersion: null });
    const proposal = await proposePolicy(users.developer, agent.slug, { workflow: "intake", document: { tools: [{ tool: "kb.search" }] }, note: "allow search" });
    await expect(deletePolicy(users.admin, agent.slug, "workflow:intake", { reason: "" })).rejects.toThrow(/reason of at least 3 characters/);
    await deletePolicy(users.admin, agent.slug, "workflow:intake", { reason: "workflow retired" });
    await expectAppError(getPolicy(users.admin, agent.slug, "workflow:intake"), "not_found");
    expect((await auditOf(policy.id)).at(-1)).toMatchObject({ action: "policy.delete", after: { reason: "workflow retired", rejectedProposals: 1 } });
    expect((await listProposals(users.admin, agent.slug)).find((row) => row.id === proposal.id)?.status).toBe("rejected");
  });
});

describe("proposals", () => {
  it("propose → approve makes the next version with the proposal's note", async () => {
    const agent = await newAgent();
    await savePolicy(users.admin, agent.slug, "agent", { document: refundPolicy(500), baseVersion: null });
    const proposal = await proposePolicy(users.developer, agent.slug, { document: refundPolicy(250), note: "halve refunds", baseVersion: 1 });
    expect(proposal).toMatchObject({ status: "pending", baseVersion: 1, stale: false, proposedBy: { id: users.developer.userId } });
    expect((await getPolicy(users.admin, agent.slug, "agent")).policy.version).toBe(1);

    const approved = await approveProposal(users.admin, agent.slug, proposal.id, { note: "ok" });
    expect(approved).toMatchObject({ status: "approved", decidedBy: { id: users.admin.userId }, decisionNote: "ok", currentVersion: 2 });
    const { policy, versions } = await getPolicy(users.admin, agent.slug, "agent");
    expect(policy.version).toBe(2);
    expect(versions[0]).toMatchObject({ note: "halve refunds", createdBy: { id: users.admin.userId } });
    expect((await auditOf(proposal.id)).map((entry) => entry.action)).toEqual(["policy_proposal.create", "policy_proposal.approve"]);
    await expectAppError(approveProposal(users.admin, agent.slug, proposal.id), "conflict");
  });

  it("proposes a new scope (baseVersion null) and refuses approving a proposal the scope has moved past, unless re-based", async () => {
    const agent = await newAgent();
    const created = await proposePolicy(users.developer, agent.slug, { decisionType: "refund.large", document: { tools: [] }, note: "new scope" });
    expect(created.baseVersion).toBeNull();
    await approveProposal(users.admin, agent.slug, created.id);
    expect((await getPolicy(users.admin, agent.slug, "decisionType:refund.large")).policy.version).toBe(1);

    await savePolicy(users.admin, agent.slug, "agent", { document: refundPolicy(500), baseVersion: null });
    const proposal = await proposePolicy(users.developer, agent.slug, { document: refundPolicy(250), note: "halve refunds" });
    await savePolicy(users.admin, agent.slug, "agent", { document: refundPolicy(400), baseVersion: 1 });
    expect((await listProposals(users.viewer, agent.slug, { status: "pending" }))[0]).toMatchObject({ id: proposal.id, stale: true, currentVersion: 2 });
    const conflict = await expectAppError(approveProposal(users.admin, agent.slug, proposal.id), "conflict");
    expect(conflict.message).toMatch(/proposed against version 1, now version 2/);
    await expectAppError(approveProposal(users.admin, agent.slug, proposal.id, { document: refundPolicy(200), baseVersion: 1 }), "conflict");
    const rebased = await approveProposal(users.admin, agent.slug, proposal.id, { document: refundPolicy(200), baseVersion: 2 });
    expect(rebased.status).toBe("approved");
    expect((await getPolicy(users.admin, agent.slug, "agent")).policy.document).toMatchObject(refundPolicy(200));
  });

  it("rejects with a required reason; only the proposer withdraws", async () => {
    const agent = await newAgent();
    const doomed = await proposePolicy(users.developer, agent.slug, { document: { tools: [] }, note: "no tools" });
    await expect(rejectProposal(users.admin, agent.slug, doomed.id, { reason: "" })).rejects.toThrow(/reason of at least 3 characters/);
    expect(await rejectProposal(users.admin, agent.slug, doomed.id, { reason: "too strict" })).toMatchObject({ status: "rejected", decisionNote: "too strict" });
    expect((await auditOf(doomed.id)).at(-1)).toMatchObject({ action: "policy_proposal.reject", after: { note: "too strict" } });

    const mine = await proposePolicy(users.developer, agent.slug, { document: { tools: [] }, note: "no tools again" });
    await expectAppError(withdrawProposal(otherDeveloper, agent.slug, mine.id), "forbidden");
    await expectAppError(withdrawProposal(users.admin, agent.slug, mine.id), "forbidden");
    expect(await withdrawProposal(users.developer, agent.slug, mine.id)).toMatchObject({ status: "withdrawn" });
    await expectAppError(rejectProposal(users.admin, agent.slug, mine.id, { reason: "late" }), "conflict");
    expect(await listPolicies(users.admin, agent.slug)).toEqual([]);
  });
});

describe("permissions", () => {
  const matrix: Record<Role, { read: boolean; propose: boolean; manage: boolean }> = {
    viewer: { read: true, propose: false, manage: false },
    operator: { read: true, propose: false, manage: false },
    reviewer: { read: true, propose: false, manage: false },
    developer: { read: true, propose: true, manage: false },
    admin: { read: true, propose: true, manage: true },
  };

  for (const [role, allowed] of Object.entries(matrix) as [Role, (typeof matrix)[Role]][]) {
    it(`${role}: read ${allowed.read}, propose ${allowed.propose}, manage ${allowed.manage}`, async () => {
      const agent = await newAgent();
      await savePolicy(users.admin, agent.slug, "agent", { document: refundPolicy(500), baseVersion: null });
      const user = users[role];
      expect((await listPolicies(user, agent.slug)).length).toBe(1);
      const propose = proposePolicy(user, agent.slug, { document: refundPolicy(10), note: "try" });
      if (allowed.propose) await propose;
      else await expectAppError(propose, "forbidden");
      const save = savePolicy(user, agent.slug, "agent", { document: refundPolicy(20), baseVersion: 1 });
      if (allowed.manage) await save;
      else await expectAppError(save, "forbidden");
      const pending = await proposePolicy(users.developer, agent.slug, { document: refundPolicy(30), note: "pending" });
      // One after the other: deleting the scope also rejects its pending proposals, so run at once
      // they would race (and on PostgreSQL the reject could lose to the delete).
      const decisions = [
        () => rejectProposal(user, agent.slug, pending.id, { reason: "no thanks" }),
        () => deletePolicy(user, agent.slug, "agent", { reason: "gone" }),
      ];
      for (const decision of decisions) {
        if (allowed.manage) await decision();
        else await expectAppError(decision(), "forbidden");
      }
    });
  }

  it("answers another team's agent as not found (404) for reads and writes, and refuses agent keys", async () => {
    const agent = await newAgent();
    await savePolicy(users.admin, agent.slug, "agent", { document: refundPolicy(500), baseVersion: null });
    const proposal = await proposePolicy(users.developer, agent.slug, { document: refundPolicy(10), note: "try" });
    await expectAppError(listPolicies(outsider, agent.slug), "not_found");
    await expectAppError(getPolicy(outsider, agent.slug, "agent"), "not_found");
    await expectAppError(proposePolicy(outsider, agent.slug, { document: refundPolicy(1), note: "sneaky" }), "not_found");
    await expectAppError(withdrawProposal(outsider, agent.slug, proposal.id), "not_found");
    await expectAppError(listPolicies(agent.principal, agent.slug), "forbidden");
    // A proposal is reached only through its own agent.
    const other = await newAgent();
    await expectAppError(approveProposal(users.admin, other.slug, proposal.id), "not_found");
  });
});

describe("the guard", () => {
  it("sees a saved policy on its very next call", async () => {
    const agent = await newAgent();
    expect((await refund(agent.principal, 100)).verdict).toBe("deny");
    await savePolicy(users.admin, agent.slug, "agent", { document: refundPolicy(500), baseVersion: null });
    expect((await refund(agent.principal, 100)).verdict).toBe("allow");
    await savePolicy(users.admin, agent.slug, "agent", { document: refundPolicy(50), baseVersion: 1 });
    const denied = await refund(agent.principal, 100);
    expect(denied.verdict).toBe("deny");
    expect(denied.reasons[0].code).toBe("policy_rule");
    const proposal = await proposePolicy(users.developer, agent.slug, { document: refundPolicy(1000), note: "loosen" });
    expect((await refund(agent.principal, 100)).verdict).toBe("deny");
    await approveProposal(users.admin, agent.slug, proposal.id);
    expect((await refund(agent.principal, 100)).verdict).toBe("allow");
    await deletePolicy(users.admin, agent.slug, "agent", { reason: "off" });
    expect((await refund(agent.principal, 100)).verdict).toBe("deny");
  });

  it("drops its cache when another replica announces a change over LISTEN/NOTIFY", async () => {
    await startEventListener();
    const agent = await newAgent();
    const cached = loadPolicies(agent.id, agent.slug);
    await cached;
    expect(loadPolicies(agent.id, agent.slug)).toBe(cached);
    // What another replica's save sends (from its own connection, in its own transaction).
    await db().$transaction(async (tx) => notifyAsAnotherReplica(policyChanged, { agentId: agent.id }, tx));
    await expect.poll(() => loadPolicies(agent.id, agent.slug) !== cached, { timeout: 5000 }).toBe(true);
  });
});
