"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useId, useState, type ReactNode } from "react";
import { useForm, type Path } from "react-hook-form";
import { setDepartmentBudgetsAction } from "@/app/(dashboard)/costs/actions";
import { Dialog } from "@/components/ui/dialog";
import { DialogFormFooter } from "@/components/ui/dialog-form-footer";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { toast } from "@/components/ui/toaster";
import type { Budget } from "@/lib/policies/document-schema";
import type { DepartmentBudgets } from "@/lib/budgets/list-budgets";
import { budgetQueryKeys } from "@/lib/budgets/queries";
import { teamBudgetsSchema } from "@/lib/budgets/team-budgets";
import { budgetWindows, type BudgetWindow } from "@/lib/budgets/windows";
import { windowLabel, windowNoun } from "./budget-format";

type WindowValues = { usd: string; tokens: string; onExceed: "hold" | "deny"; alertAtPercent: string };
type FormValues = Record<BudgetWindow, WindowValues>;
const budgetFields = ["usd", "tokens", "onExceed", "alertAtPercent"] as const;

function defaultsOf(budgets: Budget[] | null): FormValues {
  const byWindow = new Map((budgets ?? []).map((budget) => [budget.window, budget]));
  return Object.fromEntries(
    budgetWindows.map((window) => {
      const budget = byWindow.get(window);
      return [
        window,
        {
          usd: budget?.usd === undefined ? "" : String(budget.usd),
          tokens: budget?.tokens === undefined ? "" : String(budget.tokens),
          onExceed: budget?.onExceed ?? "hold",
          alertAtPercent: String(budget?.alertAtPercent ?? 80),
        },
      ];
    }),
  ) as FormValues;
}

// Empty stays absent; anything else goes to the server's schema as a number (or as typed, to be refused).
const numberOrText = (text: string) => (text.trim() === "" ? undefined : Number.isFinite(Number(text)) ? Number(text) : text);

// The windows with a limit, in order: their index in the list is how errors come back.
function toBudgets(values: FormValues): { budgets: unknown[]; windows: BudgetWindow[] } {
  const windows = budgetWindows.filter((window) => values[window].usd.trim() !== "" || values[window].tokens.trim() !== "");
  const budgets = windows.map((window) => {
    const row = values[window];
    const usd = numberOrText(row.usd);
    const tokens = numberOrText(row.tokens);
    return {
      window,
      ...(usd !== undefined ? { usd } : {}),
      ...(tokens !== undefined ? { tokens } : {}),
      onExceed: row.onExceed,
      alertAtPercent: numberOrText(row.alertAtPercent) ?? 80,
    };
  });
  return { budgets, windows };
}

// "budgets.1.usd" (or [1, "usd"]) → "week.usd"; a problem with the whole row lands on its USD field.
function fieldOf(path: (string | number)[], windows: BudgetWindow[]): Path<FormValues> | null {
  const [index, field] = path[0] === "budgets" ? path.slice(1) : path;
  const window = windows[Number(index)];
  if (!window) return null;
  return `${window}.${budgetFields.includes(field as (typeof budgetFields)[number]) ? field : "usd"}` as Path<FormValues>;
}

export type DepartmentBudgetsDialogProps = {
  departments: DepartmentBudgets[];
  initialTeamId: string;
  trigger: ReactNode;
};

