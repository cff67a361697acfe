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
import { stopSession } from "./loop-breaker";
import { storeActionDecision, storeDecision, type LoopVerdict } from "./guard-writes";
import type { DecisionRecord } from "./decision-rows";
import { isUnstorableInput } from "../db/sql-state";
import { policyDefaults, type LoopBreaker } from "../policies/resolve-policy";
import { redactExcerpt } from "./redact-excerpt";
import { countGuardDecision } from "../metrics/record";
import { readGuardAgent, type GuardAgent } from "./guard-agent";
import { guardRequestSchema, type GuardReason, type GuardRequest, type GuardVerdict } from "./schemas";

// version: only when the call named it (the session's served version is resolved as the row is stored).
export type GuardResponse = { decisionId: string; verdict: GuardVerdict; reasons: GuardReason[]; expiresAt?: string; version?: string };

// POST /api/v1/guard: the agent asks before it acts. The agent and its policies from in-process caches,
// a pure decision, usage onto the budget counters (atomic statements) and budgets judged, then one
// group-committed statement: for an action check it counts the action on the loop breaker's session
// counters, judges them and stores the decision (the loop's deny or the call's own); for other checks
// it stores the decision. A call that fails writes nothing: what could fail is built before anything is
// counted, the action's count and decision commit together or not at all, and if the decision cannot be
// stored, the usage it recorded is taken back, so an agent retrying it is not counted twice.
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
  const isAction = request.check === "action" && agent.status === "active";
  const { outcome: limited, budgets, usage, failed } = await withBudgets(agent, request, decided, isAction);
  const decisionId = randomUUID();
  const record = (outcome: CheckOutcome): DecisionRecord => {
    const held = outcome.verdict === "hold";
    const createdAt = new Date();
    return {
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
      latencyMs: performance.now() - started,
      expiresAt: held ? new Date(createdAt.getTime() + (outcome.expiresInSeconds ?? 3600) * 1000) : null,
      createdAt,
    };
  };

  let stored: DecisionRecord;
  let loop: LoopVerdict = null;
  try {
    if (isAction && !failed) {
      const policy = decided.policy ?? null;
      const loopLimits = policy?.loopBreaker ?? policyDefaults.loopBreaker;
      // What applyLimits gives on a loop, for the statement to store in its place: the loop's reason first.
      const loopReasons = applyLimits(decided, { loop: LOOP_PLACEHOLDER, exceededBudgets: [] }).reasons.slice(1);
      ({ stored, loop } = await storeCountedAction(agent, request, { record, limited, decided }, loopLimits, loopReasons));
    } else {
      stored = record(limited);
      await storeDecision(stored);
    }
  } catch (error) {
    await takeBack(agent, usage);
    throw error;
  }
  // What was stored is the answer: the loop's verdict in place of the call's own, or the fail mode's.
  const outcome = loop ? applyLimits(decided, { loop: loop.reason, exceededBudgets: [] }) : { verdict: stored.verdict, reasons: stored.reasons };
  // After the decision is stored, so a failed call stops nothing. Should this write fail, the session's
  // counts stay over the limit and its next action stops it again.
  countGuardDecision({ check: request.check, verdict: outcome.verdict });
  if (loop?.stopsNow) await stopSession(agent.id, request.sessionId, loop.reason.message).catch((error) => console.error(`guard: could not stop session of ${agent.slug}`, error));
  return {
    decisionId,
    verdict: outcome.verdict,
    reasons: outcome.reasons,
    ...(!loop && stored.expiresAt ? { expiresAt: stored.expiresAt.toISOString() } : {}),
    ...(request.version ? { version: request.version } : {}),
  };
}

const LOOP_PLACEHOLDER: GuardReason = { code: "loop_detected", message: "" };

// The action's count, loop verdict and decision in one statement. When that statement fails (and so
// counted nothing), the counters count as unavailable: the fail mode decides, and that decision alone
// is stored (if this fails too, the call fails).
async function storeCountedAction(
  agent: GuardAgent,
  request: GuardRequest,
  { record, limited, decided }: { record: (outcome: CheckOutcome) => DecisionRecord; limited: CheckOutcome; decided: CheckOutcome },
  loopLimits: LoopBreaker,
  loopReasons: GuardReason[],
): Promise<{ stored: DecisionRecord; loop: LoopVerdict }> {
  const asDecided = record(limited);
  try {
    return { stored: asDecided, loop: await storeActionDecision(asDecided, request.action!, loopLimits, loopReasons) };
  } catch (error) {
    // A row the database refuses for what it holds is refused whatever the verdict: the call fails (422).
    if (isUnstorableInput(error)) throw error;
    console.error(`guard: loop counters unavailable for ${agent.slug}`, error);
    const stored = record(failModeOutcome(decided));
    await storeDecision(stored);
    return { stored, loop: null };
  }
}

type Budgeted = { outcome: CheckOutcome; budgets?: BudgetEvaluation; usage?: RecordedUsage; failed: boolean };

// Usage goes onto the counters on every check (the tokens were spent whatever the verdict); budgets
// then judge action checks. When the counters cannot be reached, the fail mode decides.
async function withBudgets(agent: GuardAgent, request: GuardRequest, decided: CheckOutcome, isAction: boolean): Promise<Budgeted> {
  if (!isAction && !request.usage) return { outcome: decided, failed: false };
  let usage: RecordedUsage | undefined;
  try {
    const rules = budgetRules(agent, decided.policy ?? null);
    if (request.usage) usage = await recordUsage(agent, request);
    const budgets = rules.length ? await judgeBudgets(rules, usage?.recorded) : undefined;
    if (!isAction) return { outcome: decided, budgets, usage, failed: false };
    return { outcome: applyLimits(decided, { loop: null, exceededBudgets: budgets?.exceeded ?? [] }), budgets, usage, failed: false };
  } catch (error) {
    console.error(`guard: budget counters unavailable for ${agent.slug}`, error);
    return { outcome: failModeOutcome(decided), usage, failed: true };
  }
}

// The outcome when a limit cannot be checked: a deny stays; otherwise the policy's fail mode decides.
function failModeOutcome(decided: CheckOutcome): CheckOutcome {
  if (decided.verdict === "deny") return decided;
  const failMode = decided.policy?.failMode ?? policyDefaults.failMode;
  const message = `Control Room could not check budgets and loops (fail mode ${failMode})`;
  return failMode === "open" ? decided : { verdict: "deny", reasons: [{ code: "policy_rule", message }], policyVersion: decided.policyVersion };
}

// Undoes the usage recorded for a call whose decision was not stored: it comes off the same windows'
// counters (recorded again as negative spend). (An action's count commits with its decision.) Best
// effort: when the database is down this fails too, and is logged.
async function takeBack(agent: GuardAgent, usage: RecordedUsage | undefined): Promise<void> {
  if (!usage) return;
  await recordGuardSpend(usage.owner, { usd: -usage.spend.usd, tokens: -usage.spend.tokens }, usage.at).catch((error) =>
    console.error(`guard: could not take back the counts of a failed call of ${agent.slug}`, error),
  );
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
