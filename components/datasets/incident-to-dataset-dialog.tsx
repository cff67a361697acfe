"use client";

import { useQueryClient } from "@tanstack/react-query";
import { ListPlus } from "lucide-react";
import Link from "next/link";
import { useCallback, useId, useState, type FormEvent } from "react";
import { addItemsFromIncidentAction } from "@/app/(dashboard)/agents/[slug]/datasets/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFormFooter } from "@/components/ui/dialog-form-footer";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";
import { datasetQueryKeys } from "@/lib/evals/datasets/queries";
import { datasetHref } from "./create-dataset-form";
import { DatasetPicker, type DatasetChoice } from "./dataset-picker";
import { resolveDataset } from "./resolve-dataset";

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

export type IncidentToDatasetDialogProps = {
  incidentId: string;
  slug: string;
  /** Which tasks failed, in words, e.g. 'ended with outcome "approved"'. */
  criterion: string;
  /** The period, in words, e.g. "since the change point". */
  period: string;
};

// The tasks that went wrong during an incident become regression cases, each expected to end with the
// outcome it should have had.
export function IncidentToDatasetDialog({ incidentId, slug, criterion, period }: IncidentToDatasetDialogProps) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<DatasetChoice>({ datasetId: "", newName: "" });
  const [outcome, setOutcome] = useState("");
  const [limit, setLimit] = useState(String(DEFAULT_LIMIT));
  const [errors, setErrors] = useState<{ dataset?: string; outcome?: string; limit?: string }>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const formId = useId();
  const outcomeId = useId();
  const limitId = useId();
  const choose = useCallback((next: DatasetChoice) => setChoice(next), []);

  function change(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (next) setChoice({ datasetId: "", newName: "" });
    setErrors({});
    setFailure(undefined);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const cap = Number(limit);
    const problems = {
      ...(outcome.trim() ? {} : { outcome: "Pick the outcome these tasks should have had" }),
      ...(Number.isInteger(cap) && cap >= 1 && cap <= MAX_LIMIT ? {} : { limit: `A whole number from 1 to ${MAX_LIMIT}` }),
    };
    setErrors(problems);
    setFailure(undefined);
    if (Object.keys(problems).length) return;
    setPending(true);
    const dataset = await resolveDataset(slug, choice);
    if ("error" in dataset) {
      setPending(false);
      return setErrors({ dataset: dataset.error });
    }
    const result = await addItemsFromIncidentAction(slug, dataset.id, { incidentId, outcome: outcome.trim(), limit: cap });
    setPending(false);
    void queryClient.invalidateQueries({ queryKey: datasetQueryKeys.all });
    if (!result.ok) return setFailure(result.error.message);
    const { added, matched, withoutInput } = result.data;
    const notes = [matched > cap ? `${matched - cap} older ones left out (cap ${cap})` : null, withoutInput ? `${withoutInput} without a recorded input skipped` : null].filter(Boolean);
    toast.success(
      <span>
        Added {added} item{added === 1 ? "" : "s"} to{" "}
        <Link href={datasetHref(slug, dataset.id)} className="underline">
          the dataset
        </Link>
        {notes.length ? ` (${notes.join("; ")})` : ""}.
      </span>,
    );
    setOpen(false);
  }

  return (
    <Dialog
      open={open}
      onOpenChange={change}
      dismissible={!pending}
      trigger={
        <Button>
          <ListPlus aria-hidden="true" />
          Add failing tasks to a dataset
        </Button>
      }
      title="Add the failing tasks to a dataset"
      description={`The agent's tasks ${period} that ${criterion} become regression items, newest first: each with its user input, expected to end with the outcome you pick. Tasks already in the dataset are not added again.`}
      footer={<DialogFormFooter formId={formId} submitting={pending} onCancel={() => change(false)} submitLabel="Add items" />}
    >
      <form id={formId} onSubmit={submit} noValidate className="flex flex-col gap-3">
        {open ? <DatasetPicker slug={slug} choice={choice} onChange={choose} error={errors.dataset} disabled={pending} /> : null}
        <Field id={outcomeId} label="Correct outcome" required description="What these tasks should have ended with, e.g. rejected" error={errors.outcome}>
          <Input name="outcome" value={outcome} onChange={(event) => setOutcome(event.target.value)} maxLength={200} disabled={pending} autoComplete="off" />
        </Field>
        <Field id={limitId} label="At most this many tasks (newest first)" description={`1–${MAX_LIMIT}; older tasks beyond it are left out`} error={errors.limit}>
          <Input name="limit" type="number" inputMode="numeric" min={1} max={MAX_LIMIT} value={limit} onChange={(event) => setLimit(event.target.value)} disabled={pending} className="w-28" />
        </Field>
        {failure ? (
          <p role="alert" className="text-sm text-danger-fg">
            {failure}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
