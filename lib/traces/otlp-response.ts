import { otlpContentTypes, type OtlpFormat } from "./decode-otlp";
import { ExportTraceServiceResponse } from "./otlp-schema";

// The ExportTraceServiceResponse, encoded like the request (OTLP/HTTP requires it). partialSuccess is
// present only when something was rejected: an empty response means "all accepted".

export type PartialSuccess = { rejectedSpans: number; errorMessage: string };

export type EncodedOtlpResponse = { body: Uint8Array; contentType: string };

export function encodeOtlpResponse(format: OtlpFormat, partialSuccess: PartialSuccess | null): EncodedOtlpResponse {
  const message = partialSuccess ? { partialSuccess } : {};
  const body =
    format === "protobuf" ? ExportTraceServiceResponse.encode(message).finish() : new TextEncoder().encode(JSON.stringify(message));
  return { body, contentType: otlpContentTypes[format] };
}
