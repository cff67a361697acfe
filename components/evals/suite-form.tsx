"use client";

import { Plus, Trash2 } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { toast } from "@/components/ui/toaster";
import { evaluatorTypes, type EvaluatorType } from "@/lib/evals/evaluators/schemas";
import { evaluatorLabels, newRow, toEvaluator, type EvaluatorRow } from "@/lib/evals/suites/evaluator-rows";
import { createSuiteAction } from "@/app/(dashboard)/agents/[slug]/evaluations/actions";
import { EvaluatorSettings } from "./evaluator-settings";

type SuiteFormProps = { slug: string; datasets: { id: string; name: string; items: number }[]; hasGate: boolean };

// A new suite: a dataset, evaluators (one row each) and the share of items that must pass.
export function SuiteForm({ slug, datasets, hasGate }: SuiteFormProps) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [dataset, setDataset] = useState(datasets[0]?.id ?? "");
  const [passRate, setPassRate] = useState("90");
  const [gating, setGating] = useState(!hasGate);
  const [rows, setRows] = useState<EvaluatorRow[]>(() => [newRow("outcome_match")]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string>();
  const [pending, setPending] = useState(false);
  const ids = { name: useId(), dataset: useId(), passRate: useId(), gating: useId() };

  const update = (key: number, change: Partial<EvaluatorRow>) => setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = "Name the suite";
    if (!dataset) found.dataset = "Choose a dataset";
    const share = Number(passRate);
    if (passRate.trim() === "" || !Number.isFinite(share) || share < 0 || share > 100) found.passRate = "A percentage from 0 to 100";
    const evaluators = rows.map((row) => {
      const result = toEvaluator(row);
      if ("error" in result) found[`row-${row.key}`] = result.error;
      return "evaluator" in result ? result.evaluator : null;
    });
    if (rows.length === 0) found.rows = "Add at least one evaluator";
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0) return;
    setPending(true);
    const result = await createSuiteAction(slug, { name: name.trim(), dataset, evaluators, threshold: { passRate: share / 100 }, gating });
    setPending(false);
    if (!result.ok) {
      setFailure(result.error.message);
      return;
    }
    toast.success(`Suite "${name.trim()}" created${gating ? " — it is now the gate for canary and production" : ""}`);
    setOpen(false);
    setName("");
    setRows([newRow("outcome_match")]);
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !pending && setOpen(next)}
      trigger={
        <Button variant="primary" size="sm" disabled={datasets.length === 0} title={datasets.length === 0 ? "Create a dataset first" : undefined}>
          <Plus aria-hidden="true" /> New suite
        </Button>
      }
      title="New evaluation suite"
      description="A suite runs a version on every item of a dataset and scores each item with its evaluators. An item passes when all its evaluators pass."
      dismissible={!pending}
      className="max-w-2xl"
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-3">
        <Field id={ids.name} label="Name" error={errors.name} required>
          <Input value={name} onChange={(event) => setName(event.target.value)} maxLength={200} disabled={pending} autoFocus />
        </Field>
        <Field id={ids.dataset} label="Dataset" error={errors.dataset} required>
          <Select value={dataset} onChange={(event) => setDataset(event.target.value)} disabled={pending}>
            {datasets.map((option) => (
              <option key={option.id} value={option.id}>
                {option.name} ({option.items} items)
              </option>
            ))}
          </Select>
        </Field>
        <fieldset className="flex flex-col gap-2 rounded-md border border-border p-3">
          <legend className="px-1 text-sm font-medium">Evaluators</legend>
          {rows.map((row, index) => (
            <div key={row.key} className="flex flex-col gap-1.5 border-b border-border pb-2 last:border-b-0" data-testid="evaluator-row">
              <div className="flex items-end gap-2">
                <Field id={`evaluator-type-${row.key}`} label={`Evaluator ${index + 1}`} className="grow">
                  <Select value={row.type} onChange={(event) => update(row.key, { type: event.target.value as EvaluatorType })} disabled={pending}>
                    {evaluatorTypes.map((type) => (
                      <option key={type} value={type}>
                        {evaluatorLabels[type]}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Button size="sm" variant="ghost" aria-label={`Remove evaluator ${index + 1}`} onClick={() => setRows((current) => current.filter((other) => other.key !== row.key))} disabled={pending || rows.length === 1}>
                  <Trash2 aria-hidden="true" />
                </Button>
              </div>
              <EvaluatorSettings row={row} onChange={(change) => update(row.key, change)} disabled={pending} />
              {errors[`row-${row.key}`] ? <p className="text-xs font-medium text-danger-fg">{errors[`row-${row.key}`]}</p> : null}
            </div>
          ))}
          {errors.rows ? <p className="text-xs font-medium text-danger-fg">{errors.rows}</p> : null}
          <div>
            <Button size="sm" onClick={() => setRows((current) => [...current, newRow("tool_called")])} disabled={pending}>
              <Plus aria-hidden="true" /> Add evaluator
            </Button>
          </div>
        </fieldset>
        <Field id={ids.passRate} label="Pass threshold (% of items)" description="The run passes when at least this share of items passes." error={errors.passRate} required>
          <Input type="number" inputMode="decimal" min={0} max={100} step={1} value={passRate} onChange={(event) => setPassRate(event.target.value)} className="w-28" disabled={pending} />
        </Field>
        <label htmlFor={ids.gating} className="flex items-start gap-2 text-sm">
          <input id={ids.gating} type="checkbox" checked={gating} onChange={(event) => setGating(event.target.checked)} disabled={pending} className="mt-0.5" />
          <span>
            Gate promotions with this suite: canary and production need a passed run of it on that exact version
            {hasGate ? " (replaces the current gate)" : ""}.
          </span>
        </label>
        {failure ? (
          <p role="alert" className="rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger-fg">
            {failure}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button onClick={() => setOpen(false)} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={pending}>
            Create suite
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
