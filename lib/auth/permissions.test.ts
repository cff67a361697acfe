import { describe, expect, it } from "vitest";
import { permissionTable, permissions, permissionsOf, roleCan, type Permission } from "./permissions";
import { roles, type Role } from "./roles";

// Every resource the control room exposes must be in the table, with at least a read permission.
const resources = [
  "agents", "traces", "policies", "approvals", "versions", "drift", "alerts",
  "costs", "budgets", "evals", "datasets", "incidents", "users", "keys", "audit",
];

const allowed = (permission: Permission) => roles.filter((role) => roleCan(role, permission));

describe("the permission table", () => {
  it.each(resources)("covers %s with a read permission", (resource) => {
    expect(permissions).toContain(`${resource}:read`);
  });

  it("names only known roles, never an empty list, and only resource:action keys", () => {
    for (const [permission, allowedRoles] of Object.entries(permissionTable)) {
      expect(permission).toMatch(/^[a-z]+:[a-z-]+$/);
      expect(allowedRoles.length, permission).toBeGreaterThan(0);
      for (const role of allowedRoles) expect(roles, permission).toContain(role);
    }
  });

  it("gives admins every permission", () => {
    expect(permissionsOf("admin")).toEqual(permissions);
  });

  it("gives viewers only reads (and session replay, which is a read)", () => {
    const viewerPermissions = permissionsOf("viewer");
    expect(viewerPermissions.length).toBeGreaterThan(0);
    for (const permission of viewerPermissions) expect(permission).toMatch(/:(read|replay)$/);
  });

  it("keeps user, key and audit administration away from non-admins (audit readable by reviewers)", () => {
    expect(allowed("users:read")).toEqual(["admin"]);
    expect(allowed("users:manage")).toEqual(["admin"]);
    expect(allowed("keys:read")).toEqual(["admin"]);
    expect(allowed("keys:manage")).toEqual(["admin"]);
    expect(allowed("audit:read")).toEqual(["reviewer", "admin"]);
  });

  it("grants reads of the operational resources to every role", () => {
    for (const resource of ["agents", "traces", "policies", "approvals", "versions", "drift", "alerts", "costs", "budgets", "evals", "datasets", "incidents"]) {
      expect(allowed(`${resource}:read` as Permission), resource).toEqual([...roles]);
    }
  });
});

describe("what each role may do", () => {
  const expectations: [Role, Permission, boolean][] = [
    // Operators run the kill switch but neither create nor terminate agents.
    ["operator", "agents:pause", true],
    ["operator", "agents:resume", true],
    ["operator", "agents:terminate", false],
    ["operator", "agents:create", false],
    ["operator", "agents:update", false],
    ["operator", "versions:rollback", true],
    ["operator", "alerts:acknowledge", true],
    ["operator", "incidents:open", true],
    ["operator", "approvals:decide", false],
    ["operator", "audit:read", false],
    // Developers build agents, versions, policies and evals; they do not decide or operate.
    ["developer", "agents:create", true],
    ["developer", "agents:update", true],
    ["developer", "agents:pause", false],
    ["developer", "agents:terminate", false],
    ["developer", "versions:create", true],
    ["developer", "versions:approve-production", false],
    ["developer", "versions:deploy", false],
    ["developer", "policies:propose", true],
    ["developer", "policies:manage", false],
    ["developer", "evals:run", true],
    ["developer", "datasets:manage", true],
    ["operator", "datasets:manage", false],
    ["reviewer", "datasets:manage", false],
    ["viewer", "datasets:manage", false],
    ["viewer", "datasets:read", true],
    ["developer", "drift:manage", true],
    ["developer", "approvals:decide", false],
    ["developer", "audit:read", false],
    // Reviewers decide approvals and production promotions and read the audit log.
    ["reviewer", "approvals:decide", true],
    ["reviewer", "versions:approve-production", true],
    ["reviewer", "budgets:extend", true],
    ["reviewer", "audit:read", true],
    ["reviewer", "agents:create", false],
    ["reviewer", "agents:pause", false],
    ["reviewer", "policies:manage", false],
    // Viewers change nothing.
    ["viewer", "agents:pause", false],
    ["viewer", "approvals:decide", false],
    ["viewer", "traces:read", true],
    ["viewer", "audit:read", false],
    // Admins alone terminate, deploy and manage budgets, prices, policies, users and keys.
    ["admin", "agents:terminate", true],
    ["admin", "versions:deploy", true],
    ["admin", "budgets:manage", true],
    ["admin", "prices:manage", true],
    ["admin", "policies:manage", true],
  ];

  it.each(expectations)("%s may %s: %s", (role, permission, expected) => {
    expect(roleCan(role, permission)).toBe(expected);
  });

  it("lets only admins terminate agents, deploy versions or manage policies and budgets", () => {
    for (const permission of ["agents:terminate", "versions:deploy", "policies:manage", "budgets:manage", "prices:manage", "alerts:manage"] as const) {
      expect(allowed(permission), permission).toEqual(["admin"]);
    }
  });
});
