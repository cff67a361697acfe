import { declareRoute } from "../http/route-declaration";
import { MAX_OTLP_BODY_BYTES } from "./decode-otlp";
import { listTracesQuerySchema, sessionResponseSchema, traceListResponseSchema, traceResponseSchema, trafficResponseSchema } from "./schemas";

// What the trace routes take and give (app/api/otlp/v1/traces and logs, app/api/v1/traces/**, sessions, traffic).
const otlpMediaTypes = ["application/x-protobuf", "application/json"];

export const traceRoutes = {
  ingest: declareRoute({
    method: "POST",
    path: "/api/otlp/v1/traces",
    summary: `OTLP/HTTP trace export (ExportTraceServiceRequest; gzip accepted; at most ${MAX_OTLP_BODY_BYTES} bytes). Answers an ExportTraceServiceResponse in the request's encoding`,
    auth: "agent",
    permission: null,
    requestMediaTypes: otlpMediaTypes,
    responseMediaTypes: otlpMediaTypes,
    maxBodyBytes: MAX_OTLP_BODY_BYTES,
  }),
  logs: declareRoute({
    method: "POST",
    path: "/api/otlp/v1/logs",
    summary: `OTLP/HTTP log export (ExportLogsServiceRequest; gzip accepted; at most ${MAX_OTLP_BODY_BYTES} bytes). GenAI content events are joined to their spans; other records are counted in partialSuccess.rejectedLogRecords. Answers an ExportLogsServiceResponse in the request's encoding`,
    auth: "agent",
    permission: null,
    requestMediaTypes: otlpMediaTypes,
    responseMediaTypes: otlpMediaTypes,
    maxBodyBytes: MAX_OTLP_BODY_BYTES,
  }),
  list: declareRoute({
    method: "GET",
    path: "/api/v1/traces",
    summary: "The caller's teams' traces, newest first, filtered and cursor-paginated",
    auth: "user",
    permission: "traces:read",
    query: listTracesQuerySchema,
    response: traceListResponseSchema,
  }),
  get: declareRoute({
    method: "GET",
    path: "/api/v1/traces/{traceId}",
    summary: "One trace with all its spans, plus the guard decisions asked with its id",
    auth: "user",
    permission: "traces:read",
    response: traceResponseSchema,
  }),
  session: declareRoute({
    method: "GET",
    path: "/api/v1/sessions/{id}",
    summary: "A session's turns in order, for replay",
    auth: "user",
    permission: "sessions:replay",
    response: sessionResponseSchema,
  }),
  traffic: declareRoute({
    method: "GET",
    path: "/api/v1/overview/traffic",
    summary: "Traces per minute, error rate and spend today",
    auth: "user",
    permission: "traces:read",
    response: trafficResponseSchema,
  }),
};
