import { beforeAll, describe, expect, it, vi } from "vitest";
import { ZodError } from "zod";
import { db } from "../../lib/db/client";
import { createAgent } from "../../lib/agents/create-agent";
import { updateAgent } from "../../lib/agents/update-agent";
import { changeAgentStatus } from "../../lib/agents/change-agent-status";
import { getAgent } from "../../lib/agents/get-agent";
import { listAgents } from "../../lib/agents/list-agents";
import type { UserPrincipal } from "../../lib/auth/principal";
import { auditOf, expectAppError, makeAgent, makeTeam, makeUser, system, unique, type TestTeam } from "./helpers";

// Lets one test make the audit append fail after the change it records, to prove both share a transaction.
const auditFault = vi.hoisted(() => ({ fail: false }));
vi.mock("../../lib/audit/record-audit", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../lib/audit/record-audit")>();
  return {
    ...actual,
    recordAudit: async (...args: Parameters<typeof actual.recordAudit>) => {
      if (auditFault.fail) throw new Error("audit store unavailable (injected by the test)");
      return actual.recordAudit(...args);
    },
  };
});

let teamA: TestTeam;
let teamB: TestTeam;
let developerA: UserPrincipal;
let developerB: UserPrincipal;
let operatorA: UserPrincipal;
let operatorB: UserPrincipal;
let viewerA: UserPrincipal;
let reviewerA: UserPrincipal;
let admin: UserPrincipal;

beforeAll(async () => {
  teamA = await makeTeam("alpha");
  teamB = await makeTeam("beta");
  developerA = await makeUser("developer", [teamA.id]);
  developerB = await makeUser("developer", [teamB.id]);
  operatorA = await makeUser("operator", [teamA.id]);
  operatorB = await makeUser("operator", [teamB.id]);
  viewerA = await makeUser("viewer", [teamA.id]);
  reviewerA = await makeUser("reviewer", [teamA.id]);
  admin = await makeUser("admin", []);
});

const newSlug = () => `agent-${unique()}`;
const statusOf = async (slug: string) => (await db().agent.findUniqueOrThrow({ where: { slug } })).status;

describe("createAgent", () => {
  it("lets a developer create an agent in their team, owned by them, with one agent.create audit entry", async () => {
    const slug = newSlug();
    const agent = await createAgent(developerA, { slug, name: "Claims bot", team: teamA.id, description: "Reads claims" });
    expect(agent).toMatchObject({ slug, name: "Claims bot", status: "active", teamId: teamA.id, team: teamA.name, description: "Reads claims" });
    expect(agent.owner?.id).toBe(developerA.userId);
    const entries = await auditOf(agent.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "agent.create", actorType: "user", actorId: developerA.userId, teamId: teamA.id });
    expect(entries[0].after).toMatchObject({ slug, name: "Claims bot", status: "active" });
  });

  it("accepts the team by name, case-insensitively", async () => {
    const agent = await createAgent(developerA, { slug: newSlug(), name: "By name", team: teamA.name.toUpperCase() });
    expect(agent.teamId).toBe(teamA.id);
  });

  it("sets the owner named by email", async () => {
    const agent = await createAgent(admin, { slug: newSlug(), name: "Owned", team: teamB.id, ownerEmail: developerB.email });
    expect(agent.owner?.email).toBe(developerB.email);
  });

  it("refuses a developer of another team, and writes nothing", async () => {
    const slug = newSlug();
    await expectAppError(createAgent(developerB, { slug, name: "Intruder", team: teamA.id }), "forbidden");
    expect(await db().agent.findUnique({ where: { slug } })).toBeNull();
    expect(await db().auditEntry.count({ where: { actorId: developerB.userId } })).toBe(0);
  });

  it.each(["viewer", "operator", "reviewer"] as const)("refuses a %s of the team", async (role) => {
    const principal = await makeUser(role, [teamA.id]);
    const slug = newSlug();
    const error = await expectAppError(createAgent(principal, { slug, name: "Nope", team: teamA.id }), "forbidden");
    expect(error.status).toBe(403);
    expect(await db().agent.findUnique({ where: { slug } })).toBeNull();
  });

  it("refuses a duplicate slug with a 409 conflict naming the field", async () => {
    const slug = newSlug();
    await createAgent(developerA, { slug, name: "First", team: teamA.id });
    const error = await expectAppError(createAgent(developerA, { slug, name: "Second", team: teamA.id }), "conflict");
    expect(error.status).toBe(409);
    expect(error.details).toEqual({ fieldErrors: { slug: ["Already taken"] } });
    expect(await db().agent.count({ where: { slug } })).toBe(1);
  });

  it.each(["Has Spaces", "UPPER", "trailing-", "a", "double--hyphen", "self", "new"])("rejects the invalid slug %j with a ZodError", async (slug) => {
    await expect(createAgent(developerA, { slug, name: "Bad", team: teamA.id })).rejects.toBeInstanceOf(ZodError);
  });

  it("rejects an unknown team as a validation failure", async () => {
    const error = await expectAppError(createAgent(admin, { slug: newSlug(), name: "Lost", team: `no-such-team-${unique()}` }), "validation_failed");
    expect(error.details).toEqual({ fieldErrors: { team: ["Unknown team"] } });
  });
});

