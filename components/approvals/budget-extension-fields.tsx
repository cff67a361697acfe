import { useId } from "react";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { HeldDecision } from "@/lib/approvals/list-held";
import { windowLabel } from "@/components/costs/budget-format";

export type ExtensionValues = { usd: string; tokens: string };
export type ExtensionErrors = { usd?: string; tokens?: string; form?: string };

type BudgetExtensionFieldsProps = {
  budgets: HeldDecision["budgets"];
  values: ExtensionValues;
  errors: ExtensionErrors;
  disabled: boolean;
  onChange: (values: ExtensionValues) => void;
};

// A reviewer's optional one-off extension: added to each budget that held the action, for the rest of
// its current window. Only the units the budgets limit are asked for.
export function BudgetExtensionFields({ budgets, values, errors, disabled, onChange }: BudgetExtensionFieldsProps) {
  const id = useId();
  const hasUsd = budgets.some((budget) => budget.limit.usd !== undefined);
  const hasTokens = budgets.some((budget) => budget.limit.tokens !== undefined);
  const names = budgets.map((budget) => `the ${windowLabel[budget.window].toLowerCase()} budget of ${budget.label}`).join(", ");
  return (
    <fieldset className="flex flex-col gap-2 rounded-md border border-border p-3">
      <legend className="px-1 text-sm font-semibold">Extend the budget (optional)</legend>
      <p className="text-xs text-fg-muted">
        Added to {names} for the rest of the current window, so the agent&apos;s next actions can proceed too. Leave empty to allow only this action.
      </p>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        {hasUsd ? (
          <Field id={`${id}-usd`} label="Extra USD" error={errors.usd}>
            <Input type="number" inputMode="decimal" min={0} step="any" placeholder="e.g. 10" value={values.usd} disabled={disabled} onChange={(event) => onChange({ ...values, usd: event.target.value })} />
          </Field>
        ) : null}
        {hasTokens ? (
          <Field id={`${id}-tokens`} label="Extra tokens" error={errors.tokens}>
            <Input type="number" inputMode="numeric" min={0} step={1} placeholder="e.g. 100000" value={values.tokens} disabled={disabled} onChange={(event) => onChange({ ...values, tokens: event.target.value })} />
          </Field>
        ) : null}
      </div>
      {errors.form ? <p className="text-xs font-medium text-danger-fg">{errors.form}</p> : null}
    </fieldset>
  );
}
