"use client";

import { useQueryClient } from "@tanstack/react-query";
import { DatabaseZap } from "lucide-react";
import Link from "next/link";
import { useCallback, useId, useState, type FormEvent } from "react";
import { addDatasetItemAction } from "@/app/(dashboard)/agents/[slug]/datasets/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFormFooter } from "@/components/ui/dialog-form-footer";
import { toast } from "@/components/ui/toaster";
import { datasetQueryKeys, type Expected } from "@/lib/evals/datasets/queries";
import { datasetHref } from "./create-dataset-form";
import { DatasetPicker, type DatasetChoice } from "./dataset-picker";
import { ExpectedFields } from "./expected-fields";
import { expectedProblems, toExpectedValues, toolNames, type ExpectedValues } from "./expected-values";
import { resolveDataset } from "./resolve-dataset";

export type AddToDatasetDialogProps = { slug: string; traceId: string; prefilled: Expected };

// This trace as a case of one of its agent's datasets: its user input, and what it did as the
// expected (editable, e.g. to correct a wrong outcome).
export function AddToDatasetDialog({ slug, traceId, prefilled }: AddToDatasetDialogProps) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<DatasetChoice>({ datasetId: "", newName: "" });
  const [values, setValues] = useState<ExpectedValues>(() => toExpectedValues(prefilled));
  const [errors, setErrors] = useState<Partial<Record<keyof ExpectedValues | "dataset", string>>>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const formId = useId();
  const choose = useCallback((next: DatasetChoice) => setChoice(next), []);

  function change(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (next) {
      setValues(toExpectedValues(prefilled));
      setChoice({ datasetId: "", newName: "" });
    }
    setErrors({});
    setFailure(undefined);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = expectedProblems(values);
    setErrors(problems);
    setFailure(undefined);
    if (Object.keys(problems).length) return;
    setPending(true);
    const dataset = await resolveDataset(slug, choice);
    if ("error" in dataset) {
      setPending(false);
      return setErrors({ dataset: dataset.error });
    }
    // Tools are always sent, so clearing them expects none rather than falling back to the trace's.
    const expected: Expected = { ...(values.outcome.trim() ? { outcome: values.outcome.trim() } : {}), tools: toolNames(values.tools).map((name) => ({ name })) };
    const result = await addDatasetItemAction(slug, dataset.id, { fromTraceId: traceId, expected });
    setPending(false);
    void queryClient.invalidateQueries({ queryKey: datasetQueryKeys.all });
    if (!result.ok) return setFailure(result.error.message);
    toast.success(
      <span>
        Added to{" "}
        <Link href={datasetHref(slug, dataset.id)} className="underline">
          the dataset
        </Link>
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
          <DatabaseZap aria-hidden="true" />
          Add to dataset
        </Button>
      }
      title="Add this trace to a dataset"
      description="Its user input becomes the item's input; what it did is prefilled as the expected."
      footer={<DialogFormFooter formId={formId} submitting={pending} onCancel={() => change(false)} submitLabel="Add item" />}
    >
      <form id={formId} onSubmit={submit} noValidate className="flex flex-col gap-3">
        {open ? <DatasetPicker slug={slug} choice={choice} onChange={choose} error={errors.dataset} disabled={pending} /> : null}
        <ExpectedFields values={values} onChange={setValues} errors={errors} disabled={pending} withOutput={false} fromTrace />
        {failure ? (
          <p role="alert" className="text-sm text-danger-fg">
            {failure}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
