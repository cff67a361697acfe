// The one span model every attribute dialect maps to (see lib/traces/dialects). Shared by ingest,
// storage, queries and the read API.
export const spanKinds = ["agent", "llm", "tool", "retrieval", "workflow", "other"] as const;
export type SpanKind = (typeof spanKinds)[number];

export type SpanStatus = "unset" | "ok" | "error";

export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };

export type SpanEvent = { name: string; time: string; attributes: Record<string, AttributeValue> };

export type NormalizedSpan = {
  traceId: string; // 32 lowercase hex
  spanId: string; // 16 lowercase hex
  parentSpanId: string | null;
  name: string;
  kind: SpanKind;
  startTime: Date;
  endTime: Date;
  // Exact times as OTLP sent them; storage keeps microseconds (Date only has milliseconds).
  startTimeUnixNano?: bigint;
  endTimeUnixNano?: bigint;
  status: SpanStatus;
  statusMessage: string | null;
  model: string | null; // the model asked for (gen_ai.request.model), else the one that answered
  responseModel: string | null; // the model that answered, when reported (prices the span)
  provider: string | null;
  toolName: string | null;
  workflow: string | null;
  sessionId: string | null;
  outcome: string | null; // controlroom.outcome, meaningful on the root span
  version: string | null; // controlroom.version of the span, else of its resource: the agent version it ran, as named by the agent
  traceVersion: string | null; // the version it names for its trace: a root span's own or its resource's, a child's resource's
  evalRunId: string | null; // controlroom.eval.run_id of the span or its resource: evaluation traffic, kept apart from live
  evalItemId: string | null; // controlroom.eval.item_id: the dataset item the run was given
  inputTokens: number | null;
  outputTokens: number | null;
  cachedInputTokens: number | null;
  reasoningTokens: number | null;
  input: string | null; // prompt / messages / tool arguments / retrieval query, as text (JSON pretty or raw)
  output: string | null; // completion / tool result / retrieved documents, as text
  attributes: Record<string, AttributeValue>; // every raw span attribute, unchanged
  events: SpanEvent[];
  service: string | null; // resource service.name
};
