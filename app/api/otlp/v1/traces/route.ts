// POST /api/otlp/v1/traces — OTLP/HTTP trace ingest (agent key)
import { apiRoute } from "@/lib/http/route";
import { traceRoutes } from "@/lib/traces/routes";
import { MAX_OTLP_BODY_BYTES } from "@/lib/traces/decode-otlp";
import { ingestOtlp } from "@/lib/traces/ingest-spans";
import { readBodyBytes } from "@/lib/traces/read-body";

// The body is protobuf or JSON as OTLP defines it, so it is read raw (not through the JSON body
// parser), and only once ingest admits the batch: a refused one costs no reading or buffering. The
// answer is an ExportTraceServiceResponse in the request's encoding.
export const POST = apiRoute(traceRoutes.ingest, async ({ principal, request }) => {
  const result = await ingestOtlp(principal, {
    body: () => readBodyBytes(request, MAX_OTLP_BODY_BYTES),
    contentType: request.headers.get("content-type"),
    contentEncoding: request.headers.get("content-encoding"),
  });
  return new Response(Buffer.from(result.response.body), { status: 200, headers: { "Content-Type": result.response.contentType } });
});
