import { describe, expect, it, vi } from "vitest";
import { countEventDelivery, countGuardDecision, countIngestRefusal, countSpans, observeRequest } from "./record";
import { metrics } from "./registry";
import { createLimiter } from "../traces/ingest-limiter";
import { scrapeMetrics } from "./scrape";

describe("metrics scrape", () => {
  it("answers Prometheus text with every controlroom_ family and the process metrics", async () => {
    observeRequest({ route: "/api/v1/agents/[slug]", method: "GET", status: 200, seconds: 0.004 });
    countGuardDecision({ check: "action", verdict: "hold" });
    countSpans({ stored: 3, rejected: 1 });
    countIngestRefusal(429);
    countEventDelivery({ event: "agent.paused", outcome: "failed" });

    const { body, contentType } = await scrapeMetrics();
    expect(contentType).toContain("text/plain; version=0.0.4");
    for (const family of [
      "controlroom_http_requests_total counter",
      "controlroom_http_request_duration_seconds histogram",
      "controlroom_guard_decisions_total counter",
      "controlroom_spans_ingested_total counter",
      "controlroom_spans_rejected_total counter",
      "controlroom_ingest_queue_depth gauge",
      "controlroom_ingest_refusals_total counter",
      "controlroom_db_pool_connections gauge",
      "controlroom_event_deliveries_total counter",
      "process_cpu_seconds_total counter",
      "nodejs_heap_size_used_bytes gauge",
    ]) {
      expect(body).toContain(`# TYPE ${family}`);
    }
    expect(body).toContain('controlroom_http_requests_total{route="/api/v1/agents/[slug]",method="GET",status="200"} 1');
    expect(body).toContain('controlroom_http_request_duration_seconds_bucket{le="0.005",route="/api/v1/agents/[slug]",method="GET"} 1');
    expect(body).toContain('controlroom_guard_decisions_total{check="action",verdict="hold"} 1');
    expect(body).toContain("controlroom_spans_ingested_total 3");
    expect(body).toContain("controlroom_spans_rejected_total 1");
    expect(body).toContain('controlroom_ingest_refusals_total{status="429"} 1');
    expect(body).toContain('controlroom_event_deliveries_total{event="agent.paused",outcome="failed"} 1');
    // No database opened in a unit test: no pool series, and the queue of an ingest that never started is empty.
    expect(body).not.toMatch(/^controlroom_db_pool_connections\{/m);
    expect(body).toContain("controlroom_ingest_queue_depth 0");
  });

  it("counts the ingest limiter's refusals by status", async () => {
    const refusals = async (status: string) => (await metrics().ingestRefusals.get()).values.find((value) => value.labels.status === status)?.value ?? 0;
    const before = await refusals("429");
    const limiter = createLimiter({ concurrency: 1, maxQueue: 0, maxWaitMs: 10 });
    let release = () => {};
    const running = limiter.run(() => new Promise<void>((resolve) => (release = resolve)));
    await expect(limiter.run(async () => {})).rejects.toMatchObject({ code: "rate_limited" });
    release();
    await running;
    expect(await refusals("429")).toBe(before + 1);
  });

  it("keeps one registry per process, whichever copy of the module asks", async () => {
    vi.resetModules();
    const copy = await import("./registry");
    expect(copy.metrics).not.toBe(metrics);
    expect(copy.metrics().registry).toBe(metrics().registry);
  });
});
