"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Pencil } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { updateItemExpectedAction } from "@/app/(dashboard)/agents/[slug]/datasets/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFormFooter } from "@/components/ui/dialog-form-footer";
import { toast } from "@/components/ui/toaster";
import { datasetQueryKeys, type DatasetItemRow } from "@/lib/evals/datasets/queries";
import { ExpectedFields } from "./expected-fields";
import { expectedProblems, toExpected, toExpectedValues, type ExpectedValues } from "./expected-values";

// Corrects what an item expects (a case taken from a bad run usually needs its outcome fixed).
export function EditExpectedDialog({ slug, item, label }: { slug: string; item: DatasetItemRow; label: string }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<ExpectedValues>(() => toExpectedValues(item.expected));
  const [errors, setErrors] = useState<Partial<Record<keyof ExpectedValues, string>>>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const formId = useId();

  function change(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (next) setValues(toExpectedValues(item.expected));
    setErrors({});
    setFailure(undefined);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = expectedProblems(values);
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setPending(true);
    const result = await updateItemExpectedAction(slug, item.datasetId, item.id, toExpected(values, item.expected));
    setPending(false);
    void queryClient.invalidateQueries({ queryKey: datasetQueryKeys.items(item.datasetId) });
    if (!result.ok) return setFailure(result.error.message);
    toast.success("Expected updated");
    setOpen(false);
  }

  return (
    <Dialog
      open={open}
      onOpenChange={change}
      dismissible={!pending}
      trigger={
        <Button size="sm" variant="ghost" aria-label={`Edit expected of item ${label}`}>
          <Pencil aria-hidden="true" />
        </Button>
      }
      title="Edit what this item expects"
      description={<span className="line-clamp-2">Input: {label}</span>}
      footer={<DialogFormFooter formId={formId} submitting={pending} onCancel={() => change(false)} submitLabel="Save expected" />}
    >
      <form id={formId} onSubmit={submit} noValidate className="flex flex-col gap-3">
        <ExpectedFields values={values} onChange={setValues} errors={errors} disabled={pending} />
        {failure ? (
          <p role="alert" className="text-sm text-danger-fg">
            {failure}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
