import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { AgentPrincipal } from "../auth/principal";
import { notFound } from "../errors/app-error";
import { loadPriceBook } from "../costs/load-prices";
import { priceSpan } from "../costs/price-span";
import { raiseBudgetAlerts } from "../alerts/budget-alerts";
import { budgetRules } from "../budgets/budget-rules";
import { evaluateBudgets, type BudgetEvaluation, type BudgetRule } from "../budgets/evaluate-budgets";
import { readExtensions } from "../budgets/extensions";
import type { SpendOwner } from "../budgets/scopes";
import { readSpend, recordGuardSpend, type RecordedSpend, type Spend } from "../budgets/spend-store";
import { applyLimits } from "./apply-limits";
import { decideCheck, type CheckOutcome } from "./decide-check";
import { loadPolicies, type AgentPolicies } from "../policies/load-policies";
import { loopVerdict, stopSession, uncountAction, type SessionState } from "./loop-breaker";
import { countAction, storeDecision } from "./guard-writes";
import { policyDefaults } from "../policies/resolve-policy";
import { redactExcerpt } from "./redact-excerpt";
import { countGuardDecision } from "../metrics/record";
import { readGuardAgent, type GuardAgent } from "./guard-agent";
import { guardRequestSchema, type GuardReason, type GuardRequest, type GuardVerdict } from "./schemas";

// version: only when the call named it (the session's served version is resolved as the row is stored).
export type GuardResponse = { decisionId: string; verdict: GuardVerdict; reasons: GuardReason[]; expiresAt?: string; version?: string };

// POST /api/v1/guard: the agent asks before it acts. The agent and its policies from in-process caches,
// a pure decision, then the stateful limits (usage onto the budget counters, the loop breaker's session
// counters: atomic statements, run side by side) and the decision stored (group-committed). A call that
// fails writes nothing: what could fail is built before anything is counted, and if the decision still
// cannot be stored, the counts it made are taken back, so an agent retrying it is not counted twice.
export async function checkGuard(principal: AgentPrincipal, rawInput: unknown): Promise<GuardResponse> {
  const request = guardRequestSchema.parse(rawInput);
  const started = performance.now();
  const agent = await readGuardAgent(principal.agentId);
  if (!agent) throw notFound("Agent");

  let policies: AgentPolicies | Error;
  try {
    policies = await loadPolicies(agent.id, agent.slug);
  } catch (error) {
    policies = error instanceof Error ? error : new Error(String(error));
  }
  const decided = decideCheck({ agent, policies, request });
  const text = textRecord(request);
  const { outcome, budgets, counted, stop } = await withLimits(agent, request, decided);
  const latencyMs = performance.now() - started;

  const held = outcome.verdict === "hold";
  const decidedAt = new Date();
  const expiresAt = held ? new Date(decidedAt.getTime() + (outcome.expiresInSeconds ?? 3600) * 1000) : undefined;
  const decisionId = randomUUID();
  try {
    await storeDecision({
      id: decisionId,
      agentId: agent.id,
      teamId: agent.teamId,
      sessionId: request.sessionId,
      traceId: request.traceId ?? null,
      spanId: request.spanId ?? null,
      check: request.check,
      workflow: request.workflow ?? null,
      decisionType: request.decisionType ?? null,
      verdict: outcome.verdict,
      status: held ? "pending" : "decided",
      reasons: outcome.reasons,
      request: recordedRequest(request, text, budgets),
      policyVersion: outcome.policyVersion ?? null,
      version: request.version ?? null,
      latencyMs,
      expiresAt: expiresAt ?? null,
      createdAt: decidedAt,
    });
  } catch (error) {
    await takeBack(agent, request, counted);
    throw error;
  }
  // After the decision is stored, so a failed call stops nothing. Should this write fail, the session's
  // counts stay over the limit and its next action stops it again.
  countGuardDecision({ check: request.check, verdict: outcome.verdict });
  if (stop) await stopSession(agent.id, request.sessionId, stop).catch((error) => console.error(`guard: could not stop session of ${agent.slug}`, error));
  return {
    decisionId,
    verdict: outcome.verdict,
    reasons: outcome.reasons,
    ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
    ...(request.version ? { version: request.version } : {}),
  };
}

// What a call counted, to take back if it fails after counting.
type Counted = { usage?: RecordedUsage; action?: SessionState };

type Limited = { outcome: CheckOutcome; budgets?: BudgetEvaluation; counted: Counted; stop?: string };

