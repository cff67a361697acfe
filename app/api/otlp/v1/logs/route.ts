// POST /api/otlp/v1/logs — OTLP/HTTP log ingest: GenAI content events joined to their spans (agent key)
import { NextResponse, type NextRequest } from "next/server";
import { serveOtlpLogs } from "@/lib/http/otlp-endpoint";

// The same endpoint the production server answers on node:http (lib/http/node-routes.ts). The context
// Next passes (no params on this path) is accepted like every route's.
export async function POST(request: NextRequest, _context?: { params: Promise<Record<string, string>> }) {
  const { headers } = request;
  const answer = await serveOtlpLogs({
    authorization: headers.get("authorization"),
    contentType: headers.get("content-type"),
    contentEncoding: headers.get("content-encoding"),
    contentLength: headers.get("content-length"),
    // Node's web streams are async iterable; TypeScript's DOM types do not say so.
    body: request.body as AsyncIterable<Uint8Array> | null,
  });
  if ("bytes" in answer) return new Response(Buffer.from(answer.bytes), { status: answer.status, headers: answer.headers });
  return NextResponse.json(answer.body, { status: answer.status, headers: answer.headers });
}
