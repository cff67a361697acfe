"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { startRunAction } from "@/app/(dashboard)/agents/[slug]/evaluations/actions";

type StartRunFormProps = { slug: string; suites: { id: string; name: string; gating: boolean }[]; versions: { label: string; stage: string }[] };

// Starts a run of one version on one suite; the run page then shows what the harness reported.
export function StartRunForm({ slug, suites, versions }: StartRunFormProps) {
  const router = useRouter();
  const [suite, setSuite] = useState(suites.find((option) => option.gating)?.id ?? suites[0]?.id ?? "");
  const [version, setVersion] = useState(versions[0]?.label ?? "");
  const [failure, setFailure] = useState<string>();
  const [pending, setPending] = useState(false);
  const ids = { suite: useId(), version: useId() };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(undefined);
    setPending(true);
    const result = await startRunAction({ suite, version });
    setPending(false);
    if (!result.ok) return setFailure(result.error.message);
    router.push(`/agents/${slug}/evaluations/runs/${result.data.id}`);
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-label="Start a run">
      <Field id={ids.suite} label="Suite">
        <Select value={suite} onChange={(event) => setSuite(event.target.value)} disabled={pending}>
          {suites.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name}
              {option.gating ? " (gate)" : ""}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={ids.version} label="Version">
        <Select value={version} onChange={(event) => setVersion(event.target.value)} disabled={pending}>
          {versions.map((option) => (
            <option key={option.label} value={option.label}>
              {option.label} ({option.stage})
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" variant="primary" loading={pending} disabled={!suite || !version}>
        Start run
      </Button>
      {failure ? (
        <p role="alert" className="basis-full text-sm font-medium text-danger-fg">
          {failure}
        </p>
      ) : null}
    </form>
  );
}