export function DepartmentBudgetsDialog({ departments, initialTeamId, trigger }: DepartmentBudgetsDialogProps) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [teamId, setTeamId] = useState(initialTeamId);
  const [formError, setFormError] = useState<string | undefined>();
  const formId = useId();
  const { register, handleSubmit, formState, setError, reset } = useForm<FormValues>({ defaultValues: defaultsOf(null) });
  const team = departments.find((department) => department.id === teamId);

  function load(nextTeamId: string) {
    setTeamId(nextTeamId);
    setFormError(undefined);
    reset(defaultsOf(departments.find((department) => department.id === nextTeamId)?.budgets ?? null));
  }

  function showErrors(errors: { path: (string | number)[]; message: string }[], windows: BudgetWindow[], fallback: string) {
    let focused = false;
    for (const { path, message } of errors) {
      const field = fieldOf(path, windows);
      if (!field) continue;
      setError(field, { type: "validate", message }, { shouldFocus: !focused });
      focused = true;
    }
    if (!focused) setFormError(fallback);
  }

  async function submit(values: FormValues) {
    setFormError(undefined);
    const { budgets, windows } = toBudgets(values);
    const checked = teamBudgetsSchema.safeParse(budgets);
    if (!checked.success) {
      showErrors(
        checked.error.issues.map((issue) => ({ path: issue.path as (string | number)[], message: issue.message })),
        windows,
        checked.error.issues[0]?.message ?? "Check the fields",
      );
      return;
    }
    const result = await setDepartmentBudgetsAction(teamId, { budgets });
    if (!result.ok) {
      const fieldErrors = Object.entries(result.error.fieldErrors ?? {}).map(([path, messages]) => ({ path: path.split("."), message: messages?.[0] ?? "" }));
      showErrors(fieldErrors, windows, result.error.message);
      return;
    }
    void queryClient.invalidateQueries({ queryKey: budgetQueryKeys.all });
    toast.success(budgets.length ? `Saved the budgets of ${result.data.team.name}` : `Removed the budgets of ${result.data.team.name}`);
    setOpen(false);
  }

  const id = (name: string) => `${formId}-${name}`;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) load(initialTeamId);
        setOpen(next);
      }}
      dismissible={!formState.isSubmitting}
      trigger={trigger}
      className="max-w-2xl"
      title="Edit department budgets"
      description="Limits for everything the team's agents spend together, per UTC day, ISO week or month. Leave both limits of a window empty for no budget there. The guard applies changes on the agents' next action."
      footer={<DialogFormFooter formId={formId} submitting={formState.isSubmitting} onCancel={() => setOpen(false)} submitLabel="Save budgets" />}
    >
      <form id={formId} onSubmit={handleSubmit(submit)} noValidate className="flex flex-col gap-4">
        <Field id={id("team")} label="Department (team)">
          <Select value={teamId} onChange={(event) => load(event.target.value)} disabled={formState.isSubmitting}>
            {departments.map((department) => (
              <option key={department.id} value={department.id}>
                {department.name}
              </option>
            ))}
          </Select>
        </Field>
        {team && team.budgets === null ? (
          <p role="status" className="rounded-md border border-warn/40 bg-warn-soft px-3 py-2 text-sm text-warn-fg">
            The stored budgets of {team.name} cannot be read; saving replaces them.
          </p>
        ) : null}
        {budgetWindows.map((window) => {
          const errors = formState.errors[window];
          return (
            <fieldset key={window} className="grid grid-cols-2 gap-3 rounded-md border border-border p-3 sm:grid-cols-4" data-window={window}>
              <legend className="px-1 text-sm font-semibold">
                {windowLabel[window]} <span className="font-normal text-fg-muted">· per {windowNoun[window]}</span>
              </legend>
              <Field id={id(`${window}-usd`)} label={`${windowLabel[window]} limit (USD)`} error={errors?.usd?.message}>
                <Input type="number" inputMode="decimal" min={0} step="any" placeholder="none" {...register(`${window}.usd`)} />
              </Field>
              <Field id={id(`${window}-tokens`)} label={`${windowLabel[window]} limit (tokens)`} error={errors?.tokens?.message}>
                <Input type="number" inputMode="numeric" min={0} step={1} placeholder="none" {...register(`${window}.tokens`)} />
              </Field>
              <Field id={id(`${window}-on-exceed`)} label="At the limit" error={errors?.onExceed?.message}>
                <Select {...register(`${window}.onExceed`)}>
                  <option value="hold">Hold for a reviewer</option>
                  <option value="deny">Deny</option>
                </Select>
              </Field>
              <Field id={id(`${window}-alert`)} label="Alert at (%)" error={errors?.alertAtPercent?.message}>
                <Input type="number" inputMode="numeric" min={1} max={100} step={1} {...register(`${window}.alertAtPercent`)} />
              </Field>
            </fieldset>
          );
        })}
        {formError ? (
          <p role="alert" className="rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger-fg">
            {formError}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
