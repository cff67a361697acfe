import type { ReactNode } from "react";
import { requirePagePermission } from "@/components/auth/page-gate";
import { requirePrincipal } from "@/lib/auth/session";

// Refused here, above audit/loading.tsx, so a role without audit:read gets a 403 status rather than a
// refusal streamed after a 200.
export default async function AuditLayout({ children }: { children: ReactNode }) {
  requirePagePermission(await requirePrincipal(), "audit:read");
  return children;
}
