import type { Tracer } from "@opentelemetry/api";
import type { GuardClient } from "./guard-client";
import type { ServedConfig } from "./config-client";
import type { Clock, WaitingSessions } from "./waiting";

// How a simulated agent's instrumentation names things. Real fleets mix them: one team uses the
// OpenTelemetry GenAI conventions, another an older instrumentation with the deprecated names,
// another OpenInference (LangChain/LlamaIndex) or the Vercel AI SDK's built-in telemetry.
export type Dialect = "genai" | "genai-legacy" | "openinference" | "vercel-ai";

// A chat message as the GenAI conventions record it (gen_ai.input.messages / gen_ai.output.messages).
export type MessagePart =
  | { type: "text"; content: string }
  | { type: "tool_call"; id: string; name: string; arguments: Record<string, unknown> }
  | { type: "tool_call_response"; id: string; response: unknown };
export type Message = { role: "user" | "assistant" | "tool"; parts: MessagePart[]; finish_reason?: string };

// One conversation (gen_ai.conversation.id) spans several traces, one per turn.
export type SessionTurn = {
  id: string;
  turn: number; // 1-based
  turns: number; // how many turns this conversation will have
  history: Message[]; // earlier turns, carried into the prompt like a real chat agent would
  memory: Record<string, unknown>; // what the scenario decided in earlier turns (claim id, amount…)
};

export type ScenarioContext = {
  startTime: number; // ms since the epoch at which this task starts
  session: SessionTurn;
  guard: GuardClient; // asked before every input, action and answer, with this agent's key
  clock: Clock; // a guard call waits until the task's virtual clock has reached real time
  waiting: WaitingSessions; // held sessions across the fleet; scenarios that would be held ask first
  config: ServedConfig; // the version Control Room served this session: its prompt, model, tools, knowledge base
  // The roll in [0, 1) that picks a task's planned outcome (claims: approved, rejected…); Math.random
  // unless given. The demo's history backfill (lib/demo/backfill-history.ts) passes a seeded one so the
  // series of outcomes it sends is the one its tests check against the drift detector.
  outcomeRoll?: () => number;
  // An evaluation harness's item (lib/simulator/eval-harness.ts): the scenario takes this input instead of
  // inventing one, and the root span names the run and item (controlroom.eval.run_id / item_id).
  evalItem?: { runId: string; itemId: string; input: string };
};

// stoppedBy / stopMessage: the guard's deny that ended the task (the fleet backs off on some).
export type ScenarioResult = { endTime: number; spanCount: number; outcome: string; stoppedBy?: string; stopMessage?: string };

// A kind of task one agent performs; registry.ts sets how often each runs.
export type Scenario = {
  name: string; // e.g. "claims.adjudicate"
  agent: string; // agent slug; it is the tracer provider's service.name and the key that signs the export
  weight: number; // relative frequency in the fleet's mix
  maxTurns?: number; // conversations of 1..maxTurns turns (default 1)
  replaysInput?: boolean; // runs ctx.evalItem's input and decides from it: the evaluation harness can run it
  run(tracer: Tracer, ctx: ScenarioContext): Promise<ScenarioResult>;
};
