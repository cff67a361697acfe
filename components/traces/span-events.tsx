import { formatDuration } from "@/lib/traces/format";
import type { SpanEvent } from "@/lib/traces/span-model";
import { JsonView } from "./json-view";

// A span's events (exceptions, streamed chunks, guard checks…) in time order.
export function SpanEvents({ events, spanStartMs }: { events: SpanEvent[]; spanStartMs: number }) {
  if (events.length === 0) return null;
  return (
    <details open={events.length <= 5}>
      <summary className="cursor-pointer text-xs font-semibold text-fg-muted hover:text-fg">
        <h3 className="inline">Events</h3>
        <span className="font-normal"> · {events.length}</span>
      </summary>
      <ol className="mt-1 flex flex-col gap-2">
        {events.map((event, index) => {
          const offset = Date.parse(event.time) - spanStartMs;
          const isException = event.name === "exception";
          return (
            <li key={index} className="flex flex-col gap-1">
              <p className="text-xs">
                <span className={isException ? "font-semibold text-danger-fg" : "font-semibold text-fg"}>{event.name}</span>
                {Number.isFinite(offset) ? <span className="text-fg-muted"> at +{formatDuration(Math.max(0, offset))}</span> : null}
              </p>
              {Object.keys(event.attributes ?? {}).length > 0 ? <JsonView value={event.attributes} /> : null}
            </li>
          );
        })}
      </ol>
    </details>
  );
}
