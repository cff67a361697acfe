"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { createVersionAction } from "@/app/(dashboard)/agents/[slug]/versions/actions";
import { Button, buttonVariants } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";
import { fieldOf, parseVersionForm, type VersionFormField, type VersionFormValues } from "./version-form-values";
import { versionHref } from "./version-link";

export type VersionFormProps = {
  slug: string;
  initial: VersionFormValues;
  /** The label the form was prefilled from, said above the form. */
  prefilledFrom: string | null;
};

// The shared schema, through the text-to-JSON step, as react-hook-form's resolver: messages land under
// their own fields (a knowledge base's id and version each under theirs).
const resolver: Resolver<VersionFormValues> = async (values) => {
  const parsed = parseVersionForm(values);
  if (!parsed.errors) return { values, errors: {} };
  const errors = Object.fromEntries(Object.entries(parsed.errors).map(([field, message]) => [field, { type: "validate", message }]));
  return { values: {}, errors };
};

const mono = "font-mono text-xs leading-relaxed";

export function VersionForm({ slug, initial, prefilledFrom }: VersionFormProps) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<VersionFormValues>({ resolver, defaultValues: initial });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const { input } = parseVersionForm(values);
    if (!input) return;
    const result = await createVersionAction(slug, input);
    if (result.ok) {
      toast.success(`Created ${result.data.label} (in development)`);
      router.push(versionHref(slug, result.data.label));
      return;
    }
    let shown = false;
    for (const [key, messages] of Object.entries(result.error.fieldErrors ?? {})) {
      const field: VersionFormField | null = fieldOf([key]);
      if (!field || !messages?.[0]) continue;
      setError(field, { type: "server", message: messages[0] }, { shouldFocus: !shown });
      shown = true;
    }
    if (!shown) setFormError(result.error.message);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex max-w-3xl flex-col gap-4" aria-label="New version">
      {prefilledFrom ? (
        <p className="rounded-md border border-info/30 bg-info-soft px-3 py-2 text-sm text-info-fg">
          Prefilled from {prefilledFrom}: change what this version changes. A version never changes once created.
        </p>
      ) : null}
      <Field id="version-prompt" label="System prompt" error={errors.prompt?.message}>
        <Textarea rows={12} className={mono} spellCheck={false} {...register("prompt")} />
      </Field>
      <Field id="version-model" label="Model" description="The provider's model name, e.g. gpt-4o-mini." error={errors.model?.message} required>
        <Input className="font-mono" autoComplete="off" spellCheck={false} {...register("model")} />
      </Field>
      <Field id="version-params" label="Parameters" description='A JSON object, e.g. { "temperature": 0.2, "max_tokens": 800 }.' error={errors.params?.message}>
        <Textarea rows={5} className={mono} spellCheck={false} {...register("params")} />
      </Field>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-xs font-medium text-fg">Knowledge base (optional: leave both empty for none)</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="version-kb-id" label="Knowledge base id" error={errors.kbId?.message}>
            <Input className="font-mono" autoComplete="off" spellCheck={false} {...register("kbId")} />
          </Field>
          <Field id="version-kb-version" label="Knowledge base version" error={errors.kbVersion?.message}>
            <Input className="font-mono" autoComplete="off" spellCheck={false} {...register("kbVersion")} />
          </Field>
        </div>
      </fieldset>
      <Field
        id="version-tools"
        label="Tools"
        description='A JSON array of { "name", "config"? }, e.g. [{ "name": "claims.lookup", "config": { "timeoutMs": 2000 } }].'
        error={errors.tools?.message}
      >
        <Textarea rows={6} className={mono} spellCheck={false} {...register("tools")} />
      </Field>
      <Field
        id="version-policy"
        label="Policy version (optional)"
        description="Leave empty to record the agent-wide policy's current version."
        error={errors.policyVersion?.message}
      >
        <Input className="font-mono" autoComplete="off" spellCheck={false} {...register("policyVersion")} />
      </Field>
      <Field id="version-message" label="Message" description="What changed and why, like a commit message." error={errors.message?.message} required>
        <Textarea rows={2} {...register("message")} />
      </Field>
      <div role="alert" className="empty:hidden">
        {formError ? <p className="rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger-fg">{formError}</p> : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" loading={isSubmitting}>
          Create version
        </Button>
        <Link href={`/agents/${slug}/versions`} className={buttonVariants({ variant: "secondary" })}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
