"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Pencil, Plus, Trash2 } from "lucide-react";
import { useId } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { createTeamAction, deleteTeamAction, updateTeamAction } from "@/app/(dashboard)/admin/teams/actions";
import { teamSchema } from "@/lib/teams/schemas";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { FormDialog, useSubmittingReport, type FormDialogBody } from "@/components/ui/form-dialog";
import { applyServerFieldErrors } from "@/components/ui/server-field-errors";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";

export type TeamRow = { id: string; name: string; description: string; agentCount: number; memberCount: number };

type TeamValues = z.input<typeof teamSchema>;
type TeamOutput = z.output<typeof teamSchema>;

/** Without `team` it creates a team; with it, it renames and re-describes that team. */
export function TeamFormDialog({ team }: { team?: TeamRow }) {
  return (
    <FormDialog
      trigger={
        team ? (
          <Button size="sm" variant="ghost">
            <Pencil aria-hidden="true" />
            Edit<span className="sr-only"> team {team.name}</span>
          </Button>
        ) : (
          <Button variant="primary">
            <Plus aria-hidden="true" />
            Create team
          </Button>
        )
      }
      title={team ? `Edit team ${team.name}` : "Create team"}
      description={team ? "Renaming keeps its agents, members and history." : "Agents belong to one team; users see their teams' agents."}
      submitLabel={team ? "Save changes" : "Create team"}
    >
      {(body) => <TeamForm {...body} team={team} />}
    </FormDialog>
  );
}

function TeamForm({ formId, onSubmitting, close, team }: FormDialogBody & { team?: TeamRow }) {
  const { register, handleSubmit, formState, setError } = useForm<TeamValues, unknown, TeamOutput>({
    resolver: zodResolver(teamSchema),
    defaultValues: { name: team?.name ?? "", description: team?.description ?? "" },
  });
  useSubmittingReport(formState.isSubmitting, onSubmitting);

  async function submit(values: TeamOutput) {
    const result = team ? await updateTeamAction(team.id, values) : await createTeamAction(values);
    if (!result.ok) {
      applyServerFieldErrors(result.error, setError, ["name", "description"]);
      toast.error(result.error.message);
      return;
    }
    toast.success(team ? `Saved team ${result.data.name}` : `Created team ${result.data.name}`);
    close();
  }

  return (
    <form id={formId} onSubmit={handleSubmit(submit)} noValidate className="flex flex-col gap-3">
      <Field id={`${formId}-name`} label="Name" error={formState.errors.name?.message} required>
        <Input autoComplete="off" {...register("name")} />
      </Field>
      <Field id={`${formId}-description`} label="Description" error={formState.errors.description?.message}>
        <Textarea {...register("description")} />
      </Field>
    </form>
  );
}

// A team can be deleted only once it has no agents; the button says why when it cannot.
export function DeleteTeamButton({ team }: { team: TeamRow }) {
  const hintId = useId();
  if (team.agentCount > 0) {
    const hint = `Move its ${team.agentCount} agent${team.agentCount === 1 ? "" : "s"} to another team before deleting it.`;
    return (
      <>
        <Button size="sm" variant="ghost" aria-disabled="true" aria-describedby={hintId} title={hint}>
          <Trash2 aria-hidden="true" />
          Delete<span className="sr-only"> team {team.name}</span>
        </Button>
        <span id={hintId} className="sr-only">
          {hint}
        </span>
      </>
    );
  }

  async function remove() {
    const result = await deleteTeamAction(team.id);
    if (!result.ok) {
      toast.error(result.error.message);
      throw new Error(result.error.message);
    }
    toast.success(`Deleted team ${team.name}`);
  }

  const memberNote =
    team.memberCount > 0 ? ` Its ${team.memberCount} member${team.memberCount === 1 ? "" : "s"} lose it from their team list.` : "";
  return (
    <ConfirmDialog
      trigger={
        <Button size="sm" variant="ghost" className="text-danger-fg">
          <Trash2 aria-hidden="true" />
          Delete<span className="sr-only"> team {team.name}</span>
        </Button>
      }
      title={`Delete team ${team.name}?`}
      consequence={`The team is removed.${memberNote} This cannot be undone; the audit log keeps its history.`}
      confirmLabel="Delete team"
      onConfirm={remove}
    />
  );
}
