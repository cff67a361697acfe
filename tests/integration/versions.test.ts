import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { db } from "../../lib/db/client";
import type { UserPrincipal } from "../../lib/auth/principal";
import { createVersion } from "../../lib/versions/create-version";
import { promoteVersion } from "../../lib/versions/promote-version";
import { decidePromotion } from "../../lib/versions/decide-promotion";
import { listPromotions } from "../../lib/versions/list-promotions";
import { rollbackVersion } from "../../lib/versions/rollback-version";
import { compareVersions, getVersion, listDeployments, listVersions } from "../../lib/versions/list-versions";
import { getAgent } from "../../lib/agents/get-agent";
import { PUT as versionPut, PATCH as versionPatch } from "../../app/api/v1/agents/[slug]/versions/[label]/route";
import { auditOf, expectAppError, makeAgent, makeTeam, makeUser, type TestTeam } from "./helpers";

let team: TestTeam;
let developer: UserPrincipal;
let otherDeveloper: UserPrincipal;
let outsider: UserPrincipal;
let reviewer: UserPrincipal;
let operator: UserPrincipal;
let viewer: UserPrincipal;
let admin: UserPrincipal;

beforeAll(async () => {
  team = await makeTeam("versions");
  const other = await makeTeam("versions-other");
  developer = await makeUser("developer", [team.id]);
  otherDeveloper = await makeUser("developer", [team.id], "developer2");
  outsider = await makeUser("developer", [other.id], "outsider");
  reviewer = await makeUser("reviewer", [team.id]);
  operator = await makeUser("operator", [team.id]);
  viewer = await makeUser("viewer", [team.id]);
  admin = await makeUser("admin", []);
});

const bundle = (message: string, change: Record<string, unknown> = {}) => ({
  prompt: "You review insurance claims.\nApprove only covered damage.",
  model: "gpt-4o-mini",
  params: { temperature: 0.2 },
  knowledgeBase: { id: "claims-guidelines", version: "2025-11" },
  tools: [{ name: "claims.lookup" }, { name: "claims.decide", config: { limit: 5000 } }],
  message,
  ...change,
});

// An agent with v1 in production (an admin's ungated first deploy).
async function deployedAgent() {
  const agent = await makeAgent(team);
  await createVersion(developer, agent.slug, bundle("first version"));
  await promoteVersion(admin, agent.slug, "v1", { stage: "production", reason: "first deploy" });
  return agent;
}

const stageOf = async (agentId: string, label: string) => (await db().agentVersion.findUniqueOrThrow({ where: { agentId_label: { agentId, label } } })).stage;

describe("creating versions", () => {
  it("labels them v1, v2, … in development, records the policy version and audits each", async () => {
    const agent = await makeAgent(team);
    await db().policy.create({ data: { agentId: agent.id, document: { scope: { agent: agent.slug } }, version: 3 } });
    const first = await createVersion(developer, agent.slug, bundle("first"));
    const second = await createVersion(admin, agent.slug, bundle("model swap", { model: "gpt-4.1", policyVersion: "agent@2" }));
    expect([first.label, first.stage, first.policyVersion, first.createdBy]).toEqual(["v1", "development", "agent@3", developer.email]);
    expect([second.label, second.policyVersion]).toEqual(["v2", "agent@2"]);
    expect((await listVersions(viewer, agent.slug)).map((version) => version.label)).toEqual(["v2", "v1"]);
    expect((await getVersion(viewer, agent.slug, "v1")).tools).toEqual(bundle("").tools);
    const [audit] = await auditOf(first.id);
    expect(audit).toMatchObject({ action: "version.created", actorLabel: developer.email, after: expect.objectContaining({ label: "v1", model: "gpt-4o-mini" }) });
  });

  it("refuses roles that may not, other teams' agents, and bad bundles", async () => {
    const agent = await makeAgent(team);
    await expectAppError(createVersion(viewer, agent.slug, bundle("x")), "forbidden");
    await expectAppError(createVersion(operator, agent.slug, bundle("x")), "forbidden");
    await expectAppError(createVersion(outsider, agent.slug, bundle("x")), "not_found");
    await expect(createVersion(developer, agent.slug, bundle(""))).rejects.toBeInstanceOf(ZodError);
    await expect(createVersion(developer, agent.slug, bundle("dup", { tools: [{ name: "a" }, { name: "a" }] }))).rejects.toThrow(/listed twice/);
    expect(await db().agentVersion.count({ where: { agentId: agent.id } })).toBe(0);
  });

  it("numbers concurrent creations without gaps or duplicates", async () => {
    const agent = await makeAgent(team);
    const created = await Promise.all(Array.from({ length: 6 }, (_, index) => createVersion(developer, agent.slug, bundle(`parallel ${index}`))));
    expect(created.map((version) => version.label).sort()).toEqual(["v1", "v2", "v3", "v4", "v5", "v6"]);
  });
});

