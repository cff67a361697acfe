import type { Tracer } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor, type ReadableSpan, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { delayUntilEnded } from "./delayed-processor";
import { presettableIds } from "./span-ids";

export type FleetStats = { tracesSent: number; spansSent: number; spansFailed: number; lastError?: string };

// ExportResultCode.SUCCESS of @opentelemetry/core (a transitive dependency, not imported directly).
const EXPORT_SUCCESS = 0;

// Counts what the app acknowledged: spans of a failed export (after the exporter's own retries on
// 429/503) are counted as failed, never as sent.
export function countingExporter(inner: SpanExporter, stats: FleetStats): SpanExporter {
  return {
    export(spans: ReadableSpan[], done) {
      inner.export(spans, (result) => {
        if (result.code === EXPORT_SUCCESS) {
          stats.spansSent += spans.length;
          stats.tracesSent += spans.filter((span) => !span.parentSpanContext).length;
        } else {
          stats.spansFailed += spans.length;
          stats.lastError = result.error?.message ?? "export failed";
        }
        done(result);
      });
    },
    shutdown: () => inner.shutdown(),
    forceFlush: () => inner.forceFlush?.() ?? Promise.resolve(),
  };
}

// One tracer provider per agent, as each agent would run its own SDK: resource service.name = the
// agent's slug, its own API key, OTLP/protobuf to the app's ingest endpoint.
export function createFleet(baseUrl: string, keys: Record<string, string>) {
  const stats: FleetStats = { tracesSent: 0, spansSent: 0, spansFailed: 0 };
  const url = `${baseUrl.replace(/\/$/, "")}/api/otlp/v1/traces`;
  const providers = new Map<string, { provider: BasicTracerProvider; tracer: Tracer; pending: () => number }>();
  for (const [agent, key] of Object.entries(keys)) {
    const exporter = countingExporter(new OTLPTraceExporter({ url, headers: { Authorization: `Bearer ${key}` }, timeoutMillis: 15_000 }), stats);
    const processor = delayUntilEnded(new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1000, maxExportBatchSize: 512, maxQueueSize: 50_000 }));
    const provider = new BasicTracerProvider({
      idGenerator: presettableIds,
      resource: resourceFromAttributes({ "service.name": agent, "service.namespace": "demo-fleet", "deployment.environment.name": "demo" }),
      spanProcessors: [processor],
    });
    providers.set(agent, { provider, tracer: provider.getTracer("control-room-simulator", "1.0.0"), pending: processor.pending });
  }

  return {
    stats,
    agents: [...providers.keys()],
    tracerFor(agent: string): Tracer | undefined {
      return providers.get(agent)?.tracer;
    },
    pendingSpans: () => [...providers.values()].reduce((sum, entry) => sum + entry.pending(), 0),
    async shutdown(): Promise<void> {
      await Promise.allSettled([...providers.values()].map(({ provider }) => provider.shutdown()));
    },
  };
}

export type Fleet = ReturnType<typeof createFleet>;
