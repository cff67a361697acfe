// POST /api/v1/guard — decide whether an agent may proceed (agent key)
import { NextResponse, type NextRequest } from "next/server";
import { serveGuard } from "@/lib/http/guard-endpoint";

// The same endpoint the production server answers on node:http (lib/http/node-routes.ts). The context
// Next passes (no params on this path) is accepted like every route's.
export async function POST(request: NextRequest, _context?: { params: Promise<Record<string, string>> }) {
  const { headers } = request;
  const answer = await serveGuard({
    authorization: headers.get("authorization"),
    contentType: headers.get("content-type"),
    contentLength: headers.get("content-length"),
    // Node's web streams are async iterable; TypeScript's DOM types do not say so.
    body: request.body as AsyncIterable<Uint8Array> | null,
  });
  return NextResponse.json(answer.body, { status: answer.status, headers: answer.headers });
}
