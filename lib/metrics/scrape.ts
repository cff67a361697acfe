import type { Pool } from "pg";
import { openPools } from "../db/client";
import { currentIngestLimiter } from "../traces/ingest-limiter";
import { metrics } from "./registry";

// One scrape: the state gauges read now, then every metric in Prometheus text format. Reading state
// here (not at each change) keeps the hot paths free of gauge updates; nothing is opened or started
// for a scrape (no database, no ingest limiter). The embedded database has no pool: no pool series.
export async function scrapeMetrics(): Promise<{ body: string; contentType: string }> {
  const metric = metrics();
  metric.ingestQueueDepth.set(currentIngestLimiter()?.stats().queued ?? 0);
  const pools = openPools();
  setPool(metric, "prisma", pools.prisma);
  setPool(metric, "guard", pools.guard);
  return { body: await metric.registry.metrics(), contentType: metric.registry.contentType };
}

function setPool(metric: ReturnType<typeof metrics>, name: string, pool: Pool | undefined) {
  if (!pool) return;
  const gauge = metric.dbPoolConnections;
  gauge.labels(name, "total").set(pool.totalCount);
  gauge.labels(name, "idle").set(pool.idleCount);
  gauge.labels(name, "waiting").set(pool.waitingCount);
}
