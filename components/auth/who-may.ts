import { permissionTable, type Permission } from "@/lib/auth/permissions";
import { roles, type Role } from "@/lib/auth/roles";

// Who may do something, worded from the permission table, so page text never drifts from what lib/
// enforces: rolesWith("approvals:decide") → "reviewers and admins".
const plural: Record<Role, string> = {
  viewer: "viewers",
  operator: "operators",
  developer: "developers",
  reviewer: "reviewers",
  admin: "admins",
};

export function rolesWith(permission: Permission): string {
  const allowed = roles.filter((role) => (permissionTable[permission] as readonly Role[]).includes(role));
  if (allowed.length === roles.length) return "everyone";
  const names = allowed.map((role) => plural[role]);
  return names.length <= 1 ? (names[0] ?? "nobody") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** The same at the start of a sentence: "Reviewers and admins". */
export function rolesWithCapital(permission: Permission): string {
  const text = rolesWith(permission);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
