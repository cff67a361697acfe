"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { createDatasetAction } from "@/app/(dashboard)/agents/[slug]/datasets/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";
import { datasetQueryKeys } from "@/lib/evals/datasets/queries";

export const datasetHref = (slug: string, datasetId: string) => `/agents/${encodeURIComponent(slug)}/datasets/${datasetId}`;

// Names a new, empty dataset of the agent and opens it, to add items there.
export function CreateDatasetForm({ slug, onCreated }: { slug: string; onCreated?: (dataset: { id: string; name: string }) => void }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const nameId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    const problem = !trimmed ? "Name the dataset" : trimmed.length > 200 ? "At most 200 characters" : undefined;
    setError(problem);
    if (problem) return inputRef.current?.focus();
    setPending(true);
    const result = await createDatasetAction(slug, trimmed);
    setPending(false);
    if (!result.ok) {
      setError(result.error.fieldErrors?.name?.[0] ?? result.error.message);
      return inputRef.current?.focus();
    }
    void queryClient.invalidateQueries({ queryKey: datasetQueryKeys.all });
    toast.success(`Created dataset "${result.data.name}"`);
    setName("");
    if (onCreated) onCreated(result.data);
    else router.push(datasetHref(slug, result.data.id));
  }

  return (
    <form onSubmit={submit} noValidate aria-label="New dataset" className="flex flex-wrap items-start gap-2">
      <Field id={nameId} label="Name of a new dataset" error={error} className="min-w-64 flex-1">
        <Input ref={inputRef} name="name" value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. water-damage regressions" maxLength={200} disabled={pending} autoComplete="off" />
      </Field>
      <Button type="submit" variant="primary" loading={pending} className="mt-5">
        {pending ? null : <Plus aria-hidden="true" />}
        Create dataset
      </Button>
    </form>
  );
}
