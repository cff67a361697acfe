// The agent-facing contract (DESIGN.md, "The agent-facing contract" and "Evaluations"), as the SDK sees it.

export type GuardCheck = {
  check: "input" | "action" | "output";
  sessionId: string;
  traceId?: string;
  spanId?: string;
  workflow?: string;
  decisionType?: string;
  /** Input and output checks: the text to screen. */
  text?: string;
  channel?: "user" | "tool" | "retrieval";
  /** Action checks: the tool about to be called. */
  action?: { tool: string; params?: Record<string, unknown>; amount?: number; resource?: string };
  usage?: { model: string; inputTokens: number; outputTokens: number };
  /** The agent version this call runs (label); else the one the config call served the session. */
  version?: string;
};

export type GuardVerdict = "allow" | "deny" | "hold";

/** The server's reason codes, plus the SDK's own `control_room_unreachable` (a fail-mode answer). */
export type GuardReasonCode =
  | "prompt_injection"
  | "out_of_scope"
  | "loop_detected"
  | "budget_exceeded"
  | "approval_required"
  | "approval_expired"
  | "sensitive_output"
  | "agent_paused"
  | "policy_rule"
  | "control_room_unreachable"
  | (string & {});

export type GuardDecision = {
  /** null only for a fail-mode answer (Control Room was not reached, so nothing was recorded). */
  decisionId: string | null;
  verdict: GuardVerdict;
  reasons: { code: GuardReasonCode; message: string }[];
  expiresAt?: string;
  version?: string;
  decidedAt?: string;
  note?: string;
  /** Set when the SDK answered by its fail mode because Control Room could not be reached. */
  failMode?: "closed" | "open";
};

export type AgentConfig = {
  agent: string;
  version: { id: string; label: string; stage: "production" | "canary" };
  model: string;
  prompt: string;
  params: Record<string, unknown>;
  knowledgeBase: { id: string; version: string } | null;
  tools: { name: string; config?: Record<string, unknown> }[];
  policyVersion: string | null;
  sessionId: string | null;
};

export type EvalItem = { itemId: string; input: string; runId: string; version: string };
export type EvalResult = { output?: string; outcome?: string; traceId?: string };

export type EvalRun = {
  id: string;
  agent: { slug: string };
  suite: { id: string; name: string };
  version: string;
  gating: boolean;
  status: "running" | "passed" | "failed";
  passRate: number | null;
  threshold: { passRate: number };
  scores: Record<string, number> | null;
  counts: { items: number; reported: number; passed: number | null };
  createdBy: string;
  createdAt: string;
  completedAt: string | null;
};
