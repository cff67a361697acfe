import type { EvaluatorInput, EvaluatorType } from "../evaluators/schemas";

// The suite form's evaluator rows as the user types them, and the evaluator settings they stand for.
// Pure (unit-tested); the server validates the result again with the same zod schema.

export type EvaluatorRow = {
  key: number;
  type: EvaluatorType;
  text: string;
  pattern: string;
  name: string;
  max: string;
  criteria: string;
  schema: string;
  includeHolds: boolean;
};

export const evaluatorLabels: Record<EvaluatorType, string> = {
  outcome_match: "Outcome matches the expected outcome",
  output_contains: "Output contains a text",
  output_exact: "Output equals a text",
  output_regex: "Output matches a regular expression",
  output_json_schema: "Output is JSON valid against a schema",
  tool_called: "A tool was called",
  tool_not_called: "A tool was not called",
  no_guard_deny: "The guard denied nothing",
  max_cost_usd: "Cost at most (USD)",
  max_latency_ms: "Latency at most (ms)",
  max_steps: "Steps at most",
  llm_judge: "LLM judge (criteria)",
};

let nextKey = 1;
export const newRow = (type: EvaluatorType = "outcome_match"): EvaluatorRow => ({
  key: nextKey++,
  type,
  text: "",
  pattern: "",
  name: "",
  max: "",
  criteria: "",
  schema: "",
  includeHolds: false,
});

// The row's settings, or a message saying what is missing (shown beside the row).
export function toEvaluator(row: EvaluatorRow): { evaluator: EvaluatorInput } | { error: string } {
  const max = Number(row.max);
  const needMax = () => (row.max.trim() === "" || !Number.isFinite(max) || max < 0 ? { error: "Enter a number of 0 or more" } : null);
  switch (row.type) {
    case "outcome_match":
      return { evaluator: { type: "outcome_match" } };
    case "output_contains":
      return { evaluator: { type: "output_contains", ...(row.text ? { text: row.text } : {}) } };
    case "output_exact":
      return { evaluator: { type: "output_exact", ...(row.text ? { text: row.text } : {}) } };
    case "output_regex":
      return row.pattern ? { evaluator: { type: "output_regex", pattern: row.pattern } } : { error: "Enter a pattern" };
    case "output_json_schema":
      try {
        return { evaluator: { type: "output_json_schema", schema: JSON.parse(row.schema || "{}") } };
      } catch {
        return { error: "The schema is not valid JSON" };
      }
    case "tool_called":
      return { evaluator: { type: "tool_called", ...(row.name.trim() ? { name: row.name.trim() } : {}) } };
    case "tool_not_called":
      return row.name.trim() ? { evaluator: { type: "tool_not_called", name: row.name.trim() } } : { error: "Name the tool" };
    case "no_guard_deny":
      return { evaluator: { type: "no_guard_deny", includeHolds: row.includeHolds } };
    case "max_cost_usd":
    case "max_latency_ms":
      return needMax() ?? { evaluator: { type: row.type, max } };
    case "max_steps":
      return needMax() ?? (Number.isInteger(max) ? { evaluator: { type: "max_steps", max } } : { error: "A whole number of steps" });
    case "llm_judge":
      return row.criteria.trim() ? { evaluator: { type: "llm_judge", criteria: row.criteria.trim() } } : { error: "Describe what a good answer does" };
  }
}

// A one-line summary of saved settings, for the suites table.
export function describeEvaluator(evaluator: { type: string } & Record<string, unknown>): string {
  switch (evaluator.type) {
    case "output_contains":
    case "output_exact":
      return `${evaluator.type} ${evaluator.text ? JSON.stringify(evaluator.text) : "(expected output)"}`;
    case "output_regex":
      return `output_regex /${String(evaluator.pattern)}/`;
    case "tool_called":
      return `tool_called ${evaluator.name ?? "(expected tools)"}`;
    case "tool_not_called":
      return `tool_not_called ${String(evaluator.name)}`;
    case "max_cost_usd":
    case "max_latency_ms":
    case "max_steps":
      return `${evaluator.type} ≤ ${String(evaluator.max)}`;
    case "no_guard_deny":
      return evaluator.includeHolds ? "no_guard_deny (or hold)" : "no_guard_deny";
    default:
      return evaluator.type;
  }
}
