import type { ServerResponse } from "node:http";
import { nonPageContentSecurityPolicy, securityHeaders } from "../auth/security-headers";

// JSON (and bytes) out on plain node:http, with the headers the Next.js routes get, for the endpoints served ahead
// of Next's router (lib/http/node-routes.ts).

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

// Bytes out (an OTLP response), with the same headers.
export function sendBytes(response: ServerResponse, status: number, bytes: Uint8Array, headers: Record<string, string>): void {
  response.writeHead(status, {
    "Content-Length": bytes.byteLength,
    ...securityHeaders,
    "Content-Security-Policy": nonPageContentSecurityPolicy,
    ...headers,
  });
  response.end(bytes);
}
