import { AsyncLocalStorage } from "node:async_hooks";
import { context, ROOT_CONTEXT, trace, type Context, type ContextManager, type Tracer } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from "@opentelemetry/sdk-trace-base";

// `@controlroom/sdk/tracing`: one call that makes an agent's OpenTelemetry spans reach Control Room (OTLP
// protobuf to <base>/api/otlp/v1/traces with the agent's key) and name the version they ran
// (`controlroom.version` on the resource, which the server reads for every span of the process).
// A subpath of its own, so the guard and config client need no OpenTelemetry package installed.

export type TracingOptions = {
  baseUrl: string;
  /** The agent's API key (it names the agent). */
  apiKey: string;
  /** service.name on the resource (e.g. the agent's slug). */
  serviceName: string;
  /** The version label this process runs (e.g. the `version.label` getConfig served): resource attribute controlroom.version. */
  version?: string;
  /** More resource attributes (e.g. deployment.environment.name). */
  attributes?: Record<string, string | number | boolean>;
  /** Register as the global tracer provider (and an AsyncLocalStorage context manager when none is set). Default true. */
  register?: boolean;
  /** Replaces the batching processor (e.g. a SimpleSpanProcessor for scripts); it gets the exporter. */
  spanProcessor?: (exporter: OTLPTraceExporter) => SpanProcessor;
  /** Per export request, in ms. Default 10,000. */
  exportTimeoutMs?: number;
};

export type Tracing = {
  provider: BasicTracerProvider;
  tracer: Tracer;
  /** Sends every span ended so far. */
  flush: () => Promise<void>;
  /** Flushes, then stops exporting (call before the process exits). */
  shutdown: () => Promise<void>;
};

export const CONTROLROOM_VERSION_ATTRIBUTE = "controlroom.version";
export const CONTROLROOM_OUTCOME_ATTRIBUTE = "controlroom.outcome";

export function setupTracing(options: TracingOptions): Tracing {
  if (!options.baseUrl || !options.apiKey || !options.serviceName) throw new TypeError("setupTracing needs baseUrl, apiKey and serviceName");
  const exporter = new OTLPTraceExporter({
    url: `${options.baseUrl.replace(/\/+$/, "")}/api/otlp/v1/traces`,
    headers: { Authorization: `Bearer ${options.apiKey}` },
    timeoutMillis: options.exportTimeoutMs ?? 10_000,
  });
  const resource = resourceFromAttributes({
    ...options.attributes,
    "service.name": options.serviceName,
    ...(options.version ? { [CONTROLROOM_VERSION_ATTRIBUTE]: options.version } : {}),
  });
  const provider = new BasicTracerProvider({
    resource,
    spanProcessors: [options.spanProcessor ? options.spanProcessor(exporter) : new BatchSpanProcessor(exporter)],
  });
  if (options.register ?? true) {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(provider);
  }
  return {
    provider,
    tracer: provider.getTracer("@controlroom/sdk"),
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}

// Parent and child spans across awaits (startActiveSpan, context.with) need a context manager; the
// OpenTelemetry one lives in a package of its own, this is the same idea in a few lines.
class AsyncLocalStorageContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();

  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(activeContext: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return this.storage.run(activeContext, () => fn.call(thisArg, ...args));
  }

  bind<T>(boundContext: Context, target: T): T {
    if (typeof target !== "function") return target;
    const run = (thisArg: unknown, args: unknown[]) => this.with(boundContext, () => (target as (...a: unknown[]) => unknown).apply(thisArg, args));
    return function (this: unknown, ...args: unknown[]) {
      return run(this, args);
    } as T;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.storage.disable();
    return this;
  }
}
