import { SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Tracer } from "@opentelemetry/api";

export type SpanShape = {
  name: string;
  kind?: SpanKind;
  start: number; // ms since the epoch
  end: number;
  attributes: Attributes;
  error?: string;
};

// Explicit start and end times let a scenario describe a 20-second task in microseconds of CPU; the
// delaying processor (delayed-processor.ts) then releases each span when it would really have ended.
export function emitSpan(tracer: Tracer, parent: Context, shape: SpanShape): Context {
  const span = tracer.startSpan(
    shape.name,
    { kind: shape.kind ?? SpanKind.INTERNAL, startTime: new Date(shape.start), attributes: dropEmpty(shape.attributes) },
    parent,
  );
  if (shape.error) {
    span.recordException({ name: "Error", message: shape.error }, new Date(shape.end));
    span.setStatus({ code: SpanStatusCode.ERROR, message: shape.error });
  } else {
    span.setStatus({ code: SpanStatusCode.OK });
  }
  span.end(new Date(shape.end));
  return trace.setSpan(parent, span);
}

// Optional fields are left out rather than sent as empty strings.
export function dropEmpty(attributes: Attributes): Attributes {
  const kept: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== "") kept[key] = value;
  }
  return kept;
}

export const json = (value: unknown) => JSON.stringify(value);
