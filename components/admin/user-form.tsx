"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Pencil, UserPlus } from "lucide-react";
import Link from "next/link";
import { useId } from "react";
import { Controller, useForm, type Control, type FieldValues, type Path, type UseFormReturn, type UseFormSetError } from "react-hook-form";
import type { z } from "zod";
import { createUserAction, updateUserAction } from "@/app/(dashboard)/admin/users/actions";
import { roleLabels, roles, type Role } from "@/lib/auth/roles";
import { createUserSchema, updateUserSchema } from "@/lib/users/schemas";
import type { UserView } from "@/lib/users/user-view";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormDialog, useSubmittingReport, type FormDialogBody } from "@/components/ui/form-dialog";
import { applyServerFieldErrors, type ServerError } from "@/components/ui/server-field-errors";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { toast } from "@/components/ui/toaster";

export type TeamOption = { id: string; name: string };

const roleHints: Record<Role, string> = {
  viewer: "Reads dashboards of their teams.",
  operator: "Pauses and resumes agents, acknowledges alerts, rolls back in an incident.",
  developer: "Registers agents, writes versions and policies, promotes up to canary.",
  reviewer: "Decides held actions and approves production promotions.",
  admin: "Manages users, teams, keys, policies and budgets across every team.",
};

// Field errors from the server land on the same inputs the client-side schema would have marked.
function showServerError<T extends FieldValues>(error: ServerError, setError: UseFormSetError<T>, fields: readonly Path<T>[]) {
  applyServerFieldErrors(error, setError, fields);
  toast.error(error.message);
}

type CreateValues = z.input<typeof createUserSchema>;
type CreateOutput = z.output<typeof createUserSchema>;
const createFields = ["email", "name", "role", "teamIds", "password"] as const;

export function CreateUserDialog({ teams }: { teams: TeamOption[] }) {
  return (
    <FormDialog
      trigger={
        <Button variant="primary">
          <UserPlus aria-hidden="true" />
          Add user
        </Button>
      }
      title="Add user"
      description="They sign in with this email and the initial password."
      submitLabel="Add user"
    >
      {(body) => <CreateUserForm {...body} teams={teams} />}
    </FormDialog>
  );
}

// Mounted only while its dialog is open: each opening starts empty.
function CreateUserForm({ formId, onSubmitting, close, teams }: FormDialogBody & { teams: TeamOption[] }) {
  const form = useForm<CreateValues, unknown, CreateOutput>({
    resolver: zodResolver(createUserSchema),
    defaultValues: { email: "", name: "", role: "viewer", teamIds: [], password: "" },
  });
  const { register, handleSubmit, formState, setError } = form;
  useSubmittingReport(formState.isSubmitting, onSubmitting);

  async function submit(values: CreateOutput) {
    const result = await createUserAction(values);
    if (!result.ok) return showServerError(result.error, setError, createFields);
    toast.success(`Added ${result.data.email} as ${roleLabels[result.data.role]}`);
    close();
  }

  return (
    <form id={formId} onSubmit={handleSubmit(submit)} noValidate className="flex flex-col gap-3">
      <Field id={`${formId}-email`} label="Email" error={formState.errors.email?.message} required>
        <Input type="email" autoComplete="off" {...register("email")} />
      </Field>
      <SharedFields form={form} formId={formId} teams={teams} />
      <Field
        id={`${formId}-password`}
        label="Initial password"
        description="At least 10 characters. Hand it over through a channel only they read."
        error={formState.errors.password?.message}
        required
      >
        <Input type="password" autoComplete="new-password" {...register("password")} />
      </Field>
    </form>
  );
}

type EditValues = z.input<typeof updateUserSchema>;
type EditOutput = z.output<typeof updateUserSchema>;
const editFields = ["name", "role", "teamIds", "password"] as const;

export function EditUserDialog({ user, teams }: { user: UserView; teams: TeamOption[] }) {
  return (
    <FormDialog
      trigger={
        <Button size="sm" variant="ghost">
          <Pencil aria-hidden="true" />
          Edit<span className="sr-only"> {user.email}</span>
        </Button>
      }
      title={`Edit ${user.email}`}
      description="Role and team changes apply from their next request."
      submitLabel="Save changes"
    >
      {(body) => <EditUserForm {...body} user={user} teams={teams} />}
    </FormDialog>
  );
}

