"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { createAgentAction, updateAgentAction } from "@/app/(dashboard)/agents/actions";
import { Button, buttonVariants } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { applyServerFieldErrors } from "@/components/ui/server-field-errors";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";
import { createAgentSchema, updateAgentSchema } from "@/lib/agents/schemas";

export type AgentFormTeam = { id: string; name: string };

export type AgentFormProps =
  | { mode: "create"; teams: AgentFormTeam[] }
  | {
      mode: "edit";
      teams: AgentFormTeam[];
      agent: { slug: string; name: string; teamId: string; ownerEmail: string | null; description: string };
    };

// What the inputs hold; the shared schema (create or update) turns it into the lib's input.
type AgentFormValues = { slug: string; name: string; team: string; ownerEmail: string; description: string };
const fieldNames = ["slug", "name", "team", "ownerEmail", "description"] as const;

export function AgentForm(props: AgentFormProps) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const editing = props.mode === "edit" ? props.agent : null;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<AgentFormValues>({
    resolver: (props.mode === "create" ? zodResolver(createAgentSchema) : zodResolver(updateAgentSchema)) as Resolver<AgentFormValues>,
    defaultValues: {
      slug: editing?.slug ?? "",
      name: editing?.name ?? "",
      team: editing?.teamId ?? (props.teams.length === 1 ? props.teams[0].id : ""),
      ownerEmail: editing?.ownerEmail ?? "",
      description: editing?.description ?? "",
    },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const { slug: _slug, ...changes } = values;
    const result = editing ? await updateAgentAction(editing.slug, changes) : await createAgentAction(values);
    if (result.ok) {
      toast.success(editing ? `Saved ${result.data.name}` : `Registered ${result.data.name}`);
      router.push(`/agents/${result.data.slug}`);
      router.refresh();
      return;
    }
    if (!applyServerFieldErrors(result.error, setError, fieldNames)) setFormError(result.error.message);
    toast.error(result.error.message);
  });

  const cancelHref = editing ? `/agents/${editing.slug}` : "/agents";

  return (
    <form onSubmit={onSubmit} noValidate className="flex max-w-xl flex-col gap-4">
      {editing ? (
        <Field id="agent-slug" label="Slug" description="The slug cannot change: API keys, traces and links refer to it.">
          <Input value={editing.slug} readOnly className="font-mono" />
        </Field>
      ) : (
        <Field
          id="agent-slug"
          label="Slug"
          description="Lowercase letters, digits and hyphens, e.g. claims-agent. Used in URLs and the API; it cannot be changed later."
          error={errors.slug?.message}
          required
        >
          <Input className="font-mono" autoComplete="off" spellCheck={false} {...register("slug")} />
        </Field>
      )}
      <Field id="agent-name" label="Name" error={errors.name?.message} required>
        <Input autoComplete="off" {...register("name")} />
      </Field>
      <Field
        id="agent-team"
        label="Team"
        description={editing ? "Moving an agent to another team needs membership of both teams." : "The team that runs the agent; its members see and operate it."}
        error={errors.team?.message}
        required
      >
        <Select {...register("team")}>
          <option value="" disabled>
            Choose a team
          </option>
          {props.teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        id="agent-owner"
        label="Owner email"
        description={editing ? "The person answerable for this agent. Leave empty for no owner." : "The person answerable for this agent. Leave empty to own it yourself."}
        error={errors.ownerEmail?.message}
      >
        <Input type="email" autoComplete="off" {...register("ownerEmail")} />
      </Field>
      <Field id="agent-description" label="Description" description="What the agent does, in a sentence or two." error={errors.description?.message}>
        <Textarea rows={3} {...register("description")} />
      </Field>
      <div role="alert" className="empty:hidden">
        {formError ? (
          <p className="rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger-fg">{formError}</p>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" loading={isSubmitting}>
          {editing ? "Save" : "Register agent"}
        </Button>
        <Link href={cancelHref} className={buttonVariants({ variant: "secondary" })}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
