import { performance } from "node:perf_hooks";
import { db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import type { AgentPrincipal } from "../auth/principal";
import { notFound } from "../http/errors";
import { decideCheck } from "./decide-check";
import { loadPolicies, type AgentPolicies } from "./load-policies";
import { redactExcerpt } from "./redact-excerpt";
import { guardRequestSchema, type GuardReason, type GuardRequest, type GuardVerdict } from "./schemas";

export type GuardResponse = { decisionId: string; verdict: GuardVerdict; reasons: GuardReason[]; expiresAt?: string };

// POST /api/v1/guard: the agent asks before it acts. One read of the agent (by key), policies from
// the in-process cache, a pure decision, one insert.
export async function checkGuard(principal: AgentPrincipal, rawInput: unknown): Promise<GuardResponse> {
  const request = guardRequestSchema.parse(rawInput);
  const started = performance.now();
  const agent = await db().agent.findUnique({ where: { id: principal.agentId }, select: { id: true, slug: true, status: true, teamId: true } });
  if (!agent) throw notFound("Agent");

  let policies: AgentPolicies | Error;
  try {
    policies = await loadPolicies(agent.id, agent.slug);
  } catch (error) {
    policies = error instanceof Error ? error : new Error(String(error));
  }
  const outcome = decideCheck({ agent, policies, request });
  const latencyMs = performance.now() - started;

  const held = outcome.verdict === "hold";
  const expiresAt = held ? new Date(Date.now() + (outcome.expiresInSeconds ?? 3600) * 1000) : undefined;
  const row = await db().guardDecision.create({
    data: {
      agentId: agent.id,
      teamId: agent.teamId,
      sessionId: request.sessionId,
      traceId: request.traceId,
      spanId: request.spanId,
      check: request.check,
      workflow: request.workflow,
      decisionType: request.decisionType,
      verdict: outcome.verdict,
      status: held ? "pending" : "decided",
      reasons: outcome.reasons,
      request: recordedRequest(request),
      policyVersion: outcome.policyVersion,
      latencyMs,
      expiresAt,
    },
    select: { id: true },
  });
  return {
    decisionId: row.id,
    verdict: outcome.verdict,
    reasons: outcome.reasons,
    ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
  };
}

// What the decision log keeps of the request: the action and usage whole, text as a redacted excerpt.
function recordedRequest(request: GuardRequest) {
  return {
    ...(request.action ? { action: request.action } : {}),
    ...(request.usage ? { usage: request.usage } : {}),
    ...(request.channel ? { channel: request.channel } : {}),
    ...(request.text !== undefined ? { textExcerpt: redactExcerpt(request.text), textLength: request.text.length } : {}),
  } as Prisma.InputJsonObject;
}