function EditUserForm({ formId, onSubmitting, close, user, teams }: FormDialogBody & { user: UserView; teams: TeamOption[] }) {
  const form = useForm<EditValues, unknown, EditOutput>({
    resolver: zodResolver(updateUserSchema),
    defaultValues: { name: user.name, role: user.role, teamIds: user.teams.map((team) => team.id) },
  });
  const { register, handleSubmit, formState, setError } = form;
  useSubmittingReport(formState.isSubmitting, onSubmitting);

  async function submit(values: EditOutput) {
    const result = await updateUserAction(user.id, values);
    if (!result.ok) return showServerError(result.error, setError, editFields);
    toast.success(`Saved ${result.data.email}`);
    close();
  }

  return (
    <form id={formId} onSubmit={handleSubmit(submit)} noValidate className="flex flex-col gap-3">
      <SharedFields form={form} formId={formId} teams={teams} />
      <Field
        id={`${formId}-password`}
        label="New password"
        description="Leave empty to keep the current one. Setting one also lifts a login lockout."
        error={formState.errors.password?.message}
      >
        <Input
          type="password"
          autoComplete="new-password"
          {...register("password", { setValueAs: (value: string) => (value === "" ? undefined : value) })}
        />
      </Field>
    </form>
  );
}

// The fields both forms have: name, role and teams. The generic takes either form; inside, the fields
// are typed against what the two schemas share.
type SharedValues = { name?: string; role?: Role; teamIds?: string[] };

function SharedFields<T extends SharedValues, U>({ form, formId, teams }: { form: UseFormReturn<T, unknown, U>; formId: string; teams: TeamOption[] }) {
  const { register, control, formState } = form as unknown as UseFormReturn<SharedValues>;
  return (
    <>
      <Field id={`${formId}-name`} label="Name" error={formState.errors.name?.message} required>
        <Input autoComplete="off" {...register("name")} />
      </Field>
      <RoleField control={control} id={`${formId}-role`} error={formState.errors.role?.message} />
      <TeamsField control={control} teams={teams} error={formState.errors.teamIds?.message} />
    </>
  );
}

function RoleField({ control, id, error }: { control: Control<SharedValues>; id: string; error?: string }) {
  return (
    <Controller
      control={control}
      name="role"
      render={({ field }) => (
        <Field id={id} label="Role" description={field.value ? roleHints[field.value] : undefined} error={error} required>
          <Select name={field.name} value={field.value ?? ""} onChange={field.onChange} onBlur={field.onBlur} ref={field.ref}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {roleLabels[role]}
              </option>
            ))}
          </Select>
        </Field>
      )}
    />
  );
}

function TeamsField({ control, teams, error }: { control: Control<SharedValues>; teams: TeamOption[]; error?: string }) {
  const errorId = useId();
  return (
    <Controller
      control={control}
      name="teamIds"
      render={({ field }) => {
        const selected = field.value ?? [];
        const toggle = (teamId: string, checked: boolean) =>
          field.onChange(checked ? [...selected, teamId] : selected.filter((id) => id !== teamId));
        return (
          <fieldset className="flex flex-col gap-1" aria-describedby={error ? errorId : undefined}>
            <legend className="text-xs font-medium text-fg">Teams</legend>
            {teams.length === 0 ? (
              <p className="text-xs text-fg-muted">
                No teams yet. <Link href="/admin/teams" className="text-accent underline">Create one on the Teams page</Link>.
              </p>
            ) : (
              <div className="grid grid-cols-2 gap-x-3 gap-y-1 rounded-md border border-border px-2.5 py-2">
                {teams.map((team) => (
                  <label key={team.id} className="flex items-center gap-2 text-sm text-fg">
                    <input
                      type="checkbox"
                      className="size-4 accent-accent"
                      checked={selected.includes(team.id)}
                      onChange={(event) => toggle(team.id, event.target.checked)}
                      onBlur={field.onBlur}
                    />
                    {team.name}
                  </label>
                ))}
              </div>
            )}
            <p className="text-xs text-fg-muted">Admins see every team whatever is ticked here.</p>
            {error ? (
              <p id={errorId} className="text-xs font-medium text-danger-fg">
                {error}
              </p>
            ) : null}
          </fieldset>
        );
      }}
    />
  );
}
