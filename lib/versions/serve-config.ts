import { db } from "../db/client";
import type { AgentPrincipal } from "../auth/principal";
import { AppError } from "../errors/app-error";
import { configQuerySchema } from "./schemas";
import { inCanary } from "./canary-split";
import { toVersionBundle } from "./version-view";

// GET /api/v1/agents/self/config: the version a session must run. A session keeps the version first
// served to it while that version is in production or canary; otherwise it gets what a new session
// would: the canary if its bucket falls in the canary's share, else production. Nothing here is cached:
// a rollback or promotion is served by the very next call, on every replica.
export async function serveConfig(principal: AgentPrincipal, rawQuery: unknown) {
  const { sessionId } = configQuerySchema.parse(rawQuery ?? {});
  const serving = await db().agentVersion.findMany({ where: { agentId: principal.agentId, stage: { in: ["production", "canary"] } } });
  const production = serving.find((version) => version.stage === "production");
  if (!production) {
    throw new AppError("no_production_version", `Nothing is deployed for agent "${principal.agentSlug}" yet: a version must reach production first`);
  }
  const canary = serving.find((version) => version.stage === "canary");
  let chosen = production;
  if (sessionId) {
    const assigned = await db().versionSession.findUnique({ where: { agentId_sessionId: { agentId: principal.agentId, sessionId } }, select: { versionId: true } });
    const kept = assigned && serving.find((version) => version.id === assigned.versionId);
    if (kept) chosen = kept;
    else {
      if (canary && inCanary(principal.agentId, sessionId, canary.trafficPercent)) chosen = canary;
      await db().$executeRaw`
        INSERT INTO version_sessions (agent_id, session_id, version_id, label, first_served_at)
        VALUES (${principal.agentId}::uuid, ${sessionId}, ${chosen.id}::uuid, ${chosen.label}, now())
        ON CONFLICT (agent_id, session_id) DO UPDATE
          SET version_id = EXCLUDED.version_id, label = EXCLUDED.label, first_served_at = EXCLUDED.first_served_at
          WHERE version_sessions.version_id IS DISTINCT FROM EXCLUDED.version_id`;
    }
  }
  const bundle = toVersionBundle(chosen);
  return {
    agent: principal.agentSlug,
    version: { id: bundle.id, label: bundle.label, stage: bundle.stage as "production" | "canary" },
    model: bundle.model,
    prompt: bundle.prompt,
    params: bundle.params,
    knowledgeBase: bundle.knowledgeBase,
    tools: bundle.tools,
    policyVersion: bundle.policyVersion,
    sessionId: sessionId ?? null,
  };
}
