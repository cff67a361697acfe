import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { AppError } from "../errors/app-error";
import { decideCheck } from "../guard/decide-check";
import { readStoredRequest, type StoredGuardRequest } from "../guard/stored-request";
import type { GuardReason, GuardVerdict } from "../guard/schemas";
import { parsePolicyDocument, type PolicyDocument } from "./document-schema";
import { policySet, type AgentPolicies } from "./load-policies";
import { policyAgent } from "./policy-agent";
import { parseScopeKey, scopeKeyOf, type ScopeNames } from "./policy-scope";
import { policyDefaults, type PolicyRequest, type ResolvedPolicy } from "./resolve-policy";
import { backtestPolicySchema, type backtestKeptReasons } from "./schemas";
import { validateDocument } from "./validate-document";

// A policy backtest: the agent's stored guard decisions of a period replayed against a draft document
// for one scope, the other scopes' current policies applying as they do live (resolve-policy.ts merges
// them, most specific first). `before` is the stored verdict, `after` the draft's.
//
// What cannot be replayed is kept as recorded (and counted in `kept`):
//   - budgets, the loop breaker and pausing are state, not inputs: a decision with a budget_exceeded,
//     loop_detected or agent_paused reason keeps its verdict (and a draft's budgets or loop thresholds
//     are not replayed on the others either);
//   - a decision taken while Control Room could not decide (its fail mode answered) says nothing about
//     the policy;
//   - screened text (input and output checks) is stored only as a redacted excerpt. When the draft
//     screens that channel exactly as the live policy does, the recorded verdict stands (same switches,
//     same text); when the draft turns the screening off, the check allows; any other change of the
//     screening (turning it on, another sensitivity or output check) cannot be judged without the text.

const DAY_MS = 24 * 3600 * 1000;
export const BACKTEST_DEFAULT_DAYS = 7;
export const BACKTEST_MAX_DAYS = 90;
export const BACKTEST_MAX_DECISIONS = 50_000;
export const BACKTEST_EXAMPLES_PER_CHANGE = 20;

type KeptReason = (typeof backtestKeptReasons)[number];
type Example = {
  decisionId: string;
  at: Date;
  // Where the decision leads in the UI: its trace, else its session.
  traceId: string | null;
  sessionId: string;
  check: string;
  // The action asked about (action checks), so a reader sees what the draft would have stopped.
  tool: string | null;
  amount: number | null;
  workflow: string | null;
  decisionType: string | null;
  before: GuardVerdict;
  after: GuardVerdict;
  reasons: GuardReason[];
};
export type BacktestResult = {
  scope: string;
  from: Date;
  to: Date;
  replayed: number;
  leftOut: number;
  changed: { from: GuardVerdict; to: GuardVerdict; count: number }[];
  unchanged: { verdict: GuardVerdict; count: number }[];
  kept: { reason: KeptReason; count: number }[];
  examples: Example[];
};

// The codes whose verdicts come from state rather than from the request and the policy.
const stateReasons: [GuardReason["code"], KeptReason][] = [
  ["agent_paused", "paused"],
  ["loop_detected", "loop"],
  ["budget_exceeded", "budget"],
];
// decide-check.ts and check-guard.ts answer with the fail mode under these words when they could not decide.
const UNDECIDED = /^Control Room could not (decide|check budgets and loops)/;

