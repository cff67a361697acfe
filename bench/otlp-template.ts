import { randomBytes } from "node:crypto";
import { buildBatch, encodeBatch } from "./otlp-batch";

// OTLP/protobuf batches for a load generator that must stay cheap: one batch is built and encoded by
// the OpenTelemetry serializer once, then every batch is a copy of its bytes with fresh random trace
// and span ids written over the old ones (ids are fixed-size protobuf bytes fields, so nothing moves).
// A 300-span batch then costs the client a buffer copy instead of milliseconds of encoding — in the
// guard-under-ingest benchmark the client's own event loop also times the guard calls.

type IdSlot = { offsets: number[]; size: 8 | 16 };

export type BatchTemplate = { spanCount: number; next(): Uint8Array<ArrayBuffer> };

function offsetsOf(buffer: Buffer, id: Buffer): number[] {
  const offsets: number[] = [];
  for (let at = buffer.indexOf(id); at !== -1; at = buffer.indexOf(id, at + 1)) offsets.push(at);
  return offsets;
}

export function batchTemplate(agent: string, spanCount: number): BatchTemplate {
  for (;;) {
    const spans = buildBatch(agent, spanCount);
    const encoded = Buffer.from(encodeBatch(spans));
    const traceIds = new Set(spans.map((span) => span.spanContext().traceId));
    const slots: IdSlot[] = [];
    let expected = 0;
    for (const traceId of traceIds) slots.push({ offsets: offsetsOf(encoded, Buffer.from(traceId, "hex")), size: 16 });
    expected += spans.length;
    for (const span of spans) {
      const children = spans.filter((other) => other.parentSpanContext?.spanId === span.spanContext().spanId).length;
      slots.push({ offsets: offsetsOf(encoded, Buffer.from(span.spanContext().spanId, "hex")), size: 8 });
      expected += 1 + children;
    }
    // Random ids could, in principle, also occur inside other bytes; then build another template.
    if (slots.reduce((sum, slot) => sum + slot.offsets.length, 0) !== expected) continue;
    const idBytes = slots.reduce((sum, slot) => sum + slot.size, 0);
    return {
      spanCount,
      next() {
        const body = new Uint8Array(encoded.byteLength);
        body.set(encoded);
        const fresh = randomBytes(idBytes);
        let from = 0;
        for (const slot of slots) {
          for (const offset of slot.offsets) body.set(fresh.subarray(from, from + slot.size), offset);
          from += slot.size;
        }
        return body;
      },
    };
  }
}
