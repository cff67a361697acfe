import { describe, expect, it } from "vitest";
import { actorOf, assertCan, can } from "./principal";
import { AppError } from "../errors/app-error";
import type { Role } from "./roles";
import { testAgent, testSystem, testUser } from "./principals.test-helper";

const user = (role: Role, teamIds: string[] = ["team-a"]) => testUser(role, teamIds);
const agent = testAgent("team-a");
const system = testSystem;

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
