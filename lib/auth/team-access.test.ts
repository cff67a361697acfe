import { describe, expect, it } from "vitest";
import { assertMayPlaceIn, assertVisible, everyTeam, notVisible, teamAccess, teamsOnly } from "./team-access";
import { AppError } from "../errors/app-error";
import type { Role } from "./roles";
import { testAgent, testSystem, testUser } from "./principals.test-helper";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";

const user = (role: Role, teamIds: string[] = [A]) => testUser(role, teamIds);
const agent = testAgent(A);
const system = testSystem;

function thrown(fn: () => void): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected an AppError");
}

describe("teamAccess", () => {
  it("gives admins and the system every team", () => {
    for (const principal of [user("admin", []), system]) {
      const access = teamAccess(principal);
      expect(access.all).toBe(true);
      expect(access.teamIds).toEqual([]);
      expect(access.has(B)).toBe(true);
      expect(access.where()).toEqual({});
      expect(access.where("id")).toEqual({});
    }
  });

  it("limits other users to their teams and an agent to its own", () => {
    const access = teamAccess(user("operator", [A, B, A]));
    expect(access.all).toBe(false);
    expect(access.teamIds).toEqual([A, B]);
    expect(access.where()).toEqual({ teamId: { in: [A, B] } });
    expect(access.where("id")).toEqual({ id: { in: [A, B] } });
    expect(teamAccess(agent).where()).toEqual({ teamId: { in: [A] } });
    expect(teamAccess(agent).has(B)).toBe(false);
    expect(teamAccess(user("viewer", [])).where()).toEqual({ teamId: { in: [] } });
  });
});

describe("teamAccess().sql", () => {
  it("is TRUE for every team and FALSE for no team, with no parameters", () => {
    expect(everyTeam.sql("t.team_id").sql).toBe("TRUE");
    const none = teamsOnly([]).sql("t.team_id");
    expect(none.sql).toBe("FALSE");
    expect(none.values).toEqual([]);
  });

  it("passes the team ids as parameters, never as SQL text", () => {
    const fragment = teamAccess(user("developer", [A, B])).sql("a.team_id");
    expect(fragment.text).toBe("a.team_id IN ($1::uuid,$2::uuid)");
    expect(fragment.values).toEqual([A, B]);
    const hostile = teamsOnly(["x'); DROP TABLE agents; --"]).sql("team_id");
    expect(hostile.text).toBe("team_id IN ($1::uuid)");
    expect(hostile.values).toEqual(["x'); DROP TABLE agents; --"]);
  });

  it("accepts only plain column names", () => {
    expect(() => teamsOnly([A]).sql("team_id; DROP TABLE agents")).toThrow(/Not a column name/);
    expect(() => everyTeam.sql("1=1 OR team_id")).toThrow(/Not a column name/);
  });
});

describe("one answer for another team's object", () => {
  it("is 404 not_found, worded like a missing object", () => {
    const other = thrown(() => assertVisible(user("operator", [A]), B, 'Agent "refund-agent"'));
    const missing = notVisible('Agent "refund-agent"');
    expect(other.code).toBe("not_found");
    expect(other.status).toBe(404);
    expect({ code: other.code, message: other.message }).toEqual({ code: missing.code, message: missing.message });
    expect(other.message).toBe('Agent "refund-agent" not found');
  });

  it("lets members, admins and the system through", () => {
    expect(() => assertVisible(user("operator", [A]), A, "Agent")).not.toThrow();
    expect(() => assertVisible(user("admin", []), B, "Agent")).not.toThrow();
    expect(() => assertVisible(system, B, "Agent")).not.toThrow();
    expect(() => assertVisible(agent, B, "Decision")).toThrow(/Decision not found/);
  });

  it("keeps placing an agent in a team one is not in a permission answer (403)", () => {
    expect(thrown(() => assertMayPlaceIn(user("developer", [A]), B)).code).toBe("forbidden");
    expect(() => assertMayPlaceIn(user("developer", [A]), A)).not.toThrow();
  });
});
