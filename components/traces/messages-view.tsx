import { Badge } from "@/components/ui/badge";
import type { ChatMessage, MessagePart } from "@/lib/traces/messages";
import { JsonView, TextView } from "./json-view";

// Chat messages as a conversation: who said what, the model's reasoning, the tools it asked for.
export function MessagesView({ messages }: { messages: ChatMessage[] }) {
  return (
    <ol className="flex flex-col gap-2" aria-label="Messages">
      {messages.map((message, index) => (
        <li key={index} className="flex flex-col gap-1 rounded-md border border-border p-2">
          <Badge tone={message.role === "assistant" ? "info" : message.role === "system" ? "muted" : "ok"} className="self-start">
            {message.role}
          </Badge>
          {message.parts.length === 0 ? <p className="text-xs text-fg-muted">No content</p> : null}
          {message.parts.map((part, partIndex) => (
            <Part key={partIndex} part={part} />
          ))}
        </li>
      ))}
    </ol>
  );
}

function Part({ part }: { part: MessagePart }) {
  switch (part.type) {
    case "text":
      return <TextView text={part.text} className="bg-transparent p-0" />;
    case "reasoning":
      return (
        <div className="rounded-md border-l-4 border-info bg-info-soft px-2 py-1">
          <p className="text-xs font-semibold text-info-fg">Reasoning</p>
          <TextView text={part.text} className="bg-transparent p-0 italic" />
        </div>
      );
    case "tool_call":
      return (
        <div className="flex flex-col gap-1">
          <p className="text-xs font-semibold text-fg">
            Calls tool <code className="font-mono">{part.name}</code> with
          </p>
          <JsonView value={part.arguments ?? {}} />
        </div>
      );
    case "tool_result":
      return (
        <div className="flex flex-col gap-1">
          <p className="text-xs font-semibold text-fg">Tool result</p>
          <JsonView value={part.result ?? null} />
        </div>
      );
    case "other":
      return <JsonView value={part.value} />;
  }
}
