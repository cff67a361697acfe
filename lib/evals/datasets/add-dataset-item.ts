import type { Prisma } from "../../generated/prisma/client";
import { transaction } from "../../db/transaction";
import type { Tx } from "../../db/client";
import { actorOf, assertCan, type Principal } from "../../auth/principal";
import { assertVisible, notVisible } from "../../auth/team-access";
import { recordAudit } from "../../audit/record-audit";
import { AppError } from "../../errors/app-error";
import { addDatasetItemSchema, inputSchema, type DatasetItemView, type Expected } from "./schemas";
import { findDatasetForPrincipal, toDatasetItemView } from "./dataset-view";
import { expectedFromTrace, traceUserInput } from "./trace-case";

// One item, by hand or from a recorded trace of the dataset's agent: from a trace, the input is the
// trace's user input and expected its outcome and the tools it called; fields sent replace those.
export async function addDatasetItem(principal: Principal, datasetId: string, rawInput: unknown): Promise<DatasetItemView> {
  assertCan(principal, "datasets:manage");
  const body = addDatasetItemSchema.parse(rawInput ?? {});
  if (body.input === undefined && body.fromTraceId === undefined) {
    throw new AppError("validation_failed", "Send an input, or a fromTraceId to take it from", { details: { fieldErrors: { input: ["Required without fromTraceId"] } } });
  }
  return transaction(async (tx) => {
    const dataset = await findDatasetForPrincipal(tx, principal, datasetId);
    const fromTrace = body.fromTraceId ? await caseFromTrace(tx, principal, dataset.agentId, dataset.agent.slug, body.fromTraceId) : null;
    const input = body.input ?? fromTrace?.input;
    if (input === undefined) {
      throw new AppError("validation_failed", `Trace "${body.fromTraceId}" recorded no user input (neither on its root span nor in a model call): send input`, {
        details: { fieldErrors: { input: ["The trace has none to take"] } },
      });
    }
    const checked = inputSchema.safeParse(input);
    if (!checked.success) {
      throw new AppError("validation_failed", `The trace's input cannot be used as it is (${checked.error.issues[0].message}): send input`, {
        details: { fieldErrors: { input: checked.error.issues.map((issue) => issue.message) } },
      });
    }
    const expected: Expected = { ...fromTrace?.expected, ...body.expected };
    const item = await tx.datasetItem.create({
      data: { datasetId: dataset.id, input, expected: expected as Prisma.InputJsonValue, sourceTraceId: body.fromTraceId?.toLowerCase() ?? null, createdBy: actorOf(principal).actorLabel ?? "unknown" },
    });
    await recordAudit(tx, principal, {
      action: "dataset.item.add",
      targetType: "dataset",
      targetId: dataset.id,
      teamId: dataset.teamId,
      after: { itemId: item.id, sourceTraceId: item.sourceTraceId },
    });
    return toDatasetItemView(item);
  });
}

async function caseFromTrace(tx: Tx, principal: Principal, agentId: string, agentSlug: string, rawTraceId: string) {
  const traceId = rawTraceId.toLowerCase();
  const trace = await tx.trace.findUnique({ where: { traceId } });
  if (!trace) throw notVisible(`Trace "${traceId}"`);
  assertVisible(principal, trace.teamId, `Trace "${traceId}"`);
  if (trace.agentId !== agentId) {
    throw new AppError("validation_failed", `Trace "${traceId}" was recorded by another agent: this dataset holds cases of "${agentSlug}"`, {
      details: { fieldErrors: { fromTraceId: ["Recorded by another agent"] } },
    });
  }
  const spans = await tx.span.findMany({
    where: { traceId },
    select: { spanId: true, parentSpanId: true, kind: true, name: true, toolName: true, input: true, startTime: true },
  });
  return { input: traceUserInput(trace.rootSpanId, spans) ?? undefined, expected: expectedFromTrace(trace.outcome, spans) };
}
