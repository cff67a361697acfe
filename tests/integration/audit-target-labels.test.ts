import { beforeAll, describe, expect, it } from "vitest";
import type { UserPrincipal } from "../../lib/auth/principal";
import { changeAgentStatus } from "../../lib/agents/change-agent-status";
import { listAudit } from "../../lib/audit/list-audit";
import { auditQuerySchema } from "../../lib/audit/schemas";
import { resolveTargetLabels } from "../../lib/audit/target-labels";
import { createTeam, deleteTeam } from "../../lib/teams/manage-team";
import { createUser } from "../../lib/users/create-user";
import { makeAgent, makeTeam, makeUser, unique, type TestTeam } from "./helpers";

let team: TestTeam;
let admin: UserPrincipal;

beforeAll(async () => {
  team = await makeTeam("audit-labels");
  admin = await makeUser("admin", []);
});

const entriesFor = async (action: string) => (await listAudit(admin, auditQuerySchema.parse({ action, limit: 200 }))).entries;

describe("audit targets by name", () => {
  it("names an agent by its slug, with the pause reason in the entry", async () => {
    const agent = await makeAgent(team);
    await changeAgentStatus(admin, agent.slug, "pause", { reason: "runaway refunds" });
    const entry = (await entriesFor("agent.pause")).find((row) => row.targetId === agent.id);
    expect(entry?.targetLabel).toBe(agent.slug);
    expect(entry?.after).toMatchObject({ reason: "runaway refunds" });
  });

  it("names users by email and teams by name, and a deleted team by the name its entry kept", async () => {
    const email = `labelled-${unique()}@test.local`;
    const user = await createUser(admin, { email, name: "Labelled", role: "viewer", teamIds: [], password: "a-long-enough-password-1" });
    const created = await createTeam(admin, { name: `labels-${unique()}` });
    expect((await entriesFor("user.create")).find((row) => row.targetId === user.id)?.targetLabel).toBe(email);
    expect((await entriesFor("team.create")).find((row) => row.targetId === created.id)?.targetLabel).toBe(created.name);
    await deleteTeam(admin, created.id);
    const deleted = (await entriesFor("team.delete")).find((row) => row.targetId === created.id);
    expect(deleted?.targetLabel).toBe(created.name);
  });

  it("leaves unknown targets without a label (the table shows the id)", async () => {
    const labels = await resolveTargetLabels([
      { targetType: "agent", targetId: "00000000-0000-4000-8000-000000000000", before: null, after: null },
      { targetType: "something_else", targetId: "not-a-uuid", before: null, after: null },
    ]);
    expect(labels.size).toBe(0);
  });
});
