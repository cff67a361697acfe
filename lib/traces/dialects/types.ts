import type { NormalizedSpan } from "../span-model";
import type { OtlpAttributes, OtlpScope, OtlpSpan } from "../otlp-types";

// What a dialect sees of a span, and what it may say about it. A dialect leaves a field undefined
// when its attributes say nothing about it; null means "known to be empty" and stops later dialects.

export type SpanInput = {
  span: OtlpSpan;
  attributes: OtlpAttributes; // the span's own attributes
  resource: OtlpAttributes;
  scope: OtlpScope;
};

export type MappedFields = Pick<
  NormalizedSpan,
  | "kind"
  | "model"
  | "responseModel"
  | "provider"
  | "toolName"
  | "workflow"
  | "sessionId"
  | "outcome"
  | "inputTokens"
  | "outputTokens"
  | "cachedInputTokens"
  | "reasoningTokens"
  | "input"
  | "output"
>;

export type DialectFields = { [K in keyof MappedFields]?: MappedFields[K] };

export type Dialect = { name: string; map(input: SpanInput): DialectFields };
