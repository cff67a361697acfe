import type { Attributes, Context, Tracer } from "@opentelemetry/api";
import type { Message } from "./types";

// What happened in one step of a task, independent of how a dialect names it.
export type LlmStep = {
  model: string;
  provider: string; // gen_ai.provider.name value: openai, anthropic, gcp.gemini, mistral_ai, …
  system: string;
  input: Message[];
  output: Message;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  reasoningTokens: number;
  temperature: number;
  responseId: string;
  start: number;
  end: number;
  error?: string;
};

export type ToolStep = {
  name: string;
  description: string;
  callId: string;
  arguments: Record<string, unknown>;
  result: unknown;
  start: number;
  end: number;
  error?: string;
  attributes?: Attributes; // the guard's verdict on this step (controlroom.guard.*)
};

export type RetrievedDocument = { id: string; score: number; content: string };

export type RetrievalStep = {
  source: string;
  query: string;
  documents: RetrievedDocument[];
  start: number;
  end: number;
  embedding?: { model: string; provider: string; inputTokens: number; start: number; end: number };
  attributes?: Attributes;
};

export type RootInfo = { agent: string; workflow: string; sessionId: string; turn: number; input: string; version: string };

// One per dialect: turns steps into spans under `parent` (the agent's root span).
export type DialectWriter = {
  rootAttributes(root: RootInfo): Attributes;
  rootOutput(reply: string): Attributes; // what the agent finally answered, set on the root span
  llm(tracer: Tracer, parent: Context, step: LlmStep): number; // spans written
  tool(tracer: Tracer, parent: Context, step: ToolStep): number;
  retrieval(tracer: Tracer, parent: Context, step: RetrievalStep): number;
};

export const messageText = (message: Message) =>
  message.parts.map((part) => (part.type === "text" ? part.content : JSON.stringify(part))).join("\n");