describe("updateAgent", () => {
  it("updates name and description for a developer of the team, auditing before and after", async () => {
    const agent = await makeAgent(teamA);
    const updated = await updateAgent(developerA, agent.slug, { name: "Renamed", description: "New text" });
    expect(updated).toMatchObject({ name: "Renamed", description: "New text", slug: agent.slug });
    const entries = await auditOf(agent.id);
    expect(entries.map((entry) => entry.action)).toEqual(["agent.create", "agent.update"]);
    expect(entries[1].before).toMatchObject({ name: agent.name });
    expect(entries[1].after).toMatchObject({ name: "Renamed", description: "New text" });
  });

  it("does not find the agent for developers of another team, and refuses roles without agents:update", async () => {
    const agent = await makeAgent(teamA);
    await expectAppError(updateAgent(developerB, agent.slug, { name: "Hijacked" }), "not_found");
    await expectAppError(updateAgent(operatorA, agent.slug, { name: "Hijacked" }), "forbidden");
    expect((await db().agent.findUniqueOrThrow({ where: { id: agent.id } })).name).toBe(agent.name);
    expect(await auditOf(agent.id)).toHaveLength(1);
  });

  it("moves an agent only to a team the developer also belongs to", async () => {
    const agent = await makeAgent(teamA);
    await expectAppError(updateAgent(developerA, agent.slug, { team: teamB.id }), "forbidden");
    const both = await makeUser("developer", [teamA.id, teamB.id]);
    expect((await updateAgent(both, agent.slug, { team: teamB.name })).teamId).toBe(teamB.id);
  });

  it("clears the owner with null and reports an unknown agent as not found", async () => {
    const agent = await createAgent(developerA, { slug: newSlug(), name: "Owned", team: teamA.id });
    expect((await updateAgent(developerA, agent.slug, { ownerEmail: null })).owner).toBeNull();
    await expectAppError(updateAgent(admin, `missing-${unique()}`, { name: "x" }), "not_found");
  });
});

describe("pause, resume and terminate", () => {
  it("lets an operator of the team pause and resume, each with one audit entry", async () => {
    const agent = await makeAgent(teamA);
    const paused = await changeAgentStatus(operatorA, agent.slug, "pause", { reason: "runaway costs" });
    expect(paused.status).toBe("paused");
    expect(await statusOf(agent.slug)).toBe("paused");
    const resumed = await changeAgentStatus(operatorA, agent.slug, "resume");
    expect(resumed.status).toBe("active");
    const entries = await auditOf(agent.id);
    expect(entries.map((entry) => entry.action)).toEqual(["agent.create", "agent.pause", "agent.resume"]);
    expect(entries[1]).toMatchObject({ actorId: operatorA.userId, before: { status: "active" }, after: { status: "paused", reason: "runaway costs" } });
  });

  it("does not find the agent for an operator of another team (cross-team) and leaves the status and audit log unchanged", async () => {
    const agent = await makeAgent(teamA);
    await expectAppError(changeAgentStatus(operatorB, agent.slug, "pause"), "not_found");
    expect(await statusOf(agent.slug)).toBe("active");
    await changeAgentStatus(operatorA, agent.slug, "pause");
    await expectAppError(changeAgentStatus(operatorB, agent.slug, "resume"), "not_found");
    expect(await statusOf(agent.slug)).toBe("paused");
    expect((await auditOf(agent.id)).map((entry) => entry.action)).toEqual(["agent.create", "agent.pause"]);
  });

  it("refuses viewers, developers and reviewers the kill switch", async () => {
    const agent = await makeAgent(teamA);
    for (const principal of [viewerA, developerA, reviewerA]) {
      await expectAppError(changeAgentStatus(principal, agent.slug, "pause"), "forbidden");
    }
    expect(await statusOf(agent.slug)).toBe("active");
  });

  it("treats repeating a change as a no-op without a second audit entry", async () => {
    const agent = await makeAgent(teamA);
    await changeAgentStatus(operatorA, agent.slug, "pause");
    expect((await changeAgentStatus(operatorA, agent.slug, "pause")).status).toBe("paused");
    expect((await auditOf(agent.id)).filter((entry) => entry.action === "agent.pause")).toHaveLength(1);
  });

  it("lets only admins terminate, and a terminated agent cannot be resumed or paused", async () => {
    const agent = await makeAgent(teamA);
    await expectAppError(changeAgentStatus(operatorA, agent.slug, "terminate"), "forbidden");
    await expectAppError(changeAgentStatus(developerA, agent.slug, "terminate"), "forbidden");
    expect(await statusOf(agent.slug)).toBe("active");
    expect((await changeAgentStatus(admin, agent.slug, "terminate", { reason: "retired" })).status).toBe("terminated");
    const resume = await expectAppError(changeAgentStatus(admin, agent.slug, "resume"), "conflict");
    expect(resume.status).toBe(409);
    await expectAppError(changeAgentStatus(operatorA, agent.slug, "pause"), "conflict");
    expect(await statusOf(agent.slug)).toBe("terminated");
    expect((await auditOf(agent.id)).map((entry) => entry.action)).toEqual(["agent.create", "agent.terminate"]);
  });

  it("rolls the change back when its audit entry cannot be written (same transaction)", async () => {
    const agent = await makeAgent(teamA);
    auditFault.fail = true;
    try {
      await expect(changeAgentStatus(operatorA, agent.slug, "pause")).rejects.toThrow(/audit store unavailable/);
      await expect(updateAgent(developerA, agent.slug, { name: "Never saved" })).rejects.toThrow(/audit store unavailable/);
      const slug = newSlug();
      await expect(createAgent(developerA, { slug, name: "Never created", team: teamA.id })).rejects.toThrow(/audit store unavailable/);
      expect(await db().agent.findUnique({ where: { slug } })).toBeNull();
    } finally {
      auditFault.fail = false;
    }
    const row = await db().agent.findUniqueOrThrow({ where: { id: agent.id } });
    expect(row.status).toBe("active");
    expect(row.name).toBe(agent.name);
    expect(await auditOf(agent.id)).toHaveLength(1);
  });
});

