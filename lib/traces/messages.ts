// Reading a span's input/output text as chat messages, when it is one: OpenTelemetry GenAI
// (`[{ role, parts: [{ type, content }] }]`), OpenAI-style (`[{ role, content }]`, content a string
// or `[{ type, text }]`) and OpenInference's `{ messages: [...] }`. Pure and client-safe.

export type MessagePart =
  | { type: "text"; text: string }
  | { type: "reasoning"; text: string }
  | { type: "tool_call"; name: string; arguments: unknown }
  | { type: "tool_result"; result: unknown }
  | { type: "other"; value: unknown };

export type ChatMessage = { role: string; parts: MessagePart[] };

export type Payload =
  | { kind: "empty" }
  | { kind: "messages"; messages: ChatMessage[]; json: unknown }
  | { kind: "json"; json: unknown; pretty: string }
  | { kind: "text"; text: string };

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose => typeof value === "object" && value !== null && !Array.isArray(value);
const str = (value: unknown) => (typeof value === "string" ? value : undefined);

export function parsePayload(text: string | null | undefined): Payload {
  if (text === null || text === undefined || text.trim() === "") return { kind: "empty" };
  const trimmed = text.trim();
  if (!/^[[{"]/.test(trimmed)) return { kind: "text", text };
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return { kind: "text", text };
  }
  if (typeof json === "string") return { kind: "text", text: json };
  const messages = toMessages(json);
  if (messages) return { kind: "messages", messages, json };
  return { kind: "json", json, pretty: JSON.stringify(json, null, 2) };
}

function toMessages(json: unknown): ChatMessage[] | null {
  const list = Array.isArray(json) ? json : isObject(json) && Array.isArray(json.messages) ? json.messages : null;
  if (!list || list.length === 0) return null;
  if (!list.every((item) => isObject(item) && typeof (item as Loose).role === "string")) return null;
  return (list as Loose[]).map((item) => ({ role: item.role as string, parts: partsOf(item) }));
}

function partsOf(message: Loose): MessagePart[] {
  const parts: MessagePart[] = [];
  const content = message.parts ?? message.content;
  if (typeof content === "string") parts.push({ type: "text", text: content });
  else if (Array.isArray(content)) parts.push(...content.map(toPart));
  else if (content !== undefined && content !== null) parts.push({ type: "other", value: content });
  // OpenAI-style tool calls sit beside the content.
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) {
      const fn = isObject(call) && isObject(call.function) ? call.function : isObject(call) ? call : {};
      parts.push({ type: "tool_call", name: str(fn.name) ?? "unnamed", arguments: parseMaybe(fn.arguments) });
    }
  }
  if (typeof message.reasoning === "string") parts.unshift({ type: "reasoning", text: message.reasoning });
  return parts;
}

function toPart(part: unknown): MessagePart {
  if (typeof part === "string") return { type: "text", text: part };
  if (!isObject(part)) return { type: "other", value: part };
  const type = str(part.type);
  const text = str(part.content) ?? str(part.text);
  if ((type === "text" || type === undefined) && text !== undefined) return { type: "text", text };
  if ((type === "reasoning" || type === "thinking") && (text !== undefined || str(part.thinking))) {
    return { type: "reasoning", text: text ?? (part.thinking as string) };
  }
  if (type === "tool_call" || type === "tool_use" || type === "tool-call") {
    return { type: "tool_call", name: str(part.name) ?? str(part.toolName) ?? "unnamed", arguments: parseMaybe(part.arguments ?? part.input ?? part.args) };
  }
  if (type === "tool_call_response" || type === "tool_result" || type === "tool-result") {
    return { type: "tool_result", result: parseMaybe(part.response ?? part.result ?? part.content ?? part.output) };
  }
  return { type: "other", value: part };
}

function parseMaybe(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
