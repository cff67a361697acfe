import "server-only";
import type { UserPrincipal } from "@/lib/auth/principal";
import { roleCan } from "@/lib/auth/permissions";
import { listDeployments } from "@/lib/versions/list-versions";

// Versions that were in production before the current one, most recent first: what a rollback from the
// incident page may pick (the same rule as the agent page's dialog). Empty for those who may not roll back.
export async function rollbackTargets(principal: UserPrincipal, slug: string, production: string | null): Promise<string[]> {
  if (!production || !roleCan(principal.role, "versions:rollback")) return [];
  const events = await listDeployments(principal, slug);
  const becameProduction = events.filter((event) => event.toStage === "production" && ["promoted", "production_approved", "rolled_back"].includes(event.kind));
  return [...new Set(becameProduction.map((event) => event.label))].filter((label) => label !== production);
}
