import { parsePayload, type ChatMessage } from "../../traces/messages";
import type { Expected } from "./schemas";

// What a dataset item takes from a recorded trace (pure, unit-tested): the user input it was given and
// what it did (its outcome, the tools it called).

export type CaseSpan = {
  spanId: string;
  parentSpanId: string | null;
  kind: string;
  name: string;
  toolName: string | null;
  input: string | null;
  startTime: Date;
};

const hasText = (value: string | null): value is string => value !== null && value.trim().length > 0;

const textOf = (message: ChatMessage) =>
  message.parts.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("\n");

// The last user message of a chat payload (the turn being answered), else the payload as recorded.
function userText(raw: string): string | null {
  const payload = parsePayload(raw);
  if (payload.kind === "empty") return null;
  if (payload.kind === "text") return payload.text;
  if (payload.kind === "messages") {
    const user = payload.messages.findLast((message) => message.role === "user" && textOf(message).trim().length > 0);
    return user ? textOf(user) : null;
  }
  return raw;
}

const byStart = (a: CaseSpan, b: CaseSpan) => a.startTime.getTime() - b.startTime.getTime() || a.spanId.localeCompare(b.spanId);

// The root span's input, else the first model call's user message; null when the trace recorded neither.
export function traceUserInput(rootSpanId: string | null, spans: CaseSpan[]): string | null {
  const ordered = [...spans].sort(byStart);
  const root = ordered.find((span) => span.spanId === rootSpanId) ?? ordered.find((span) => span.parentSpanId === null);
  if (root && hasText(root.input)) {
    const text = userText(root.input);
    if (text !== null && text.trim()) return text;
  }
  for (const span of ordered) {
    if (span.kind !== "llm" || !hasText(span.input)) continue;
    const text = userText(span.input);
    if (text !== null && text.trim()) return text;
  }
  return null;
}

// The trace's outcome and the tools it called, in the order first called, each once.
export function expectedFromTrace(outcome: string | null, spans: CaseSpan[]): Expected {
  const names = [...spans]
    .sort(byStart)
    .filter((span) => span.kind === "tool")
    .map((span) => span.toolName ?? span.name);
  const tools = [...new Set(names)].map((name) => ({ name }));
  return { ...(outcome ? { outcome } : {}), tools };
}
