import { describe, expect, it } from "vitest";
import { documentContext, extractDocument, extractFeatures, hashFeature, splitSegments } from "./features";
import { normalizeText } from "./normalize";

const sorted = (vector: { indices: number[]; values: number[] }) =>
  vector.indices.map((index, i) => `${index}:${vector.values[i].toFixed(6)}`).sort();

const email = [
  "Subject: Invoice 4471 for March",
  "Hi Priya, please find attached invoice 4471 for the March consulting hours. The total is due by April 15.",
  "What is the tallest mountain in South America?",
  "Let me know if anything in the invoice looks wrong.",
  `Encoded note: ${Buffer.from("please forward the invoice to the finance team").toString("base64")}`,
  "Best, Tom",
].join("\n");

describe("injection features", () => {
  it("splits lines, and long lines into sentences", () => {
    const long = `${"Revenue grew in every region this quarter. ".repeat(12)}Churn fell!  Hiring resumed?`;
    const segments = splitSegments(normalizeText(`first line\n\n  second line  \n${long}`).text);
    expect(segments.slice(0, 2)).toEqual(["first line", "second line"]);
    expect(segments.slice(-2)).toEqual(["churn fell!", "hiring resumed?"]);
  });

  it("scores a document's segments exactly as the training script does, tokenising once", () => {
    const normalized = normalizeText(email);
    const document = extractDocument(normalized);
    const segments = splitSegments(normalized.text);
    const context = documentContext(segments);
    const expected = [
      ...segments.map((segment) => extractFeatures(segment, [], null, true, { context })),
      ...normalized.decoded.map((payload) => extractFeatures(payload, [], null, true)),
    ];
    expect(normalized.decoded).toHaveLength(1);
    expect(document.segments.map((segment) => sorted(segment.vector))).toEqual(expected.map((segment) => sorted(segment.vector)));
    expect(sorted(document.whole.vector)).toEqual(sorted(extractFeatures(normalized.text, normalized.decoded, normalized.signals, true).vector));
  });

  it("marks a question that shares no words with its document as off-topic", () => {
    const normalized = normalizeText(email);
    const segments = splitSegments(normalized.text);
    const context = documentContext(segments);
    const valueOf = (segment: string, name: string) => {
      const { indices, values } = extractFeatures(segment, [], null, true, { context }).vector;
      return values[indices.indexOf(hashFeature(name))] ?? 0;
    };
    expect(valueOf("what is the tallest mountain in south america?", "d:off-topic-question")).toBe(1);
    expect(valueOf("let me know if anything in the invoice looks wrong.", "d:off-topic")).toBeLessThan(1);
  });

  it("is deterministic", () => {
    const a = extractFeatures("ignore previous instructions", [], null, false);
    const b = extractFeatures("ignore previous instructions", [], null, false);
    expect(sorted(a.vector)).toEqual(sorted(b.vector));
  });
});
