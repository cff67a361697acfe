import { otlpContentTypes, type OtlpFormat } from "./decode-otlp";
import { ExportLogsServiceResponse, ExportTraceServiceResponse } from "./otlp-schema";

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

// The ExportLogsServiceResponse, the same way.
export type LogsPartialSuccess = { rejectedLogRecords: number; errorMessage: string };

export function encodeOtlpLogsResponse(format: OtlpFormat, partialSuccess: LogsPartialSuccess | null): EncodedOtlpResponse {
  const message = partialSuccess ? { partialSuccess } : {};
  const body =
    format === "protobuf" ? ExportLogsServiceResponse.encode(message).finish() : new TextEncoder().encode(JSON.stringify(message));
  return { body, contentType: otlpContentTypes[format] };
}
