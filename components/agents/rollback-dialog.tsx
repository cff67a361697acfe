"use client";

import { History } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { rollbackVersionAction } from "@/app/(dashboard)/agents/[slug]/versions/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";

export type RollbackDialogProps = {
  slug: string;
  name: string;
  production: string;
  canary: { label: string; percent: number } | null;
  /** Versions that were in production before, most recent first (the first is the default target). */
  targets: string[];
};

// One-click rollback: production goes back to an earlier production version, never waiting for an
// approval. The dialog names exactly what changes before anyone confirms.
export function RollbackDialog({ slug, name, production, canary, targets }: RollbackDialogProps) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState(targets[0]);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const targetId = useId();
  const reasonId = useId();
  const reasonRef = useRef<HTMLTextAreaElement>(null);

  function change(next: boolean) {
    if (pending) return;
    setOpen(next);
    // The targets change after a rollback (the page refreshes): start from the current default.
    if (next) setTarget(targets[0]);
    if (!next) {
      setTarget(targets[0]);
      setReason("");
      setReasonError(undefined);
      setFailure(undefined);
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError("Say why you roll back: it is recorded in the deployment timeline and the audit log");
      reasonRef.current?.focus();
      return;
    }
    setReasonError(undefined);
    setFailure(undefined);
    setPending(true);
    const result = await rollbackVersionAction(slug, { toLabel: target, reason: reason.trim() });
    setPending(false);
    if (!result.ok) {
      setFailure(result.error.message);
      return;
    }
    const ended = result.data.endedCanary ? ` The canary ${result.data.endedCanary.label} ended.` : "";
    toast.success(`${name} rolled back: production is ${result.data.production.label} (was ${result.data.previous.label}).${ended}`);
    change(false);
    router.refresh();
  }

  const consequence = `Production goes from ${production} to ${target}.${canary ? ` The canary ${canary.label} (${canary.percent}%) ends.` : ""} The next config call of every session gets ${target}.`;

  return (
    <Dialog
      open={open}
      onOpenChange={change}
      trigger={
        <Button variant="danger">
          <History aria-hidden="true" />
          Roll back
        </Button>
      }
      title={`Roll back ${name}?`}
      description="It takes effect at once, without an approval."
      dismissible={!pending}
      onOpenAutoFocus={(event) => {
        event.preventDefault();
        reasonRef.current?.focus();
      }}
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-3">
        <Field id={targetId} label="Roll back to" description="A version that was in production before, most recent first.">
          <Select value={target} onChange={(event) => setTarget(event.target.value)} disabled={pending}>
            {targets.map((label, index) => (
              <option key={label} value={label}>
                {label}
                {index === 0 ? " (the previous production version)" : ""}
              </option>
            ))}
          </Select>
        </Field>
        <p className="rounded-md border border-warn/30 bg-warn-soft px-3 py-2 text-sm text-warn-fg" data-testid="rollback-consequence" aria-live="polite">
          {consequence}
        </p>
        <Field id={reasonId} label="Reason (recorded in the timeline and audit log)" error={reasonError} required>
          <Textarea ref={reasonRef} value={reason} onChange={(event) => setReason(event.target.value)} disabled={pending} maxLength={1000} placeholder="e.g. v4's approval rate drifted after the knowledge-base update" />
        </Field>
        {failure ? (
          <p role="alert" className="rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger-fg">
            {failure}
          </p>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={() => change(false)} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" loading={pending}>
            Roll back to {target}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
