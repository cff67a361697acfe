import type { AgentPrincipal } from "../auth/principal";
import { AppError, forbidden } from "../errors/app-error";
import { attachContentEvents, dropExpiredPending, type AttachOutcome } from "./attach-content-events";
import { contentEventOf } from "./content-events";
import { decompressOtlpBody, otlpFormatOf, type OtlpFormat } from "./decode-otlp";
import { ingestLimiter, type Limiter } from "./ingest-limiter";
import type { OtlpHttpBody } from "./ingest-spans";
import { otlpLogsFromJson } from "./otlp-from-json";
import { otlpLogsFromProtobuf } from "./otlp-from-protobuf";
import { encodeOtlpLogsResponse, type EncodedOtlpResponse } from "./otlp-response";
import type { SpanEvent } from "./span-model";

// OTLP log ingest for one agent (POST /api/otlp/v1/logs). Only GenAI content events are kept — the
// message events of the GenAI conventions (gen_ai.user.message, gen_ai.choice, …, and
// gen_ai.client.inference.operation.details) — joined to their span (lib/traces/attach-content-events.ts).
// Every other record is counted as rejected in the partial success with the reason, never dropped
// silently: Control Room is not a log store. Same limits, admission and error model as trace ingest;
// log exports are small and rare next to spans, so they are decoded on this thread.

export type LogsIngestResult = {
  receivedLogRecords: number;
  attachedEvents: number; // onto a stored span
  pendingEvents: number; // kept until their span arrives
  rejectedLogRecords: number;
  errorMessage: string;
  format: OtlpFormat;
  response: EncodedOtlpResponse;
};

export async function ingestOtlpLogs(principal: AgentPrincipal, http: OtlpHttpBody, limiter: Limiter = ingestLimiter()): Promise<LogsIngestResult> {
  if (principal?.kind !== "agent") throw forbidden("Logs are sent with an agent API key");
  return limiter.run(async () => {
    const format = otlpFormatOf(http.contentType);
    const body = typeof http.body === "function" ? await http.body() : http.body;
    const bytes = await decompressOtlpBody(body, http.contentEncoding);
    const { logRecords } = format === "protobuf" ? otlpLogsFromProtobuf(bytes) : otlpLogsFromJson(bytes);

    const problems = new Map<string, number>();
    const reject = (problem: string, count = 1) => problems.set(problem, (problems.get(problem) ?? 0) + count);
    const bySpan = new Map<string, { traceId: string; spanId: string; events: SpanEvent[] }>();
    for (const record of logRecords) {
      const content = contentEventOf(record);
      if ("problem" in content) {
        reject(content.problem);
        continue;
      }
      const key = `${content.traceId}:${content.spanId}`;
      const group = bySpan.get(key) ?? { traceId: content.traceId, spanId: content.spanId, events: [] };
      group.events.push(content.event);
      bySpan.set(key, group);
    }

    let attachedEvents = 0;
    let pendingEvents = 0;
    await unavailableOnFailure(async () => {
      await dropExpiredPending();
      for (const group of bySpan.values()) {
        const outcome: AttachOutcome = await attachContentEvents(principal.teamId, group, group.events);
        if (outcome === "attached") attachedEvents += group.events.length;
        else if (outcome === "pending") pendingEvents += group.events.length;
        else reject("its span belongs to another team's agent", group.events.length);
      }
    });

    const rejectedLogRecords = [...problems.values()].reduce((sum, count) => sum + count, 0);
    const errorMessage = describeProblems(problems);
    const partialSuccess = rejectedLogRecords ? { rejectedLogRecords, errorMessage } : null;
    return {
      receivedLogRecords: logRecords.length,
      attachedEvents,
      pendingEvents,
      rejectedLogRecords,
      errorMessage,
      format,
      response: encodeOtlpLogsResponse(format, partialSuccess),
    };
  });
}

// "3 log records not kept: 2 not a GenAI content event (Control Room keeps only gen_ai.* message
// events, joined to their spans); 1 no trace and span id to join it to".
function describeProblems(problems: Map<string, number>): string {
  if (problems.size === 0) return "";
  const total = [...problems.values()].reduce((sum, count) => sum + count, 0);
  const parts = [...problems].map(([problem, count]) =>
    problem === "not a GenAI content event"
      ? `${count} not a GenAI content event (Control Room keeps only the GenAI message events, joined to their spans)`
      : `${count} ${problem}`,
  );
  return `${total} log record${total === 1 ? "" : "s"} not kept: ${parts.join("; ")}`;
}

// As for spans: a database failure is 503 + Retry-After, and the exporter sends the batch again (a
// re-sent event is not added twice).
async function unavailableOnFailure(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof AppError) throw error;
    console.error("[control-room] log ingest failed; asking the exporter to retry", error);
    throw new AppError("unavailable", "Log records could not be stored right now — retry", { retryAfterSeconds: 2 });
  }
}