// Usage goes onto the counters on every check (the tokens were spent whatever the verdict); budgets and
// the loop breaker then judge action checks. When the counters cannot be reached, the fail mode decides.
async function withLimits(agent: GuardAgent, request: GuardRequest, decided: CheckOutcome): Promise<Limited> {
  const counted: Counted = {};
  const isAction = request.check === "action" && agent.status === "active";
  if (!isAction && !request.usage) return { outcome: decided, counted };
  const policy = decided.policy ?? null;
  try {
    const rules = budgetRules(agent, policy);
    const loopLimits = policy?.loopBreaker ?? policyDefaults.loopBreaker;
    // Settled, not Promise.all: what one counted must be known even when the other failed.
    const [usage, action] = await Promise.allSettled([
      request.usage ? recordUsage(agent, request) : undefined,
      isAction ? countAction(agent.id, request.sessionId, request.action!, loopLimits) : undefined,
    ]);
    if (usage.status === "fulfilled") counted.usage = usage.value;
    if (action.status === "fulfilled") counted.action = action.value;
    if (usage.status === "rejected") throw usage.reason;
    if (action.status === "rejected") throw action.reason;
    const budgets = rules.length ? await judgeBudgets(rules, counted.usage?.recorded) : undefined;
    if (!isAction) return { outcome: decided, budgets, counted };

    const loop = loopVerdict(counted.action!, loopLimits, request.action!.tool);
    const outcome = applyLimits(decided, { loop: loop?.reason ?? null, exceededBudgets: budgets?.exceeded ?? [] });
    return { outcome, budgets, counted, stop: loop?.stopsNow ? loop.reason.message : undefined };
  } catch (error) {
    console.error(`guard: budget or loop counters unavailable for ${agent.slug}`, error);
    if (decided.verdict === "deny") return { outcome: decided, counted };
    const failMode = policy?.failMode ?? policyDefaults.failMode;
    const message = `Control Room could not check budgets and loops (fail mode ${failMode})`;
    const outcome: CheckOutcome = failMode === "open" ? decided : { verdict: "deny", reasons: [{ code: "policy_rule", message }], policyVersion: decided.policyVersion };
    return { outcome, counted };
  }
}

// Undoes what withLimits counted for a call whose decision was not stored: the reported usage comes off
// the same windows' counters (recorded again as negative spend), the action off the loop breaker.
// Best effort: when the database is down this fails too, and is logged.
async function takeBack(agent: GuardAgent, request: GuardRequest, { usage, action }: Counted): Promise<void> {
  const undone = await Promise.allSettled([
    usage ? recordGuardSpend(usage.owner, { usd: -usage.spend.usd, tokens: -usage.spend.tokens }, usage.at) : undefined,
    action ? uncountAction(agent.id, request.sessionId, request.action!, action) : undefined,
  ]);
  for (const result of undone) if (result.status === "rejected") console.error(`guard: could not take back the counts of a failed call of ${agent.slug}`, result.reason);
}

type RecordedUsage = { owner: SpendOwner & { traceId?: string }; spend: Spend; at: Date; recorded: RecordedSpend };

async function recordUsage(agent: GuardAgent, request: GuardRequest): Promise<RecordedUsage> {
  const usage = request.usage!;
  const book = await loadPriceBook();
  const at = new Date();
  // An unknown model's tokens still count against token budgets; its USD is unknown, not $0 — the
  // spans of the same calls (when sent) carry the same gap, and /admin/prices lists unpriced models.
  const usd = priceSpan(book, { model: usage.model, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, cachedInputTokens: null, startTime: at }) ?? 0;
  const spend = { usd, tokens: usage.inputTokens + usage.outputTokens };
  const owner = { agentId: agent.id, teamId: agent.teamId, workflow: request.workflow, traceId: request.traceId };
  return { owner, spend, at, recorded: await recordGuardSpend(owner, spend, at) };
}

async function judgeBudgets(rules: BudgetRule[], recorded: RecordedSpend | undefined): Promise<BudgetEvaluation> {
  const totals = recorded?.totals ?? (await readSpend([...new Set(rules.map((rule) => rule.scope))]));
  const delta = recorded?.delta ?? { usd: 0, tokens: 0 };
  let evaluation = evaluateBudgets(rules, totals, delta);
  // Extensions are rare: look them up only when a budget would stop the action.
  if (evaluation.exceeded.length) {
    const extensions = await readExtensions(evaluation.exceeded.map((use) => ({ scope: use.rule.scope, window: use.rule.budget.window })));
    if (extensions.size) evaluation = evaluateBudgets(rules, totals, delta, extensions);
  }
  if (evaluation.crossed.length) await raiseBudgetAlerts(evaluation.crossed);
  return evaluation;
}

// What the decision log keeps of the request: the action and usage whole, text as a redacted excerpt,
// and the budgets that stopped the action (what a reviewer's extension would apply to).
function recordedRequest(request: GuardRequest, text: ReturnType<typeof textRecord>, budgets?: BudgetEvaluation) {
  return {
    ...(request.action ? { action: request.action } : {}),
    ...(request.usage ? { usage: request.usage } : {}),
    ...(request.channel ? { channel: request.channel } : {}),
    ...text,
    ...(budgets?.exceeded.length
      ? {
          budgets: budgets.exceeded.map(({ rule, spent, limit }) => ({
            scope: rule.scope,
            label: rule.label,
            window: rule.budget.window,
            onExceed: rule.budget.onExceed,
            spent,
            limit,
          })),
        }
      : {}),
  };
}

const textRecord = (request: GuardRequest) =>
  request.text !== undefined ? { textExcerpt: redactExcerpt(request.text), textLength: request.text.length } : {};