// now and maxDecisions are for tests.
export async function backtestPolicy(
  principal: Principal,
  slug: string,
  rawInput: unknown,
  { now = new Date(), maxDecisions = BACKTEST_MAX_DECISIONS }: { now?: Date; maxDecisions?: number } = {},
): Promise<BacktestResult> {
  assertCan(principal, "policies:propose");
  const input = backtestPolicySchema.parse(rawInput ?? {});
  const range = backtestRange(input.from, input.to, now);
  const scope = parseScopeKey(input.scope);
  const agent = await policyAgent(db(), principal, slug);
  const draft = parsed(validateDocument(input.document, agent.slug, scope), agent.slug);

  const live = await currentDocuments(agent.id, agent.slug);
  const livePolicies = policySet(agent.slug, live);
  const draftPolicies = policySet(agent.slug, [...live.filter((document) => !sameScope(document, scope)), draft]);

  const where = { agentId: agent.id, createdAt: { gte: range.from, lte: range.to } };
  const [total, rows] = await Promise.all([
    db().guardDecision.count({ where }),
    db().guardDecision.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: maxDecisions,
      select: { id: true, createdAt: true, traceId: true, sessionId: true, check: true, workflow: true, decisionType: true, verdict: true, reasons: true, request: true },
    }),
  ]);

  const changed = new Map<string, { from: GuardVerdict; to: GuardVerdict; count: number; examples: Example[] }>();
  const unchanged = new Map<GuardVerdict, number>();
  const kept = new Map<KeptReason, number>();
  for (const row of rows) {
    const before = row.verdict as GuardVerdict;
    const request = readStoredRequest(row.request);
    const replay = replayDecision(
      { check: row.check, workflow: row.workflow, decisionType: row.decisionType, verdict: before, reasons: readReasons(row.reasons), request },
      agent.slug,
      livePolicies,
      draftPolicies,
    );
    if ("kept" in replay) kept.set(replay.kept, (kept.get(replay.kept) ?? 0) + 1);
    if ("kept" in replay || replay.verdict === before) {
      unchanged.set(before, (unchanged.get(before) ?? 0) + 1);
      continue;
    }
    const key = `${before}>${replay.verdict}`;
    let change = changed.get(key);
    if (!change) changed.set(key, (change = { from: before, to: replay.verdict, count: 0, examples: [] }));
    change.count++;
    if (change.examples.length < BACKTEST_EXAMPLES_PER_CHANGE) {
      change.examples.push({
        decisionId: row.id,
        at: row.createdAt,
        traceId: row.traceId,
        sessionId: row.sessionId,
        check: row.check,
        tool: request.action?.tool ?? null,
        amount: request.action?.amount ?? null,
        workflow: row.workflow,
        decisionType: row.decisionType,
        before,
        after: replay.verdict,
        reasons: replay.reasons,
      });
    }
  }

  const changes = [...changed.values()].sort((a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  return {
    scope: scopeKeyOf(scope),
    from: range.from,
    to: range.to,
    replayed: rows.length,
    leftOut: Math.max(0, total - rows.length),
    changed: changes.map(({ from, to, count }) => ({ from, to, count })),
    unchanged: verdictOrder.filter((verdict) => unchanged.has(verdict)).map((verdict) => ({ verdict, count: unchanged.get(verdict)! })),
    kept: [...kept].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
    examples: changes.flatMap((change) => change.examples),
  };
}

const verdictOrder: GuardVerdict[] = ["allow", "hold", "deny"];

// Default: the last 7 days up to now; at most 90 days; from must come before to.
export function backtestRange(from: string | undefined, to: string | undefined, now: Date): { from: Date; to: Date } {
  const end = to ? new Date(to) : now;
  const start = from ? new Date(from) : new Date(end.getTime() - BACKTEST_DEFAULT_DAYS * DAY_MS);
  if (start.getTime() >= end.getTime()) throw rangeError("from", "from must be before to");
  if (end.getTime() - start.getTime() > BACKTEST_MAX_DAYS * DAY_MS) throw rangeError("from", `A backtest covers at most ${BACKTEST_MAX_DAYS} days: narrow from–to`);
  return { from: start, to: end };
}

const rangeError = (field: string, message: string) => new AppError("validation_failed", message, { details: { fieldErrors: { [field]: [message] } } });

function parsed(document: unknown, agentSlug: string): PolicyDocument {
  const result = parsePolicyDocument(document);
  // validateDocument has just accepted it: a failure here is a bug, not the caller's input.
  if (!result.success) throw new Error(`Backtest draft of ${agentSlug} does not parse after validation: ${result.errors.join("; ")}`);
  return result.data;
}

const sameScope = (document: PolicyDocument, scope: ScopeNames) =>
  (document.scope.workflow ?? "") === scope.workflow && (document.scope.decisionType ?? "") === scope.decisionType;

// The agent's current documents, read fresh (not the guard's cache: a backtest is not on the hot path).
async function currentDocuments(agentId: string, agentSlug: string): Promise<PolicyDocument[]> {
  const rows = await db().policy.findMany({ where: { agentId }, select: { workflow: true, decisionType: true, document: true } });
  return rows.map((row) => {
    const result = parsePolicyDocument(row.document);
    if (!result.success) throw new Error(`Stored policy of ${agentSlug} is invalid: ${result.errors.join("; ")}`);
    return { ...result.data, scope: { agent: agentSlug, workflow: row.workflow || undefined, decisionType: row.decisionType || undefined } };
  });
}

function readReasons(stored: unknown): GuardReason[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (reason): reason is GuardReason => typeof reason === "object" && reason !== null && typeof reason.code === "string" && typeof reason.message === "string",
  );
}

