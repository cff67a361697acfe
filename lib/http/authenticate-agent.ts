import { AppError } from "../errors/app-error";
import { takeToken } from "./rate-limit";
import { authenticateKeyCached } from "./agent-key-cache";
import type { AgentPrincipal } from "../auth/principal";

// Agent-facing endpoints: the Authorization header's key must be an agent's, and that key's rate limit
// must have a token left.
export async function authenticateAgent(authorization: string | null | undefined): Promise<AgentPrincipal> {
  const principal = await authenticateKeyCached(bearerToken(authorization));
  if (principal.kind !== "agent") throw new AppError("forbidden", "This endpoint takes an agent API key, not an admin key");
  takeToken(principal.keyId);
  return principal;
}

export function bearerToken(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match) throw new AppError("unauthenticated", "Authorization header must be: Bearer <key>");
  return match[1];
}