describe("immutability", () => {
  it("the database refuses any edit of a bundle and any delete, but lets the stage change", async () => {
    const agent = await makeAgent(team);
    const version = await createVersion(developer, agent.slug, bundle("original"));
    await expect(db().agentVersion.update({ where: { id: version.id }, data: { prompt: "rewritten" } })).rejects.toThrow(/immutable/);
    await expect(db().agentVersion.update({ where: { id: version.id }, data: { knowledgeBase: { id: "x", version: "y" } } })).rejects.toThrow(/immutable/);
    await expect(db().agentVersion.delete({ where: { id: version.id } })).rejects.toThrow(/immutable/);
    expect((await getVersion(viewer, agent.slug, "v1")).prompt).toBe(bundle("").prompt);
  });

  it("PUT and PATCH answer 405 version_immutable", async () => {
    for (const handler of [versionPut, versionPatch]) {
      const request = new NextRequest("http://localhost/api/v1/agents/a/versions/v1", { method: "PUT", body: "{}", headers: { "Content-Type": "application/json" } });
      const response = await handler(request, { params: Promise.resolve({ slug: "a", label: "v1" }) });
      expect(response.status).toBe(405);
      expect((await response.json()).error.code).toBe("version_immutable");
    }
  });
});

describe("the path to production", () => {
  it("staging by a developer; canary only by an admin with a reason while no gate exists; production by a reviewer's approval", async () => {
    const agent = await deployedAgent();
    await createVersion(developer, agent.slug, bundle("prompt tweak", { prompt: "You review claims.\nApprove covered damage." }));
    await expectAppError(promoteVersion(operator, agent.slug, "v2", { stage: "staging" }), "forbidden");
    await promoteVersion(developer, agent.slug, "v2", { stage: "staging" });
    expect(await stageOf(agent.id, "v2")).toBe("staging");

    await expectAppError(promoteVersion(developer, agent.slug, "v2", { stage: "canary", canaryPercent: 10 }), "forbidden");
    await expectAppError(promoteVersion(admin, agent.slug, "v2", { stage: "canary", canaryPercent: 10 }), "validation_failed");
    await promoteVersion(admin, agent.slug, "v2", { stage: "canary", canaryPercent: 10, reason: "try the new prompt" });
    const live = await getAgent(viewer, agent.slug);
    expect([live.productionVersion, live.canary]).toEqual(["v1", { label: "v2", percent: 10 }]);
    expect((await db().agentVersion.findUniqueOrThrow({ where: { agentId_label: { agentId: agent.id, label: "v1" } } })).trafficPercent).toBe(90);

    const asked = await promoteVersion(developer, agent.slug, "v2", { stage: "production", reason: "canary looks fine" });
    expect(asked).toMatchObject({ kind: "requested", promotion: { label: "v2", status: "pending", ungated: true, requestedBy: developer.email } });
    const again = await promoteVersion(developer, agent.slug, "v2", { stage: "production" });
    expect(again.kind === "requested" && asked.kind === "requested" && again.promotion.id).toBe(asked.kind === "requested" && asked.promotion.id);
    const pending = await listPromotions(reviewer, { status: "pending" });
    const request = pending.find((promotion) => promotion.agent.slug === agent.slug)!;
    expect(request).toMatchObject({ label: "v2", fromStage: "canary" });
    expect(await listPromotions(outsider, { status: "pending" })).not.toContainEqual(expect.objectContaining({ id: request.id }));
    expect(await stageOf(agent.id, "v2")).toBe("canary");

    await expectAppError(decidePromotion(developer, request.id, { verdict: "approve" }), "forbidden");
    await expectAppError(decidePromotion(outsider, request.id, { verdict: "approve" }), "forbidden");
    await decidePromotion(reviewer, request.id, { verdict: "approve", note: "metrics hold" });
    expect([await stageOf(agent.id, "v1"), await stageOf(agent.id, "v2")]).toEqual(["retired", "production"]);
    await expectAppError(decidePromotion(reviewer, request.id, { verdict: "reject" }), "conflict");

    const timeline = await listDeployments(viewer, agent.slug);
    expect(timeline.map((event) => `${event.kind} ${event.label} ${event.by}`).reverse()).toEqual([
      `promoted v1 ${admin.email}`,
      `promoted v2 ${developer.email}`,
      `canary_started v2 ${admin.email}`,
      `production_requested v2 ${developer.email}`,
      `production_approved v2 ${reviewer.email}`,
    ]);
    expect(timeline[0]).toMatchObject({ fromLabel: "v1", toStage: "production", reason: "metrics hold", ungated: true });
    const v2 = await getVersion(viewer, agent.slug, "v2");
    expect((await auditOf(v2.id)).map((entry) => entry.action)).toEqual([
      "version.created",
      "version.promoted",
      "version.canary_started",
      "version.production_requested",
      "version.production_approved",
    ]);
  });

  it("nobody approves their own request; a rejection leaves the version where it was", async () => {
    const agent = await deployedAgent();
    await createVersion(developer, agent.slug, bundle("v2"));
    await promoteVersion(admin, agent.slug, "v2", { stage: "canary", reason: "skip staging for the test" });
    const asked = await promoteVersion(admin, agent.slug, "v2", { stage: "production", reason: "x" });
    // An admin deploys directly rather than asking.
    expect(asked.kind).toBe("moved");
    await createVersion(developer, agent.slug, bundle("v3"));
    await promoteVersion(admin, agent.slug, "v3", { stage: "canary", reason: "r" });
    const request = await promoteVersion(developer, agent.slug, "v3", { stage: "production" });
    if (request.kind !== "requested") throw new Error("expected a request");
    const selfApprover = { ...developer, role: "reviewer" as const };
    await expectAppError(decidePromotion(selfApprover, request.promotion.id, { verdict: "approve" }), "forbidden");
    const rejected = await decidePromotion(reviewer, request.promotion.id, { verdict: "reject", note: "deny rate up" });
    expect(rejected).toMatchObject({ status: "rejected", decidedBy: reviewer.email, note: "deny rate up" });
    expect(await stageOf(agent.id, "v3")).toBe("canary");
  });

  it("approval re-checks the version: a canary that ended since the request is no longer a candidate", async () => {
    const agent = await deployedAgent();
    await createVersion(developer, agent.slug, bundle("v2"));
    await promoteVersion(admin, agent.slug, "v2", { stage: "canary", reason: "r" });
    const request = await promoteVersion(developer, agent.slug, "v2", { stage: "production" });
    if (request.kind !== "requested") throw new Error("expected a request");
    await promoteVersion(developer, agent.slug, "v2", { stage: "staging", reason: "ended early" });
    await expectAppError(decidePromotion(reviewer, request.promotion.id, { verdict: "approve" }), "conflict");
    expect(await stageOf(agent.id, "v1")).toBe("production");
  });

  it("a second canary is refused while one runs; changing the share is allowed", async () => {
    const agent = await deployedAgent();
    await createVersion(developer, agent.slug, bundle("v2"));
    await createVersion(developer, agent.slug, bundle("v3"));
    await promoteVersion(admin, agent.slug, "v2", { stage: "canary", canaryPercent: 5, reason: "r" });
    await expectAppError(promoteVersion(admin, agent.slug, "v3", { stage: "canary", reason: "r" }), "conflict");
    await promoteVersion(admin, agent.slug, "v2", { stage: "canary", canaryPercent: 25, reason: "widen" });
    expect((await getAgent(viewer, agent.slug)).canary).toEqual({ label: "v2", percent: 25 });
    await expect(promoteVersion(admin, agent.slug, "v2", { stage: "canary", canaryPercent: 60, reason: "r" })).rejects.toBeInstanceOf(ZodError);
  });

  it("two concurrent production deploys leave exactly one production version", async () => {
    const agent = await deployedAgent();
    await createVersion(developer, agent.slug, bundle("v2"));
    await createVersion(developer, agent.slug, bundle("v3"));
    const results = await Promise.allSettled(["v2", "v3"].map((label) => promoteVersion(admin, agent.slug, label, { stage: "production", reason: "race" })));
    expect(results.every((result) => result.status === "fulfilled")).toBe(true);
    expect(await db().agentVersion.count({ where: { agentId: agent.id, stage: "production" } })).toBe(1);
    expect(await db().agentVersion.count({ where: { agentId: agent.id, stage: "retired" } })).toBe(2);
  });
});

