import type { AgentPrincipal, SystemPrincipal, UserPrincipal } from "./principal";
import type { Role } from "./roles";

// Principals for unit tests of permission and team-access logic (no database).

export const testUser = (role: Role, teamIds: string[]): UserPrincipal => ({
  kind: "user",
  userId: `user-${role}`,
  email: `${role}@example.test`,
  name: role,
  role,
  teamIds,
  via: "session",
});

export const testAgent = (teamId: string): AgentPrincipal => ({ kind: "agent", agentId: "agent-1", agentSlug: "claims-agent", teamId, keyId: "key-1" });

export const testSystem: SystemPrincipal = { kind: "system", label: "cli" };
