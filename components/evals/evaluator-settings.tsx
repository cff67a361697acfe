"use client";

import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { EvaluatorRow } from "@/lib/evals/suites/evaluator-rows";

type EvaluatorSettingsProps = { row: EvaluatorRow; onChange: (change: Partial<EvaluatorRow>) => void; disabled: boolean };

// The settings one evaluator type takes; types that need none say what they compare.
export function EvaluatorSettings({ row, onChange, disabled }: EvaluatorSettingsProps) {
  const id = (what: string) => `evaluator-${what}-${row.key}`;
  switch (row.type) {
    case "outcome_match":
      return <p className="text-xs text-fg-muted">Compares the run&apos;s outcome with each item&apos;s expected outcome.</p>;
    case "output_contains":
    case "output_exact":
      return (
        <Field id={id("text")} label="Text" description="Leave empty to use each item's expected output.">
          <Input value={row.text} onChange={(event) => onChange({ text: event.target.value })} disabled={disabled} />
        </Field>
      );
    case "output_regex":
      return (
        <Field id={id("pattern")} label="Pattern" required>
          <Input value={row.pattern} onChange={(event) => onChange({ pattern: event.target.value })} className="font-mono" disabled={disabled} />
        </Field>
      );
    case "output_json_schema":
      return (
        <Field id={id("schema")} label="JSON Schema" required>
          <Textarea value={row.schema} onChange={(event) => onChange({ schema: event.target.value })} className="font-mono text-xs" rows={4} placeholder='{"type": "object", "required": ["decision"]}' disabled={disabled} />
        </Field>
      );
    case "tool_called":
    case "tool_not_called":
      return (
        <Field id={id("name")} label="Tool" required={row.type === "tool_not_called"} description={row.type === "tool_called" ? "Leave empty to require every tool of each item's expected tools." : undefined}>
          <Input value={row.name} onChange={(event) => onChange({ name: event.target.value })} className="font-mono" disabled={disabled} />
        </Field>
      );
    case "no_guard_deny":
      return (
        <label htmlFor={id("holds")} className="flex items-center gap-2 text-sm">
          <input id={id("holds")} type="checkbox" checked={row.includeHolds} onChange={(event) => onChange({ includeHolds: event.target.checked })} disabled={disabled} />
          Also fail when the guard held an action for review
        </label>
      );
    case "max_cost_usd":
    case "max_latency_ms":
    case "max_steps":
      return (
        <Field id={id("max")} label={row.type === "max_cost_usd" ? "At most (USD)" : row.type === "max_latency_ms" ? "At most (ms)" : "At most (steps)"} required>
          <Input type="number" min={0} step={row.type === "max_steps" ? 1 : "any"} value={row.max} onChange={(event) => onChange({ max: event.target.value })} className="w-36" disabled={disabled} />
        </Field>
      );
    case "llm_judge":
      return (
        <Field id={id("criteria")} label="Criteria" description="What a good answer does. Needs CONTROLROOM_JUDGE_URL and CONTROLROOM_JUDGE_MODEL on the server." required>
          <Textarea value={row.criteria} onChange={(event) => onChange({ criteria: event.target.value })} rows={3} disabled={disabled} />
        </Field>
      );
  }
}
