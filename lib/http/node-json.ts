import type { IncomingMessage, ServerResponse } from "node:http";
import { checkDeclaredLength, parseJsonBody, tooLarge } from "./json-body";
import { toErrorResponse } from "./error-response";
import { nonPageContentSecurityPolicy, securityHeaders } from "../auth/security-headers";

// JSON in and out on plain node:http, with the same body rules and error model as the Next.js routes
// (lib/http/route.ts), for the endpoints served ahead of Next's router (lib/http/node-routes.ts).

export async function readNodeJson(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  checkDeclaredLength(request.headers["content-length"], maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Stop buffering at the limit; the response closes the connection rather than read the rest.
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  const text = chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks).toString("utf8");
  return parseJsonBody(text, request.headers["content-type"], maxBytes);
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body ?? {});
  // The security headers next.config.js gives Next's API answers.
  response.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    ...securityHeaders,
    "Content-Security-Policy": nonPageContentSecurityPolicy,
    ...headers,
  });
  response.end(text);
}

// Runs a handler and answers with its result, or with the error model's status and body.
export async function respondJson(request: IncomingMessage, response: ServerResponse, handler: () => Promise<unknown>): Promise<void> {
  try {
    const result = await handler();
    sendJson(response, 200, result);
  } catch (error) {
    const { status, body, headers } = toErrorResponse(error);
    // A body left unread (too large, or refused before it was read) is not drained: close instead.
    if (!request.readableEnded) response.setHeader("Connection", "close");
    if (!response.headersSent) sendJson(response, status, body, headers);
    else response.destroy();
  }
}
