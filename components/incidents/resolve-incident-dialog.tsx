"use client";

import { useQueryClient } from "@tanstack/react-query";
import { CircleCheckBig } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { resolveIncidentAction } from "@/app/(dashboard)/incidents/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";
import { incidentQueryKeys } from "@/lib/incidents/queries";
import { alertQueryKeys } from "@/lib/alerts/queries";

// Resolving needs a summary: it is the report's summary and the alert's resolution note.
export function ResolveIncidentDialog({ incidentId, title, hasOpenAlert }: { incidentId: string; title: string; hasOpenAlert: boolean }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [summary, setSummary] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const summaryId = useId();

  function change(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (!next) {
      setSummary("");
      setError(undefined);
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (summary.trim() === "") {
      setError("Say what was wrong and what fixed it: it is the report's summary");
      return;
    }
    setPending(true);
    setError(undefined);
    const result = await resolveIncidentAction(incidentId, summary.trim());
    setPending(false);
    void queryClient.invalidateQueries({ queryKey: incidentQueryKeys.all });
    void queryClient.invalidateQueries({ queryKey: alertQueryKeys.all });
    if (result.ok) {
      toast.success(`Resolved: ${title}`);
      setOpen(false);
      setSummary("");
      router.refresh();
      return;
    }
    if (result.error.code === "conflict" || result.error.code === "not_found") {
      toast.error(result.error.message);
      setOpen(false);
      router.refresh();
      return;
    }
    setError(result.error.fieldErrors?.summary?.[0] ?? result.error.message);
  }

  return (
    <Dialog
      open={open}
      onOpenChange={change}
      dismissible={!pending}
      trigger={
        <Button variant="primary">
          <CircleCheckBig aria-hidden="true" />
          Resolve
        </Button>
      }
      title="Resolve this incident?"
      description={`${title}. The time from the alert to now is recorded as its time to resolution.${hasOpenAlert ? " Its alert is resolved too, with the same summary." : ""}`}
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-3">
        <Field id={summaryId} label="Summary: what was wrong and what fixed it (the report's summary)" required error={error}>
          <Textarea name="summary" value={summary} onChange={(event) => setSummary(event.target.value)} disabled={pending} maxLength={4000} placeholder="e.g. v4's knowledge base approved water damage; rolled back to v3" />
        </Field>
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={() => change(false)} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={pending}>
            Resolve
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