describe("rollback", () => {
  it("puts the previous production version back, ends the canary, and needs a reason", async () => {
    const agent = await deployedAgent();
    await createVersion(developer, agent.slug, bundle("v2"));
    await promoteVersion(admin, agent.slug, "v2", { stage: "production", reason: "r" });
    await createVersion(developer, agent.slug, bundle("v3"));
    await promoteVersion(admin, agent.slug, "v3", { stage: "canary", canaryPercent: 20, reason: "r" });

    await expect(rollbackVersion(operator, agent.slug, { reason: "" })).rejects.toBeInstanceOf(ZodError);
    await expectAppError(rollbackVersion(developer, agent.slug, { reason: "x" }), "forbidden");
    await expectAppError(rollbackVersion(reviewer, agent.slug, { reason: "x" }), "forbidden");
    await expectAppError(rollbackVersion({ ...outsider, role: "operator" }, agent.slug, { reason: "x" }), "not_found");
    await expectAppError(rollbackVersion(operator, agent.slug, { toLabel: "v3", reason: "x" }), "conflict");

    const result = await rollbackVersion(operator, agent.slug, { reason: "approval rate jumped" });
    expect(result).toEqual({ production: { label: "v1" }, previous: { label: "v2" }, endedCanary: { label: "v3" } });
    expect([await stageOf(agent.id, "v1"), await stageOf(agent.id, "v2"), await stageOf(agent.id, "v3")]).toEqual(["production", "retired", "staging"]);
    const [latest, ended] = await listDeployments(viewer, agent.slug);
    expect(latest).toMatchObject({ kind: "rolled_back", label: "v1", fromLabel: "v2", by: operator.email, reason: "approval rate jumped" });
    expect(ended).toMatchObject({ kind: "canary_ended", label: "v3", toStage: "staging" });

    // Forward again to v2 by naming it: any version that was in production.
    expect(await rollbackVersion(admin, agent.slug, { toLabel: "v2", reason: "fixed upstream" })).toMatchObject({ production: { label: "v2" }, previous: { label: "v1" } });
  });

  it("has nothing to do without an earlier production version", async () => {
    const agent = await deployedAgent();
    await expectAppError(rollbackVersion(operator, agent.slug, { reason: "x" }), "conflict");
    const fresh = await makeAgent(team);
    await expectAppError(rollbackVersion(operator, fresh.slug, { reason: "x" }), "conflict");
  });
});

describe("comparing versions", () => {
  it("gives both bundles and what changed", async () => {
    const agent = await makeAgent(team);
    await createVersion(developer, agent.slug, bundle("v1"));
    await createVersion(developer, agent.slug, bundle("kb update", { knowledgeBase: { id: "claims-guidelines", version: "2026-03" } }));
    const compared = await compareVersions(viewer, agent.slug, "v1", "v2");
    expect(compared.changes.knowledgeBase).toEqual({ from: { id: "claims-guidelines", version: "2025-11" }, to: { id: "claims-guidelines", version: "2026-03" } });
    expect(compared.changes.model).toBeNull();
    await expectAppError(compareVersions(viewer, agent.slug, "v1", "v9"), "not_found");
    await expectAppError(compareVersions(outsider, agent.slug, "v1", "v2"), "not_found");
  });
});
