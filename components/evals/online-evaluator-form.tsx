"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Pencil, Plus } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { createOnlineEvaluatorAction, updateOnlineEvaluatorAction } from "@/app/(dashboard)/agents/[slug]/drift/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFormFooter } from "@/components/ui/dialog-form-footer";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";
import { onlineEvaluatorTypes } from "@/lib/evals/evaluators/schemas";
import { onlineTypeLabels } from "@/lib/evals/online/describe-evaluator";
import { onlineEvaluatorQueryKeys, type OnlineEvaluatorRow } from "@/lib/evals/online/queries";
import { createOnlineEvaluatorSchema } from "@/lib/evals/online/schemas";
import { driftQueryKeys } from "@/lib/drift/queries";

type OnlineType = (typeof onlineEvaluatorTypes)[number];
// What the inputs hold (strings); the shared schema checks the object built from them.
type Values = { name: string; type: OnlineType; max: string; includeHolds: boolean; schema: string; criteria: string; passScore: string; sampleRate: string };
type Errors = Partial<Record<keyof Values | "form", string>>;

const units: Partial<Record<OnlineType, string>> = { max_cost_usd: "USD", max_latency_ms: "milliseconds", max_steps: "steps (spans)" };

function defaultsOf(row?: OnlineEvaluatorRow): Values {
  const evaluator = row?.evaluator as Record<string, unknown> | undefined;
  return {
    name: row?.name ?? "",
    type: (row?.evaluator.type as OnlineType | undefined) ?? "max_steps",
    max: evaluator?.max !== undefined ? String(evaluator.max) : "",
    includeHolds: evaluator?.includeHolds === true,
    schema: evaluator?.schema !== undefined ? JSON.stringify(evaluator.schema, null, 2) : '{ "type": "object" }',
    criteria: typeof evaluator?.criteria === "string" ? evaluator.criteria : "",
    passScore: evaluator?.passScore !== undefined ? String(evaluator.passScore) : "0.7",
    sampleRate: row ? String(row.sampleRate) : "0.1",
  };
}

function evaluatorOf(values: Values): { evaluator?: Record<string, unknown>; error?: string } {
  const number = (text: string) => (text.trim() === "" ? undefined : Number(text));
  switch (values.type) {
    case "no_guard_deny":
      return { evaluator: { type: values.type, includeHolds: values.includeHolds } };
    case "output_json_schema":
      try {
        return { evaluator: { type: values.type, schema: JSON.parse(values.schema) } };
      } catch {
        return { error: "The schema is not valid JSON" };
      }
    case "llm_judge":
      return { evaluator: { type: values.type, criteria: values.criteria, passScore: number(values.passScore) } };
    default:
      return { evaluator: { type: values.type, max: number(values.max) } };
  }
}

// Where an issue of the shared schema is shown.
function fieldOf(path: readonly PropertyKey[]): keyof Values | "form" {
  if (path[0] === "name" || path[0] === "sampleRate") return path[0];
  if (path[0] === "evaluator") return (["max", "schema", "criteria", "passScore"] as const).find((key) => key === path[1]) ?? "type";
  return "form";
}