describe("getAgent and listAgents", () => {
  let agentA: Awaited<ReturnType<typeof makeAgent>>;
  let agentB: Awaited<ReturnType<typeof makeAgent>>;
  let pausedA: Awaited<ReturnType<typeof makeAgent>>;
  const marker = unique();

  beforeAll(async () => {
    agentA = await makeAgent(teamA, { slug: `list-a-${marker}`, description: `inventory ${marker}` });
    agentB = await makeAgent(teamB, { slug: `list-b-${marker}`, description: `inventory ${marker}` });
    pausedA = await makeAgent(teamA, { slug: `list-paused-${marker}`, name: `Sleeper ${marker}` });
    await changeAgentStatus(system, pausedA.slug, "pause");
  });

  it("shows a user only their teams' agents", async () => {
    const seen = await listAgents(viewerA);
    const slugs = seen.map((agent) => agent.slug);
    expect(slugs).toEqual(expect.arrayContaining([agentA.slug, pausedA.slug]));
    expect(slugs).not.toContain(agentB.slug);
    expect(seen.every((agent) => agent.teamId === teamA.id)).toBe(true);
  });

  it("shows admins every team's agents", async () => {
    const slugs = (await listAgents(admin, { q: marker })).map((agent) => agent.slug);
    expect(slugs.sort()).toEqual([agentA.slug, agentB.slug, pausedA.slug].sort());
  });

  it("filters by text (slug, name or description), team name and status", async () => {
    expect((await listAgents(admin, { q: `Sleeper ${marker}` })).map((a) => a.slug)).toEqual([pausedA.slug]);
    expect((await listAgents(admin, { q: `INVENTORY ${marker}` })).map((a) => a.slug).sort()).toEqual([agentA.slug, agentB.slug].sort());
    expect((await listAgents(admin, { q: marker, team: teamB.name })).map((a) => a.slug)).toEqual([agentB.slug]);
    expect((await listAgents(admin, { q: marker, status: "paused" })).map((a) => a.slug)).toEqual([pausedA.slug]);
    expect((await listAgents(viewerA, { q: marker, team: teamB.name }))).toEqual([]);
  });

  it("rejects an unknown status filter", async () => {
    await expect(listAgents(admin, { status: "sleeping" })).rejects.toBeInstanceOf(ZodError);
  });

  it("gets an agent of the user's team, and answers one of another team as not found", async () => {
    expect((await getAgent(viewerA, agentA.slug)).id).toBe(agentA.id);
    await expectAppError(getAgent(viewerA, agentB.slug), "not_found");
    await expectAppError(getAgent(viewerA, `missing-${unique()}`), "not_found");
  });
});
