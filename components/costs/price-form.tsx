"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Pencil, Plus } from "lucide-react";
import { useId, useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { addPriceAction, updatePriceAction } from "@/app/(dashboard)/admin/prices/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFormFooter } from "@/components/ui/dialog-form-footer";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { applyServerFieldErrors } from "@/components/ui/server-field-errors";
import { toast } from "@/components/ui/toaster";
import type { PriceView } from "@/lib/costs/manage-prices";
import { priceInputSchema, type PriceInput } from "@/lib/costs/schemas";

// What the inputs hold (strings); the shared schema turns them into numbers and a date.
type PriceFormValues = {
  model: string;
  provider: string;
  inputPerMTok: string;
  outputPerMTok: string;
  cachedInputPerMTok: string;
  effectiveFrom: string;
};

const fields = ["model", "provider", "inputPerMTok", "outputPerMTok", "cachedInputPerMTok", "effectiveFrom"] as const;

const today = () => new Date().toISOString().slice(0, 10);

function defaultsOf(price?: PriceView): PriceFormValues {
  return {
    model: price?.model ?? "",
    provider: price?.provider ?? "",
    inputPerMTok: price ? String(price.inputPerMTok) : "",
    outputPerMTok: price ? String(price.outputPerMTok) : "",
    cachedInputPerMTok: price?.cachedInputPerMTok === null || !price ? "" : String(price.cachedInputPerMTok),
    effectiveFrom: price ? price.effectiveFrom.slice(0, 10) : today(),
  };
}

/** Without `price` it adds a row; with it, it corrects that row (only the fields changed are sent). */
export function PriceFormDialog({ price }: { price?: PriceView }) {
  const [open, setOpen] = useState(false);
  const formId = useId();
  const { register, handleSubmit, formState, setError, reset } = useForm<PriceFormValues, unknown, PriceInput>({
    resolver: zodResolver(priceInputSchema) as unknown as Resolver<PriceFormValues, unknown, PriceInput>,
    defaultValues: defaultsOf(price),
  });
  const errors = formState.errors;

  async function submit(values: PriceInput) {
    // An edit sends only what changed, so an untouched start time keeps its exact instant.
    const changed = price ? Object.fromEntries(fields.filter((field) => formState.dirtyFields[field]).map((field) => [field, values[field]])) : values;
    if (price && Object.keys(changed).length === 0) {
      setOpen(false);
      return;
    }
    const result = price ? await updatePriceAction(price.id, changed) : await addPriceAction(values);
    if (!result.ok) {
      applyServerFieldErrors(result.error, setError, fields);
      toast.error(result.error.message);
      return;
    }
    toast.success(price ? `Saved the price of ${result.data.model}` : `Added a price for ${result.data.model}`);
    setOpen(false);
  }

  const id = (field: string) => `${formId}-${field}`;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) reset(defaultsOf(price));
        setOpen(next);
      }}
      dismissible={!formState.isSubmitting}
      trigger={
        price ? (
          <Button size="sm" variant="ghost">
            <Pencil aria-hidden="true" />
            Edit<span className="sr-only"> price of {price.model} from {price.effectiveFrom.slice(0, 10)}</span>
          </Button>
        ) : (
          <Button variant="primary">
            <Plus aria-hidden="true" />
            Add price
          </Button>
        )
      }
      title={price ? `Edit price of ${price.model}` : "Add price"}
      description={
        price
          ? "Correct this row. Spans priced from now on use the corrected figures; costs already stored do not change."
          : "A new row applies to spans that start on or after its date. A later row for the same model replaces it from its own date."
      }
      footer={<DialogFormFooter formId={formId} submitting={formState.isSubmitting} onCancel={() => setOpen(false)} submitLabel={price ? "Save changes" : "Add price"} />}
    >
      <form id={formId} onSubmit={handleSubmit(submit)} noValidate className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field id={id("model")} label="Model" error={errors.model?.message} required description="As agents report it; dated versions match too.">
          <Input autoComplete="off" placeholder="e.g. gpt-4o" {...register("model")} />
        </Field>
        <Field id={id("provider")} label="Provider" error={errors.provider?.message}>
          <Input autoComplete="off" placeholder="e.g. openai" {...register("provider")} />
        </Field>
        <Field id={id("input")} label="Input tokens (USD per 1M)" error={errors.inputPerMTok?.message} required>
          <Input type="number" inputMode="decimal" min={0} step="any" {...register("inputPerMTok")} />
        </Field>
        <Field id={id("output")} label="Output tokens (USD per 1M)" error={errors.outputPerMTok?.message} required>
          <Input type="number" inputMode="decimal" min={0} step="any" {...register("outputPerMTok")} />
        </Field>
        <Field
          id={id("cached")}
          label="Cached tokens (USD per 1M)"
          error={errors.cachedInputPerMTok?.message}
          description="Cached input tokens. Leave empty if the model has no cached rate."
        >
          <Input type="number" inputMode="decimal" min={0} step="any" {...register("cachedInputPerMTok")} />
        </Field>
        <Field id={id("effective")} label="Effective from (UTC)" error={errors.effectiveFrom?.message} required>
          <Input type="date" {...register("effectiveFrom")} />
        </Field>
      </form>
    </Dialog>
  );
}