export type RecordedDecision = {
  check: string;
  workflow: string | null;
  decisionType: string | null;
  verdict: GuardVerdict;
  reasons: GuardReason[];
  request: StoredGuardRequest;
};
export type Replay = { verdict: GuardVerdict; reasons: GuardReason[] } | { kept: KeptReason };

// One stored decision against the draft: the draft's verdict, or why it is kept as recorded.
export function replayDecision(decision: RecordedDecision, agentSlug: string, live: AgentPolicies, draft: AgentPolicies): Replay {
  for (const [code, kept] of stateReasons) if (decision.reasons.some((reason) => reason.code === code)) return { kept };
  if (decision.reasons.some((reason) => UNDECIDED.test(reason.message))) return { kept: "undecided" };

  const scope: PolicyRequest = { workflow: decision.workflow ?? undefined, decisionType: decision.decisionType ?? undefined };
  const { request } = decision;
  switch (decision.check) {
    case "action": {
      if (!request.action) return { kept: "incomplete" };
      const outcome = decideCheck({
        agent: { slug: agentSlug, status: "active" },
        policies: draft,
        request: { check: "action", sessionId: "backtest", ...scope, action: request.action },
      });
      return { verdict: outcome.verdict, reasons: outcome.reasons };
    }
    case "input": {
      const channel = request.channel ?? "user";
      const before = policyOf(live, scope)?.screening.input[channel] ?? policyDefaults.channel;
      const after = policyOf(draft, scope)?.screening.input[channel] ?? policyDefaults.channel;
      if (!after.enabled) return { verdict: "allow", reasons: [] };
      if (before.enabled && before.sensitivity === after.sensitivity) return recorded(decision);
      return { kept: "screening" };
    }
    case "output": {
      const before = outputScreening(policyOf(live, scope));
      const after = outputScreening(policyOf(draft, scope));
      if (!after.any) return { verdict: "allow", reasons: [] };
      if (before.key === after.key) return recorded(decision);
      return { kept: "screening" };
    }
    default:
      return { kept: "incomplete" };
  }
}

const recorded = (decision: RecordedDecision): Replay => ({ verdict: decision.verdict, reasons: decision.reasons });

const policyOf = (policies: AgentPolicies, scope: PolicyRequest): ResolvedPolicy | null => policies.resolve(scope)?.compiled.policy ?? null;

// What output screening depends on besides the text: its switches, and the tools it may name when it
// looks for out-of-scope actions.
function outputScreening(policy: ResolvedPolicy | null) {
  const switches = policy?.screening.output ?? policyDefaults.output;
  const tools = switches.outOfScopeActions ? (policy?.tools ?? []).map((rule) => rule.tool).sort() : [];
  return { any: Object.values(switches).some(Boolean), key: JSON.stringify([Object.entries(switches).sort(), tools]) };
}
