import { forbidden } from "next/navigation";
import { roleCan, type Permission } from "@/lib/auth/permissions";
import type { UserPrincipal } from "@/lib/auth/principal";

// A page the role may not use answers 403 with app/(dashboard)/forbidden.tsx (Next's forbidden(),
// experimental.authInterrupts), rather than a hand-written refusal rendered with 200.
export function requirePagePermission(principal: UserPrincipal, ...anyOf: Permission[]): void {
  if (!anyOf.some((permission) => roleCan(principal.role, permission))) forbidden();
}
