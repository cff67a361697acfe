import { createHash } from "node:crypto";

// Which sessions a canary serves: the session id hashed with the agent's id into [0, 100). A session
// whose bucket is below the canary's share runs the canary. Deterministic, so every replica and every
// restart agrees; raising the share keeps the sessions already in the canary there.
export function sessionBucket(agentId: string, sessionId: string): number {
  const digest = createHash("sha256").update(`${agentId}\u0000${sessionId}`).digest();
  return (digest.readUInt32BE(0) / 2 ** 32) * 100;
}

export const inCanary = (agentId: string, sessionId: string, canaryPercent: number) => sessionBucket(agentId, sessionId) < canaryPercent;
