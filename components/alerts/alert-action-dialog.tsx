"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Check, CircleCheckBig } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { acknowledgeAlertAction, resolveAlertAction } from "@/app/(dashboard)/alerts/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";
import { alertQueryKeys } from "@/lib/alerts/queries";

export type AlertActionDialogProps = {
  alertId: string;
  title: string;
  action: "acknowledge" | "resolve";
};

const copy = {
  acknowledge: {
    button: "Acknowledge",
    heading: "Acknowledge this alert?",
    consequence: "It stops counting as open (the nav badge) and shows you are on it. Raising the same alert again stays deduplicated until it is resolved.",
    label: "Note (optional, recorded in the audit log)",
  },
  resolve: {
    button: "Resolve",
    heading: "Resolve this alert?",
    consequence: "It is closed. If the problem comes back, a new alert is raised.",
    label: "What was done, or why it is resolved (recorded in the audit log)",
  },
} as const;

// One dialog per action, opened from the row: a note field, submit with Enter in the form or the
// button, Escape to cancel. A conflict (someone else acted first) closes it and refreshes the list.
export function AlertActionDialog({ alertId, title, action }: AlertActionDialogProps) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const noteId = useId();
  const text = copy[action];

  function change(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (!next) {
      setNote("");
      setError(undefined);
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (action === "resolve" && note.trim() === "") {
      setError("Say what was done or why it is resolved");
      return;
    }
    setPending(true);
    setError(undefined);
    const result = action === "acknowledge" ? await acknowledgeAlertAction(alertId, note.trim() || undefined) : await resolveAlertAction(alertId, note.trim());
    setPending(false);
    void queryClient.invalidateQueries({ queryKey: alertQueryKeys.all });
    if (result.ok) {
      toast.success(`${action === "acknowledge" ? "Acknowledged" : "Resolved"}: ${title}`);
      setOpen(false);
      setNote("");
      return;
    }
    if (result.error.code === "conflict" || result.error.code === "not_found") {
      toast.error(result.error.message);
      setOpen(false);
      return;
    }
    setError(result.error.fieldErrors?.note?.[0] ?? result.error.message);
  }

  return (
    <Dialog
      open={open}
      onOpenChange={change}
      dismissible={!pending}
      trigger={
        <Button size="sm" variant={action === "resolve" ? "primary" : "secondary"}>
          {action === "resolve" ? <CircleCheckBig aria-hidden="true" /> : <Check aria-hidden="true" />}
          {text.button}
        </Button>
      }
      title={text.heading}
      description={`${title}. ${text.consequence}`}
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-3">
        <Field id={noteId} label={text.label} required={action === "resolve"} error={error}>
          <Textarea name="note" value={note} onChange={(event) => setNote(event.target.value)} disabled={pending} maxLength={2000} />
        </Field>
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={() => change(false)} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={pending}>
            {text.button}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
