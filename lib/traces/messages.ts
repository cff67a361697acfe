// Reading a span's input/output text as chat messages, when it is one: OpenTelemetry GenAI
// (`[{ role, parts: [{ type, content }] }]`), OpenAI-style (`[{ role, content }]`, content a string
// or `[{ type, text }]`), OpenInference's `{ messages: [...] }` and LangChain's serialised messages
// (as OpenInference-LangChain records them in input.value / output.value). Pure and client-safe.

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
  const list = messageList(json);
  if (!list || list.length === 0) return null;
  const messages = list.map((item) => (isObject(item) && typeof item.role === "string" ? item : fromLangChain(item)));
  if (!messages.every((item): item is Loose => item !== null)) return null;
  return messages.map((item) => ({ role: item.role as string, parts: partsOf(item) }));
}

// A list of messages: the payload itself, its `messages` (LangChain's chat model input nests one list
// per prompt: [[…]]), a single LangChain message, or LangChain's LLMResult `generations` ([[{ message }]]).
function messageList(json: unknown): unknown[] | null {
  if (Array.isArray(json)) return json.length > 0 && json.every(Array.isArray) ? json.flat() : json;
  if (!isObject(json)) return null;
  if (Array.isArray(json.messages)) return messageList(json.messages);
  if (Array.isArray(json.generations)) {
    return json.generations.flat().map((generation) => (isObject(generation) && generation.message !== undefined ? generation.message : generation));
  }
  if (fromLangChain(json)) return [json];
  return null;
}

const langChainRoles: Record<string, string> = {
  HumanMessage: "user",
  HumanMessageChunk: "user",
  AIMessage: "assistant",
  AIMessageChunk: "assistant",
  SystemMessage: "system",
  ToolMessage: "tool",
  FunctionMessage: "tool",
};
const langChainTypes: Record<string, string> = { human: "user", ai: "assistant", system: "system", tool: "tool", function: "tool" };

// LangChain's serialised message — `{ lc: 1, type: "constructor", id: [..., "HumanMessage"], kwargs: { content,
// tool_calls } }`, or the `{ type: "human", data: { content } }` of messages_to_dict — as an OpenAI-style message.
function fromLangChain(item: unknown): Loose | null {
  if (!isObject(item)) return null;
  let role: string | undefined;
  let fields: Loose | undefined;
  if (item.type === "constructor" && Array.isArray(item.id) && isObject(item.kwargs)) {
    const className = str(item.id[item.id.length - 1]) ?? "";
    fields = item.kwargs;
    role = className === "ChatMessage" ? str(fields.role) : langChainRoles[className];
  } else if (typeof item.type === "string" && isObject(item.data) && "content" in item.data) {
    fields = item.data;
    role = langChainTypes[item.type] ?? (item.type === "chat" ? str(fields.role) : undefined);
  }
  if (!role || !fields) return null;
  const additional = isObject(fields.additional_kwargs) ? fields.additional_kwargs : {};
  const toolCalls = Array.isArray(fields.tool_calls) && fields.tool_calls.length > 0
    ? fields.tool_calls.map((call) => (isObject(call) && !isObject(call.function) ? { function: { name: call.name, arguments: call.args ?? call.arguments } } : call))
    : Array.isArray(additional.tool_calls) ? additional.tool_calls : undefined;
  return { role, content: fields.content, ...(toolCalls ? { tool_calls: toolCalls } : {}) };
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
