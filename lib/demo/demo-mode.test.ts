import { describe, expect, it } from "vitest";
import { demoAgents, demoTeams, demoUsers, isDemoMode } from "./demo-mode";
import { roles } from "../auth/roles";

describe("isDemoMode", () => {
  it("is on for the embedded database unless switched off", () => {
    expect(isDemoMode({})).toBe(true);
    expect(isDemoMode({ DATABASE_URL: "  " })).toBe(true);
    expect(isDemoMode({ CONTROLROOM_DEMO: "0" })).toBe(false);
    expect(isDemoMode({ CONTROLROOM_DEMO: "false" })).toBe(false);
  });

  it("is off on Postgres unless switched on", () => {
    const url = "postgresql://localhost/controlroom";
    expect(isDemoMode({ DATABASE_URL: url })).toBe(false);
    expect(isDemoMode({ DATABASE_URL: url, CONTROLROOM_DEMO: "1" })).toBe(true);
    expect(isDemoMode({ DATABASE_URL: url, CONTROLROOM_DEMO: " TRUE " })).toBe(true);
    expect(isDemoMode({ DATABASE_URL: url, CONTROLROOM_DEMO: "yes please" })).toBe(false);
  });
});

describe("the demo organisation", () => {
  const teamNames = demoTeams.map((team) => team.name);

  it("has one user per role with the documented emails", () => {
    expect(demoUsers.map((user) => user.role).sort()).toEqual([...roles].sort());
    for (const user of demoUsers) expect(user.email).toBe(`${user.role}@demo.local`);
  });

  it("puts viewer, operator and developer in Claims and Support, reviewer and admin in every team", () => {
    const teamsOf = Object.fromEntries(demoUsers.map((user) => [user.role, user.teams]));
    expect(teamsOf).toEqual({
      admin: "all",
      reviewer: "all",
      developer: ["Claims", "Support"],
      operator: ["Claims", "Support"],
      viewer: ["Claims", "Support"],
    });
    for (const user of demoUsers) if (user.teams !== "all") for (const team of user.teams) expect(teamNames).toContain(team);
  });

  it("has the four demo agents in existing teams, owned by demo users", () => {
    expect(demoAgents.map((agent) => [agent.slug, agent.team])).toEqual([
      ["claims-agent", "Claims"],
      ["refund-agent", "Payments"],
      ["support-agent", "Support"],
      ["procurement-agent", "Procurement"],
    ]);
    const emails = demoUsers.map((user) => user.email) as string[];
    for (const agent of demoAgents) {
      expect(teamNames).toContain(agent.team);
      expect(emails).toContain(agent.owner);
    }
  });
});
