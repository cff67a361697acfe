import { describe, expect, it } from "vitest";
import { actorOf, assertCan, can, type AgentPrincipal, type SystemPrincipal, type UserPrincipal } from "./principal";
import { AppError } from "../errors/app-error";
import type { Role } from "./roles";

const user = (role: Role, teamIds: string[] = ["team-a"]): UserPrincipal => ({
  kind: "user",
  userId: `user-${role}`,
  email: `${role}@example.test`,
  name: role,
  role,
  teamIds,
  via: "session",
});
const agent: AgentPrincipal = { kind: "agent", agentId: "agent-1", agentSlug: "claims-agent", teamId: "team-a", keyId: "key-1" };
const system: SystemPrincipal = { kind: "system", label: "cli" };

function forbiddenMessage(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("forbidden");
    return (error as AppError).message;
  }
  throw new Error("expected a forbidden AppError");
}

describe("can and assertCan", () => {
  it("follows the permission table for users", () => {
    expect(can(user("operator"), "agents:pause")).toBe(true);
    expect(can(user("operator"), "agents:terminate")).toBe(false);
    expect(() => assertCan(user("operator"), "agents:pause")).not.toThrow();
    expect(forbiddenMessage(() => assertCan(user("operator"), "agents:terminate"))).toBe("Your role may not terminate agents");
    expect(forbiddenMessage(() => assertCan(user("reviewer"), "versions:request-production"))).toBe("Your role may not request production versions");
  });

  it("lets the system do anything", () => {
    expect(can(system, "users:manage")).toBe(true);
    expect(() => assertCan(system, "agents:terminate")).not.toThrow();
  });

  it("refuses agent keys on the management API, even for reads", () => {
    expect(can(agent, "agents:read")).toBe(false);
    expect(forbiddenMessage(() => assertCan(agent, "agents:read"))).toMatch(/Agent keys cannot use the management API/);
  });
});

describe("actorOf", () => {
  it("labels who acted for the audit log", () => {
    expect(actorOf(user("admin"))).toEqual({ actorType: "user", actorId: "user-admin", actorLabel: "admin@example.test" });
    expect(actorOf(agent)).toEqual({ actorType: "agent", actorId: "agent-1", actorLabel: "claims-agent" });
    expect(actorOf(system)).toEqual({ actorType: "system", actorId: null, actorLabel: "cli" });
  });
});
