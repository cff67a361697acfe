import type { Role } from "./roles";
import { roleCan, type Permission } from "./permissions";
import { forbidden } from "../errors/app-error";

// Who is acting. Every lib function that reads or writes takes one first.
export type UserPrincipal = {
  kind: "user";
  userId: string;
  email: string;
  name: string;
  role: Role;
  teamIds: string[];
  via: "session" | "api-key";
};

export type AgentPrincipal = {
  kind: "agent";
  agentId: string;
  agentSlug: string;
  teamId: string;
  keyId: string;
};

// Start-up tasks and CLIs run by whoever operates the machine.
export type SystemPrincipal = { kind: "system"; label: string };

export type Principal = UserPrincipal | AgentPrincipal | SystemPrincipal;

export function actorOf(principal: Principal) {
  switch (principal.kind) {
    case "user":
      return { actorType: "user", actorId: principal.userId, actorLabel: principal.email };
    case "agent":
      return { actorType: "agent", actorId: principal.agentId, actorLabel: principal.agentSlug };
    case "system":
      return { actorType: "system", actorId: null, actorLabel: principal.label };
  }
}

export function can(principal: Principal, permission: Permission): boolean {
  if (principal.kind === "system") return true;
  if (principal.kind === "agent") return false;
  return roleCan(principal.role, permission);
}

export function assertCan(principal: Principal, permission: Permission): asserts principal is UserPrincipal | SystemPrincipal {
  if (principal.kind === "agent") throw forbidden("Agent keys cannot use the management API");
  if (!can(principal, permission)) throw forbidden(`Your role may not ${describe(permission)}`);
}

function describe(permission: Permission) {
  const [resource, action] = permission.split(":");
  return `${action.replace(/-/g, " ")} ${resource}`;
}
