import { Activity, SearchX } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { OtlpEndpoint } from "./otlp-endpoint";

// No traces at all: say how an agent sends them.
export function NoTracesYet({ title = "No traces yet" }: { title?: string }) {
  return (
    <EmptyState
      icon={<Activity />}
      title={title}
      description={
        <div className="flex flex-col gap-2" data-testid="traces-empty">
          <p>Point any OpenTelemetry exporter at this server and give it an agent API key:</p>
          <p>
            <OtlpEndpoint />
            <br />
            <code className="rounded bg-surface-muted px-1 font-mono text-xs text-fg">
              OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20&lt;agent API key&gt;
            </code>
          </p>
          <p>
            OpenTelemetry GenAI, OpenInference and Vercel AI SDK attributes are understood. Agent keys are created on each
            agent&apos;s page. New traces appear here without reloading.
          </p>
        </div>
      }
    />
  );
}

export function NoTracesMatch({ clearHref }: { clearHref: string }) {
  return (
    <EmptyState
      icon={<SearchX />}
      title="No traces match"
      description="No trace matches this search and these filters. Check the search text (a trace or session id must be exact), widen the time range or loosen the filters."
      action={
        <Button asChild>
          <Link href={clearHref}>Clear filters</Link>
        </Button>
      }
    />
  );
}
