import { randomBytes } from "node:crypto";
import type { IdGenerator } from "@opentelemetry/sdk-trace-base";

// A guard check names the tool span it gates, but a scenario writes that span only once the verdict is
// known (a held span ends when the reviewer decides). So the span id is drawn first and handed to the
// SDK for the next span started, which the caller starts synchronously right after presetting it.
let preset: string | undefined;

export const newSpanId = () => randomBytes(8).toString("hex");

export function withSpanId<T>(spanId: string, write: () => T): T {
  preset = spanId;
  try {
    return write();
  } finally {
    preset = undefined;
  }
}

export const presettableIds: IdGenerator = {
  generateTraceId: () => randomBytes(16).toString("hex"),
  generateSpanId() {
    const spanId = preset ?? newSpanId();
    preset = undefined;
    return spanId;
  },
};
