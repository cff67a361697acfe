"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { addDatasetItemAction } from "@/app/(dashboard)/agents/[slug]/datasets/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFormFooter } from "@/components/ui/dialog-form-footer";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";
import { datasetQueryKeys } from "@/lib/evals/datasets/queries";
import { ExpectedFields } from "./expected-fields";
import { emptyExpectedValues, expectedProblems, toExpected, type ExpectedValues } from "./expected-values";

type Errors = Partial<Record<keyof ExpectedValues | "input", string>>;

// One case written by hand: the input the agent is given and what it should do.
export function AddItemDialog({ slug, datasetId }: { slug: string; datasetId: string }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [input, setInput] = useState("");
  const [values, setValues] = useState<ExpectedValues>(emptyExpectedValues);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const formId = useId();
  const inputId = useId();

  function change(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (!next) {
      setInput("");
      setValues(emptyExpectedValues);
    }
    setErrors({});
    setFailure(undefined);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: Errors = { ...expectedProblems(values), ...(input.trim() ? {} : { input: "Write the input the agent is given" }) };
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setPending(true);
    const result = await addDatasetItemAction(slug, datasetId, { input, expected: toExpected(values) });
    setPending(false);
    if (!result.ok) {
      const fields = result.error.fieldErrors ?? {};
      setErrors({ input: fields.input?.[0] });
      return setFailure(fields.expected?.[0] ? `Expected: ${fields.expected[0]}` : result.error.message);
    }
    void queryClient.invalidateQueries({ queryKey: datasetQueryKeys.all });
    toast.success("Item added");
    setOpen(false);
    setInput("");
    setValues(emptyExpectedValues);
  }

  return (
    <Dialog
      open={open}
      onOpenChange={change}
      dismissible={!pending}
      trigger={
        <Button variant="primary">
          <Plus aria-hidden="true" />
          Add item
        </Button>
      }
      title="Add an item by hand"
      description="A case the agent's versions are tested on: what it is given and what it should do."
      footer={<DialogFormFooter formId={formId} submitting={pending} onCancel={() => change(false)} submitLabel="Add item" />}
    >
      <form id={formId} onSubmit={submit} noValidate className="flex flex-col gap-3">
        <Field id={inputId} label="Input" required error={errors.input} description="The user's request, as the agent receives it (at most 100 KB)">
          <Textarea name="input" value={input} onChange={(event) => setInput(event.target.value)} rows={4} disabled={pending} />
        </Field>
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
