// Roles, weakest first. Shared by server and client (no server-only imports here).
export const roles = ["viewer", "operator", "developer", "reviewer", "admin"] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  viewer: "Viewer",
  operator: "Operator",
  developer: "Developer",
  reviewer: "Reviewer",
  admin: "Admin",
};

export const isRole = (value: unknown): value is Role => roles.includes(value as Role);