/** Without `row` it creates an evaluator; with it, it edits that one. */
export function OnlineEvaluatorFormDialog({ slug, row }: { slug: string; row?: OnlineEvaluatorRow }) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Values>(() => defaultsOf(row));
  const [errors, setErrors] = useState<Errors>({});
  const [submitting, setSubmitting] = useState(false);
  const queryClient = useQueryClient();
  const formId = useId();
  const id = (field: string) => `${formId}-${field}`;
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((current) => ({ ...current, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const built = evaluatorOf(values);
    if (built.error) return setErrors({ schema: built.error });
    const input = { name: values.name, evaluator: built.evaluator, sampleRate: values.sampleRate.trim() === "" ? undefined : Number(values.sampleRate) };
    const parsed = createOnlineEvaluatorSchema.safeParse(input);
    if (!parsed.success) {
      const found: Errors = {};
      for (const issue of parsed.error.issues) found[fieldOf(issue.path)] ??= issue.message;
      return setErrors(found);
    }
    setErrors({});
    setSubmitting(true);
    const result = row ? await updateOnlineEvaluatorAction(slug, row.id, input) : await createOnlineEvaluatorAction(slug, input);
    setSubmitting(false);
    if (!result.ok) {
      const fieldErrors = result.error.fieldErrors ?? {};
      setErrors({ name: fieldErrors.name?.[0], sampleRate: fieldErrors.sampleRate?.[0], form: result.error.message });
      toast.error(result.error.message);
      return;
    }
    toast.success(row ? `Saved online evaluator ${result.data.name}` : `Online evaluator ${result.data.name} scores new live traces from now on`);
    void queryClient.invalidateQueries({ queryKey: onlineEvaluatorQueryKeys.agent(slug) });
    void queryClient.invalidateQueries({ queryKey: driftQueryKeys.all });
    setOpen(false);
  }

  const unit = units[values.type];
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) {
          setValues(defaultsOf(row));
          setErrors({});
        }
        setOpen(next);
      }}
      dismissible={!submitting}
      trigger={
        row ? (
          <Button size="sm" variant="ghost">
            <Pencil aria-hidden="true" />
            Edit<span className="sr-only"> online evaluator {row.name}</span>
          </Button>
        ) : (
          <Button variant="primary" size="sm">
            <Plus aria-hidden="true" />
            Add online evaluator
          </Button>
        )
      }
      title={row ? `Edit online evaluator ${row.name}` : "Add online evaluator"}
      description="Scores a sample of this agent's live traces as they complete. Only checks that need no expected answer can run on live traffic. Its failure rate becomes a drift metric."
      footer={<DialogFormFooter formId={formId} submitting={submitting} onCancel={() => setOpen(false)} submitLabel={row ? "Save changes" : "Add evaluator"} />}
    >
      <form id={formId} onSubmit={submit} noValidate className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field id={id("name")} label="Name" error={errors.name} required description="Names the drift metric online:<name>.">
          <Input autoComplete="off" value={values.name} onChange={(event) => set("name", event.target.value)} placeholder="e.g. steps bound" />
        </Field>
        <Field id={id("sampleRate")} label="Sample rate" error={errors.sampleRate} required description="Share of live traces scored: more than 0, at most 1.">
          <Input type="number" inputMode="decimal" min={0} max={1} step="any" value={values.sampleRate} onChange={(event) => set("sampleRate", event.target.value)} />
        </Field>
        <Field id={id("type")} label="Check" error={errors.type} required className="sm:col-span-2" description={row ? "Changing the check restarts its drift baseline." : undefined}>
          <Select value={values.type} onChange={(event) => set("type", event.target.value as OnlineType)}>
            {onlineEvaluatorTypes.map((type) => (
              <option key={type} value={type}>
                {onlineTypeLabels[type]} ({type})
              </option>
            ))}
          </Select>
        </Field>
        {unit ? (
          <Field id={id("max")} label={`Maximum (${unit})`} error={errors.max} required className="sm:col-span-2">
            <Input type="number" inputMode="decimal" min={0} step="any" value={values.max} onChange={(event) => set("max", event.target.value)} />
          </Field>
        ) : null}
        {values.type === "no_guard_deny" ? (
          <label className="flex items-center gap-2 text-sm sm:col-span-2">
            <input type="checkbox" checked={values.includeHolds} onChange={(event) => set("includeHolds", event.target.checked)} />
            Also fail when the guard held an action for approval
          </label>
        ) : null}
        {values.type === "output_json_schema" ? (
          <Field id={id("schema")} label="JSON Schema of the output" error={errors.schema} required className="sm:col-span-2">
            <Textarea rows={6} className="font-mono text-xs" value={values.schema} onChange={(event) => set("schema", event.target.value)} />
          </Field>
        ) : null}
        {values.type === "llm_judge" ? (
          <>
            <Field id={id("criteria")} label="Criteria" error={errors.criteria} required className="sm:col-span-2" description="Needs CONTROLROOM_JUDGE_URL; until then it waits instead of failing.">
              <Textarea rows={3} value={values.criteria} onChange={(event) => set("criteria", event.target.value)} />
            </Field>
            <Field id={id("passScore")} label="Pass score (0–1)" error={errors.passScore}>
              <Input type="number" inputMode="decimal" min={0} max={1} step="any" value={values.passScore} onChange={(event) => set("passScore", event.target.value)} />
            </Field>
          </>
        ) : null}
        {errors.form ? (
          <p role="alert" className="text-sm text-danger-fg sm:col-span-2">
            {errors.form}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
