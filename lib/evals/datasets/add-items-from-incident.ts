import type { Prisma } from "../../generated/prisma/client";
import { transaction } from "../../db/transaction";
import { actorOf, assertCan, type Principal } from "../../auth/principal";
import { recordAudit } from "../../audit/record-audit";
import { AppError } from "../../errors/app-error";
import { OUTCOME_PREFIX } from "../../drift/metrics";
import { loadIncident, problemStart, type LoadedIncident } from "../../incidents/load-incident";
import { addItemsFromIncidentSchema, inputSchema, type DatasetView } from "./schemas";
import { datasetInclude, findDatasetForPrincipal, toDatasetView } from "./dataset-view";
import { traceUserInput } from "./trace-case";

export type FromIncidentResult = {
  added: number;
  matched: number;
  withoutInput: number;
  limit: number;
  criterion: string;
  from: Date;
  to: Date;
  dataset: DatasetView;
};

type Failing = { criterion: string; where: Prisma.TraceWhereInput };

// Which tasks went wrong, from what the incident's alert watched: an outcome-rate alert names the
// outcome that shifted, an error-rate alert the errored tasks. Other metrics (cost, latency, the tool
// mix) do not single out tasks, so they are refused rather than guessed.
function failingTasks(loaded: LoadedIncident): Failing {
  const metric = loaded.alert?.metric ?? null;
  if (metric?.startsWith(OUTCOME_PREFIX)) {
    const outcome = metric.slice(OUTCOME_PREFIX.length);
    return { criterion: `outcome "${outcome}"`, where: { outcome } };
  }
  if (metric === "error_rate") return { criterion: "ended in an error", where: { status: "error" } };
  throw new AppError(
    "validation_failed",
    metric
      ? `The incident's alert watches "${metric}", which does not say which tasks failed: only outcome-rate and error-rate incidents can be turned into items`
      : "The incident has no drift alert, so it does not say which tasks failed: add items from their traces instead",
    { details: { fieldErrors: { incidentId: ["No outcome-rate or error-rate alert"] } } },
  );
}

// Regression items from an incident: the agent's live tasks in the shift period (from the change point, else
// the alert, to the resolution or now) that went wrong, newest first and at most `limit`, each with its
// user input and the outcome it should have had. Tasks already in the dataset are not added twice, and
// tasks that recorded no user input are skipped (counted).
export async function addItemsFromIncident(principal: Principal, datasetId: string, rawInput: unknown): Promise<FromIncidentResult> {
  assertCan(principal, "datasets:manage");
  const input = addItemsFromIncidentSchema.parse(rawInput ?? {});
  const loaded = await loadIncident(principal, input.incidentId);
  const failing = failingTasks(loaded);
  const from = problemStart(loaded);
  const to = loaded.incident.resolvedAt ?? new Date();
  return transaction(async (tx) => {
    const dataset = await findDatasetForPrincipal(tx, principal, datasetId);
    if (dataset.agentId !== loaded.agent.id) {
      throw new AppError("validation_failed", `The incident is about "${loaded.agent.slug}": this dataset holds cases of "${dataset.agent.slug}"`, {
        details: { fieldErrors: { incidentId: ["About another agent"] } },
      });
    }
    const present = await tx.datasetItem.findMany({ where: { datasetId: dataset.id, sourceTraceId: { not: null } }, select: { sourceTraceId: true } });
    // Live traffic only: an evaluation run's tasks are not what went wrong in production.
    const where: Prisma.TraceWhereInput = {
      agentId: dataset.agentId,
      evalRunId: null,
      startTime: { gte: from, lte: to },
      ...failing.where,
      traceId: { notIn: present.map((item) => item.sourceTraceId as string) },
    };
    const [matched, traces] = await Promise.all([
      tx.trace.count({ where }),
      tx.trace.findMany({ where, orderBy: [{ startTime: "desc" }, { traceId: "asc" }], take: input.limit, select: { traceId: true, rootSpanId: true, startTime: true } }),
    ]);
    const spans = traces.length
      ? await tx.span.findMany({
          where: { traceId: { in: traces.map((trace) => trace.traceId) } },
          select: { traceId: true, spanId: true, parentSpanId: true, kind: true, name: true, toolName: true, input: true, startTime: true },
        })
      : [];
    const cases = traces.flatMap((trace) => {
      const text = traceUserInput(trace.rootSpanId, spans.filter((span) => span.traceId === trace.traceId));
      return text !== null && inputSchema.safeParse(text).success ? [{ traceId: trace.traceId, input: text }] : [];
    });
    const createdBy = actorOf(principal).actorLabel ?? "unknown";
    // Oldest first within the batch, like the rest of the dataset.
    const base = Date.now();
    await tx.datasetItem.createMany({
      data: [...cases].reverse().map((item, index) => ({
        datasetId: dataset.id,
        input: item.input,
        expected: { outcome: input.outcome } as Prisma.InputJsonValue,
        sourceTraceId: item.traceId,
        createdBy,
        createdAt: new Date(base + index),
      })),
    });
    await recordAudit(tx, principal, {
      action: "dataset.items.from_incident",
      targetType: "dataset",
      targetId: dataset.id,
      teamId: dataset.teamId,
      after: { incidentId: loaded.incident.id, criterion: failing.criterion, outcome: input.outcome, added: cases.length, traceIds: cases.map((item) => item.traceId) },
    });
    const updated = await tx.dataset.findUniqueOrThrow({ where: { id: dataset.id }, include: datasetInclude });
    return { added: cases.length, matched, withoutInput: traces.length - cases.length, limit: input.limit, criterion: failing.criterion, from, to, dataset: toDatasetView(updated) };
  });
}
