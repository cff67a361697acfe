"use client";

import { useId } from "react";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { ExpectedValues } from "./expected-values";

export type ExpectedFieldsProps = {
  values: ExpectedValues;
  onChange: (values: ExpectedValues) => void;
  errors?: Partial<Record<keyof ExpectedValues, string>>;
  disabled?: boolean;
  /** Leave the output out (from a trace or an incident the output is not what is checked). */
  withOutput?: boolean;
  /** Taken from a trace: a blank outcome keeps the trace's, blank tools expect none. */
  fromTrace?: boolean;
};

// What an item expects: its outcome, its output, the tools it calls in order. Blank is not checked.
export function ExpectedFields({ values, onChange, errors = {}, disabled, withOutput = true, fromTrace = false }: ExpectedFieldsProps) {
  const outcomeId = useId();
  const outputId = useId();
  const toolsId = useId();
  const set = (field: keyof ExpectedValues) => (event: { target: { value: string } }) => onChange({ ...values, [field]: event.target.value });
  return (
    <fieldset className="flex flex-col gap-3" disabled={disabled}>
      <legend className="mb-1 text-sm font-semibold text-fg">Expected</legend>
      <Field id={outcomeId} label="Expected outcome" description={fromTrace ? "Prefilled with the trace's outcome: correct it if the run got it wrong" : "e.g. approved, rejected, escalated; blank: not checked"} error={errors.outcome}>
        <Input name="expected-outcome" value={values.outcome} onChange={set("outcome")} maxLength={200} autoComplete="off" />
      </Field>
      {withOutput ? (
        <Field id={outputId} label="Expected output" description="Blank: not checked" error={errors.output}>
          <Textarea name="expected-output" value={values.output} onChange={set("output")} rows={2} />
        </Field>
      ) : null}
      <Field id={toolsId} label="Expected tools, in order" description={fromTrace ? "Prefilled with the tools the trace called; one a line, blank: expects none" : "One a line or comma-separated; blank: not checked"} error={errors.tools}>
        <Textarea name="expected-tools" value={values.tools} onChange={set("tools")} rows={2} className="font-mono text-xs" />
      </Field>
    </fieldset>
  );
}
