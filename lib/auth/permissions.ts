import type { Role } from "./roles";

// The permission table: "resource:action" → roles allowed. Enforced in lib/ (with team scoping for
// every role but admin); the client reads it only to hide or disable controls. Later pillars fill in
// the functions behind the permissions already listed here.
const everyone: Role[] = ["viewer", "operator", "developer", "reviewer", "admin"];

export const permissionTable = {
  "dashboard:read": everyone,

  "agents:read": everyone,
  "agents:create": ["developer", "admin"],
  "agents:update": ["developer", "admin"],
  "agents:pause": ["operator", "admin"],
  "agents:resume": ["operator", "admin"],
  "agents:terminate": ["admin"],

  "traces:read": everyone,
  "sessions:replay": everyone,

  "costs:read": everyone,
  "prices:manage": ["admin"],
  "budgets:read": everyone,
  "budgets:manage": ["admin"],
  "budgets:extend": ["reviewer", "admin"],

  "policies:read": everyone,
  "policies:propose": ["developer", "admin"],
  "policies:manage": ["admin"],

  "approvals:read": everyone,
  "approvals:decide": ["reviewer", "admin"],

  "versions:read": everyone,
  "versions:create": ["developer", "admin"],
  "versions:promote": ["developer", "admin"],
  "versions:request-production": ["developer", "admin"],
  "versions:approve-production": ["reviewer", "admin"],
  "versions:deploy": ["admin"],
  "versions:rollback": ["operator", "admin"],

  "drift:read": everyone,
  "drift:manage": ["developer", "admin"],
  "alerts:read": everyone,
  "alerts:acknowledge": ["operator", "admin"],
  "alerts:manage": ["admin"],

  "evals:read": everyone,
  "evals:run": ["developer", "admin"],
  "evals:manage": ["developer", "admin"],
  "datasets:read": everyone,
  "datasets:manage": ["developer", "admin"],

  "incidents:read": everyone,
  "incidents:open": ["operator", "admin"],
  "incidents:manage": ["operator", "admin"],

  "users:read": ["admin"],
  "users:manage": ["admin"],
  "teams:read": everyone,
  "teams:manage": ["admin"],
  "keys:read": ["admin"],
  "keys:manage": ["admin"],

  "audit:read": ["reviewer", "admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissionTable;

export const permissions = Object.keys(permissionTable) as Permission[];

export function roleCan(role: Role, permission: Permission): boolean {
  return (permissionTable[permission] as readonly Role[]).includes(role);
}

export function permissionsOf(role: Role): Permission[] {
  return permissions.filter((permission) => roleCan(role, permission));
}
