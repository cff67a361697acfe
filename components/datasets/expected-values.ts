import type { Expected } from "@/lib/evals/datasets/queries";

// The expected-outcome fields as a form holds them (plain strings) and back. Tools are names, one a
// line or comma-separated; a tool kept from before keeps its params (the form does not edit them).
export type ExpectedValues = { outcome: string; output: string; tools: string };

export const emptyExpectedValues: ExpectedValues = { outcome: "", output: "", tools: "" };

export function toExpectedValues(expected: Expected | undefined): ExpectedValues {
  return { outcome: expected?.outcome ?? "", output: expected?.output ?? "", tools: (expected?.tools ?? []).map((tool) => tool.name).join("\n") };
}

export const toolNames = (text: string) => text.split(/[\n,]/).map((name) => name.trim()).filter(Boolean);

// Blank fields are left out: an item checks only what it states.
export function toExpected(values: ExpectedValues, before?: Expected): Expected {
  const paramsOf = new Map((before?.tools ?? []).map((tool) => [tool.name, tool.params]));
  const names = toolNames(values.tools);
  return {
    ...(values.outcome.trim() ? { outcome: values.outcome.trim() } : {}),
    ...(values.output.trim() ? { output: values.output } : {}),
    ...(names.length ? { tools: names.map((name) => (paramsOf.get(name) ? { name, params: paramsOf.get(name) } : { name })) } : {}),
  };
}

// Client-side checks mirroring the server's schema, so a mistake shows before a round trip.
export function expectedProblems(values: ExpectedValues): Partial<Record<keyof ExpectedValues, string>> {
  const tooLong = toolNames(values.tools).find((name) => name.length > 200);
  return {
    ...(values.outcome.trim().length > 200 ? { outcome: "At most 200 characters" } : {}),
    ...(toolNames(values.tools).length > 100 ? { tools: "At most 100 tools" } : tooLong ? { tools: `"${tooLong.slice(0, 20)}…" is longer than 200 characters` } : {}),
  };
}
