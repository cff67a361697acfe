import protobuf from "protobufjs";

// The OTLP trace messages (opentelemetry-proto: collector/trace/v1, trace/v1, common/v1, resource/v1),
// written as a protobufjs reflection descriptor from the public wire spec so protobufjs does the
// decoding and no .proto file or code generation step is needed. Field names are the lowerCamelCase
// protobufjs exposes on decoded messages; only field numbers and types matter on the wire.

const repeated = (type: string, id: number) => ({ rule: "repeated", type, id });
const field = (type: string, id: number) => ({ type, id });

const common = {
  AnyValue: {
    oneofs: { value: { oneof: ["stringValue", "boolValue", "intValue", "doubleValue", "arrayValue", "kvlistValue", "bytesValue"] } },
    fields: {
      stringValue: field("string", 1),
      boolValue: field("bool", 2),
      intValue: field("int64", 3),
      doubleValue: field("double", 4),
      arrayValue: field("ArrayValue", 5),
      kvlistValue: field("KeyValueList", 6),
      bytesValue: field("bytes", 7),
    },
  },
  ArrayValue: { fields: { values: repeated("AnyValue", 1) } },
  KeyValueList: { fields: { values: repeated("KeyValue", 1) } },
  KeyValue: { fields: { key: field("string", 1), value: field("AnyValue", 2) } },
  InstrumentationScope: {
    fields: {
      name: field("string", 1),
      version: field("string", 2),
      attributes: repeated("KeyValue", 3),
      droppedAttributesCount: field("uint32", 4),
    },
  },
};

const resource = {
  Resource: {
    fields: {
      attributes: repeated("opentelemetry.proto.common.v1.KeyValue", 1),
      droppedAttributesCount: field("uint32", 2),
    },
  },
};

const KeyValue = "opentelemetry.proto.common.v1.KeyValue";

const trace = {
  ResourceSpans: {
    fields: {
      resource: field("opentelemetry.proto.resource.v1.Resource", 1),
      scopeSpans: repeated("ScopeSpans", 2),
      schemaUrl: field("string", 3),
    },
  },
  ScopeSpans: {
    fields: {
      scope: field("opentelemetry.proto.common.v1.InstrumentationScope", 1),
      spans: repeated("Span", 2),
      schemaUrl: field("string", 3),
    },
  },
  Span: {
    fields: {
      traceId: field("bytes", 1),
      spanId: field("bytes", 2),
      traceState: field("string", 3),
      parentSpanId: field("bytes", 4),
      flags: field("fixed32", 16),
      name: field("string", 5),
      kind: field("SpanKind", 6),
      startTimeUnixNano: field("fixed64", 7),
      endTimeUnixNano: field("fixed64", 8),
      attributes: repeated(KeyValue, 9),
      droppedAttributesCount: field("uint32", 10),
      events: repeated("Event", 11),
      droppedEventsCount: field("uint32", 12),
      links: repeated("Link", 13),
      droppedLinksCount: field("uint32", 14),
      status: field("Status", 15),
    },
    nested: {
      SpanKind: {
        values: {
          SPAN_KIND_UNSPECIFIED: 0,
          SPAN_KIND_INTERNAL: 1,
          SPAN_KIND_SERVER: 2,
          SPAN_KIND_CLIENT: 3,
          SPAN_KIND_PRODUCER: 4,
          SPAN_KIND_CONSUMER: 5,
        },
      },
      Event: {
        fields: {
          timeUnixNano: field("fixed64", 1),
          name: field("string", 2),
          attributes: repeated(KeyValue, 3),
          droppedAttributesCount: field("uint32", 4),
        },
      },
      Link: {
        fields: {
          traceId: field("bytes", 1),
          spanId: field("bytes", 2),
          traceState: field("string", 3),
          attributes: repeated(KeyValue, 4),
          droppedAttributesCount: field("uint32", 5),
          flags: field("fixed32", 6),
        },
      },
    },
  },
  Status: {
    fields: { message: field("string", 2), code: field("StatusCode", 3) },
    nested: { StatusCode: { values: { STATUS_CODE_UNSET: 0, STATUS_CODE_OK: 1, STATUS_CODE_ERROR: 2 } } },
  },
};

const collector = {
  ExportTraceServiceRequest: {
    fields: { resourceSpans: repeated("opentelemetry.proto.trace.v1.ResourceSpans", 1) },
  },
  ExportTraceServiceResponse: { fields: { partialSuccess: field("ExportTracePartialSuccess", 1) } },
  ExportTracePartialSuccess: { fields: { rejectedSpans: field("int64", 1), errorMessage: field("string", 2) } },
};

// The OTLP log messages (opentelemetry-proto: logs/v1, collector/logs/v1), for POST /api/otlp/v1/logs.
const logs = {
  ResourceLogs: {
    fields: {
      resource: field("opentelemetry.proto.resource.v1.Resource", 1),
      scopeLogs: repeated("ScopeLogs", 2),
      schemaUrl: field("string", 3),
    },
  },
  ScopeLogs: {
    fields: {
      scope: field("opentelemetry.proto.common.v1.InstrumentationScope", 1),
      logRecords: repeated("LogRecord", 2),
      schemaUrl: field("string", 3),
    },
  },
  LogRecord: {
    fields: {
      timeUnixNano: field("fixed64", 1),
      observedTimeUnixNano: field("fixed64", 11),
      severityNumber: field("int32", 2),
      severityText: field("string", 3),
      body: field("opentelemetry.proto.common.v1.AnyValue", 5),
      attributes: repeated(KeyValue, 6),
      droppedAttributesCount: field("uint32", 7),
      flags: field("fixed32", 8),
      traceId: field("bytes", 9),
      spanId: field("bytes", 10),
      eventName: field("string", 12),
    },
  },
};

const logsCollector = {
  ExportLogsServiceRequest: {
    fields: { resourceLogs: repeated("opentelemetry.proto.logs.v1.ResourceLogs", 1) },
  },
  ExportLogsServiceResponse: { fields: { partialSuccess: field("ExportLogsPartialSuccess", 1) } },
  ExportLogsPartialSuccess: { fields: { rejectedLogRecords: field("int64", 1), errorMessage: field("string", 2) } },
};

const v1 = (types: Record<string, protobuf.IType>) => ({ nested: { v1: { nested: types } } });

export const otlpRoot = protobuf.Root.fromJSON({
  options: { syntax: "proto3" },
  nested: {
    opentelemetry: {
      nested: {
        proto: {
          nested: {
            common: v1(common),
            resource: v1(resource),
            trace: v1(trace),
            logs: v1(logs),
            collector: { nested: { trace: v1(collector), logs: v1(logsCollector) } },
          },
        },
      },
    },
  },
});

export const ExportTraceServiceRequest = otlpRoot.lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest");
export const ExportTraceServiceResponse = otlpRoot.lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse");
export const ExportLogsServiceRequest = otlpRoot.lookupType("opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest");
export const ExportLogsServiceResponse = otlpRoot.lookupType("opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse");
