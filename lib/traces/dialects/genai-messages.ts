import type { AttributeValue } from "../span-model";
import type { OtlpAttributes, OtlpEvent } from "../otlp-types";
import { payloadText, readPayload, unflatten } from "./read";

// Prompt and completion of an OpenTelemetry GenAI span in every form the conventions have had:
// gen_ai.input.messages / gen_ai.output.messages (current, as JSON text or structured values),
// the gen_ai.client.inference.operation.details event, the deprecated per-message events
// (gen_ai.user.message, gen_ai.choice, …), the older gen_ai.content.prompt/completion events and
// gen_ai.prompt/gen_ai.completion attributes, and OpenLLMetry's flattened gen_ai.prompt.N.* keys.

const DETAILS_EVENT = "gen_ai.client.inference.operation.details";

const messageEvents: Record<string, string> = {
  "gen_ai.system.message": "system",
  "gen_ai.user.message": "user",
  "gen_ai.assistant.message": "assistant",
  "gen_ai.tool.message": "tool",
};

export function genAiInput(attributes: OtlpAttributes, events: OtlpEvent[]): string | undefined {
  const details = events.find((event) => event.name === DETAILS_EVENT)?.attributes;
  const messages =
    readPayload(attributes, "gen_ai.input.messages") ??
    (details && readPayload(details, "gen_ai.input.messages")) ??
    readPayload(attributes, "gen_ai.prompt") ??
    jsonOf(unflatten(attributes, "gen_ai.prompt")) ??
    messagesFromEvents(events) ??
    contentEvent(events, "gen_ai.content.prompt", "gen_ai.prompt");
  // System instructions stay in their own attribute (the conventions keep them apart, and repeating
  // them in every model call's input would double what is stored); they stand in for a missing prompt.
  return messages ?? readPayload(attributes, "gen_ai.system_instructions") ?? (details && readPayload(details, "gen_ai.system_instructions"));
}

export function genAiOutput(attributes: OtlpAttributes, events: OtlpEvent[]): string | undefined {
  const details = events.find((event) => event.name === DETAILS_EVENT)?.attributes;
  return (
    readPayload(attributes, "gen_ai.output.messages") ??
    (details && readPayload(details, "gen_ai.output.messages")) ??
    readPayload(attributes, "gen_ai.completion") ??
    jsonOf(unflatten(attributes, "gen_ai.completion")) ??
    choicesFromEvents(events) ??
    contentEvent(events, "gen_ai.content.completion", "gen_ai.completion")
  );
}

const jsonOf = (value: unknown) => (value === undefined ? undefined : JSON.stringify(value));

function messagesFromEvents(events: OtlpEvent[]): string | undefined {
  const messages = events
    .filter((event) => event.name in messageEvents)
    .map((event) => {
      const { role, content, tool_calls: toolCalls, id } = event.attributes;
      return dropEmpty({ role: typeof role === "string" ? role : messageEvents[event.name], content: contentOf(content), tool_calls: parsed(toolCalls), tool_call_id: id });
    });
  return messages.length ? JSON.stringify(messages) : undefined;
}

function choicesFromEvents(events: OtlpEvent[]): string | undefined {
  const choices = events
    .filter((event) => event.name === "gen_ai.choice")
    .map((event) => {
      const message = parsed(event.attributes.message);
      const body = typeof message === "object" && message !== null && !Array.isArray(message) ? (message as Record<string, unknown>) : { content: message };
      return dropEmpty({ role: "assistant", ...body, finish_reason: event.attributes.finish_reason });
    });
  return choices.length ? JSON.stringify(choices) : undefined;
}

function contentEvent(events: OtlpEvent[], eventName: string, key: string): string | undefined {
  const event = events.find((candidate) => candidate.name === eventName);
  return event ? payloadText(event.attributes[key]) : undefined;
}

// Event attribute values that are JSON text become structured, so the message list is one document.
function parsed(value: AttributeValue | undefined): unknown {
  if (typeof value !== "string" || !/^[[{]/.test(value.trim())) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

// Message content sent as JSON text is structured only when it is a list of parts; other text — a tool's
// JSON result, say — is what the message said, and stays text.
function contentOf(value: AttributeValue | undefined): unknown {
  const content = parsed(value);
  return Array.isArray(content) ? content : value;
}

function dropEmpty(object: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) if (value !== undefined && value !== null) kept[key] = value;
  return kept;
}
