import type { Evaluator } from "../evaluators/schemas";

// One line for people: what an online evaluator checks (client-safe).
export const onlineTypeLabels = {
  no_guard_deny: "No guard deny",
  max_cost_usd: "Cost bound",
  max_latency_ms: "Latency bound",
  max_steps: "Steps bound",
  output_json_schema: "JSON output",
  llm_judge: "LLM judge",
} as const;

export function describeEvaluator(evaluator: Evaluator): string {
  switch (evaluator.type) {
    case "no_guard_deny":
      return evaluator.includeHolds ? "No action denied or held by the guard" : "No action denied by the guard";
    case "max_cost_usd":
      return `Cost at most $${evaluator.max}`;
    case "max_latency_ms":
      return `Latency at most ${evaluator.max.toLocaleString("en-US")} ms`;
    case "max_steps":
      return `At most ${evaluator.max} steps (spans)`;
    case "output_json_schema":
      return "Output is JSON matching a schema";
    case "llm_judge": {
      const criteria = evaluator.criteria.length > 60 ? `${evaluator.criteria.slice(0, 60)}…` : evaluator.criteria;
      return `Judge ≥ ${evaluator.passScore}: ${criteria}`;
    }
    default:
      return evaluator.type;
  }
}
