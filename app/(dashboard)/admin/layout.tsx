import type { ReactNode } from "react";
import { requirePagePermission } from "@/components/auth/page-gate";
import { requirePrincipal } from "@/lib/auth/session";

// Refused here, above the admin pages' loading.tsx: a refusal inside a streamed loading boundary
// would go out after the 200 status; here it answers 403. Each page still checks its own permission.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  requirePagePermission(await requirePrincipal(), "users:read", "teams:manage", "keys:read", "prices:manage");
  return children;
}
