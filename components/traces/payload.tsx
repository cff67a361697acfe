import { formatBytes } from "@/lib/traces/format";
import { parsePayload } from "@/lib/traces/messages";
import { JsonView, TextView } from "./json-view";
import { MessagesView } from "./messages-view";

/** Payloads longer than this start collapsed. */
const COLLAPSE_CHARS = 1_500;

// One span payload (input, output, parameters, result…): messages as a conversation, JSON pretty,
// text as text; large ones collapsed behind a summary that says how large.
export type PayloadProps = {
  label: string;
  text: string | null;
  emptyLabel?: string;
  /** Start open or closed regardless of size (default: open unless large). */
  defaultOpen?: boolean;
};

export function Payload({ label, text, emptyLabel = "Not recorded", defaultOpen }: PayloadProps) {
  const payload = parsePayload(text);
  if (payload.kind === "empty") {
    return (
      <div className="flex flex-col gap-1">
        <h3 className="text-xs font-semibold text-fg-muted">{label}</h3>
        <p className="text-xs text-fg-muted italic">{emptyLabel}</p>
      </div>
    );
  }
  const size = text?.length ?? 0;
  const body =
    payload.kind === "messages" ? (
      <MessagesView messages={payload.messages} />
    ) : payload.kind === "json" ? (
      <JsonView value={payload.json} />
    ) : (
      <TextView text={payload.text} />
    );
  return (
    <details open={defaultOpen ?? size <= COLLAPSE_CHARS} className="group flex flex-col gap-1">
      <summary className="cursor-pointer text-xs font-semibold text-fg-muted hover:text-fg">
        <h3 className="inline">{label}</h3>
        <span className="font-normal">
          {" "}
          · {payload.kind === "messages" ? `${payload.messages.length} message${payload.messages.length === 1 ? "" : "s"}, ` : ""}
          {formatBytes(size)}
        </span>
      </summary>
      <div className="mt-1">{body}</div>
    </details>
  );
}
