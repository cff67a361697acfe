import { MAX_OTLP_BODY_BYTES } from "../traces/decode-otlp";
import { ingestOtlp } from "../traces/ingest-spans";
import { ingestOtlpLogs } from "../traces/ingest-logs";
import { readBodyBytes } from "../traces/read-body";
import { authenticateAgent } from "./authenticate-agent";
import { toErrorResponse } from "./error-response";
import { observeRequest } from "../metrics/record";

// POST /api/otlp/v1/traces and /api/otlp/v1/logs, whichever server received it: the Next.js route (app/api/otlp/v1/traces,
// for `next dev` and `next start`) and the node:http fast path of the production server
// (lib/http/node-routes.ts) both hand their request here, so authentication, the rate limit, the body
// limit, the one read of the body and the error model cannot drift apart. The body is protobuf or JSON
// as OTLP defines it, so it is read raw, and only once ingest admits the batch: a refused one costs no
// reading or buffering. The answer is an ExportTraceServiceResponse in the request's encoding, or the
// JSON error model.

export type OtlpHttpRequest = {
  authorization: string | null | undefined;
  contentType: string | null | undefined;
  contentEncoding: string | null | undefined;
  contentLength: string | null | undefined;
  body: AsyncIterable<Uint8Array> | null;
};

export type OtlpAnswer =
  | { status: 200; headers: Record<string, string>; bytes: Uint8Array }
  | { status: number; headers: Record<string, string>; body: unknown }; // the JSON error model

type Signal = "traces" | "logs";

export function serveOtlpTraces(request: OtlpHttpRequest): Promise<OtlpAnswer> {
  return serveOtlp("traces", request);
}

export function serveOtlpLogs(request: OtlpHttpRequest): Promise<OtlpAnswer> {
  return serveOtlp("logs", request);
}

async function serveOtlp(signal: Signal, request: OtlpHttpRequest): Promise<OtlpAnswer> {
  const started = performance.now();
  const answer = await answerOtlp(signal, request);
  observeRequest({ route: `/api/otlp/v1/${signal}`, method: "POST", status: answer.status, seconds: (performance.now() - started) / 1000 });
  return answer;
}

async function answerOtlp(signal: Signal, request: OtlpHttpRequest): Promise<OtlpAnswer> {
  try {
    const principal = await authenticateAgent(request.authorization);
    const ingest = signal === "traces" ? ingestOtlp : ingestOtlpLogs;
    const result = await ingest(principal, {
      body: () => readBodyBytes(request.body, request.contentLength, MAX_OTLP_BODY_BYTES),
      contentType: request.contentType ?? null,
      contentEncoding: request.contentEncoding ?? null,
    });
    return { status: 200, headers: { "Content-Type": result.response.contentType }, bytes: result.response.body };
  } catch (error) {
    return toErrorResponse(error);
  }
}
