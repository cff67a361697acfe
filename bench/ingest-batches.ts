import { batchTemplate, type BatchTemplate } from "./otlp-template";

// The batches both sides of the ingest benchmark send: a few OTLP/protobuf templates of sizes spread
// over min–max spans, each copied with fresh ids per batch (bench/otlp-template.ts). The ingest clients
// send them; the floor writes the rows ingest stores for the same templates. Copying a template costs
// the client a memcpy, so the client's own CPU (on the same cores as the server) stays small.

export type BatchPool = { templates: BatchTemplate[]; pick(): BatchTemplate };

export function batchPool(agent: string, minSpans: number, maxSpans: number, count = 8): BatchPool {
  const templates = Array.from({ length: count }, (_, index) => {
    const spanCount = count === 1 ? minSpans : Math.round(minSpans + ((maxSpans - minSpans) * index) / (count - 1));
    return batchTemplate(agent, spanCount);
  });
  return { templates, pick: () => templates[Math.floor(Math.random() * templates.length)] };
}
