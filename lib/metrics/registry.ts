import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { processState } from "../cache/process-state";

// The process's Prometheus metrics (GET /metrics). Created once per process and kept on globalThis:
// Next.js loads a module more than once in one process (instrumentation, each route bundle, the
// node:http guard route), and every copy must count into the same registry. Recording goes through
// lib/metrics/record.ts; gauges that describe state (queue depth, pools) are read at scrape time
// (lib/metrics/scrape.ts), so nothing on a hot path keeps them up to date.

function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({
      name: "controlroom_http_requests_total",
      help: "HTTP requests answered, by declared route template, method and status",
      labelNames: ["route", "method", "status"] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: "controlroom_http_request_duration_seconds",
      help: "Time to answer an HTTP request, by declared route template and method",
      labelNames: ["route", "method"] as const,
      // The guard answers in milliseconds; pages and reports take up to seconds.
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    guardDecisions: new Counter({
      name: "controlroom_guard_decisions_total",
      help: "Guard decisions stored, by check and verdict",
      labelNames: ["check", "verdict"] as const,
      registers,
    }),
    spansIngested: new Counter({
      name: "controlroom_spans_ingested_total",
      help: "Spans newly stored by OTLP ingest (re-sent spans already stored are not counted again)",
      registers,
    }),
    spansRejected: new Counter({
      name: "controlroom_spans_rejected_total",
      help: "Spans OTLP ingest rejected (reported to the exporter as partial success)",
      registers,
    }),
    ingestQueueDepth: new Gauge({
      name: "controlroom_ingest_queue_depth",
      help: "OTLP batches waiting for an ingest slot",
      registers,
    }),
    ingestRefusals: new Counter({
      name: "controlroom_ingest_refusals_total",
      help: "OTLP batches refused at admission: 429 (queue full) or 503 (waited too long)",
      labelNames: ["status"] as const,
      registers,
    }),
    dbPoolConnections: new Gauge({
      name: "controlroom_db_pool_connections",
      help: "PostgreSQL pool connections by pool (prisma, guard) and state (total, idle, waiting = clients queued for one)",
      labelNames: ["pool", "state"] as const,
      registers,
    }),
    eventDeliveries: new Counter({
      name: "controlroom_event_deliveries_total",
      help: "Domain event deliveries to subscribers, by event and outcome",
      labelNames: ["event", "outcome"] as const,
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;


export function metrics(): Metrics {
  return processState("metrics", createMetrics);
}
