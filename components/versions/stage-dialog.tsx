"use client";

import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";

export type StageDialogProps = {
  trigger: ReactNode;
  title: string;
  /** What happens, spelled out. */
  consequence: ReactNode;
  confirmLabel: string;
  variant?: "primary" | "danger";
  /** required: the audit log wants one; optional: a note for the reviewer; none: no text box. */
  reason: "required" | "optional" | "none";
  reasonLabel?: string;
  /** Ask for the canary's share of sessions (1–50%). */
  askShare?: boolean;
  /** The share the field starts with (default 10%). */
  initialShare?: number;
  /** Throw to keep the dialog open with the error's message (lib's 403/409/422 say why). */
  onConfirm: (values: { reason: string; canaryPercent?: number }) => Promise<void>;
};

// A stage change's confirmation: the consequence, the reason or note, and lib's refusal shown in place.
export function StageDialog({ trigger, title, consequence, confirmLabel, variant = "primary", reason, reasonLabel, askShare = false, initialShare = 10, onConfirm }: StageDialogProps) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [share, setShare] = useState(String(initialShare));
  const [errors, setErrors] = useState<{ reason?: string; share?: string }>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const reasonId = useId();
  const shareId = useId();
  const firstRef = useRef<HTMLElement | null>(null);

  function change(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (!next) {
      setText("");
      setShare(String(initialShare));
      setErrors({});
      setFailure(undefined);
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: typeof errors = {};
    const percent = Number(share);
    if (askShare && (!Number.isInteger(percent) || percent < 1 || percent > 50)) found.share = "A whole number from 1 to 50";
    if (reason === "required" && text.trim().length === 0) found.reason = "Give a reason: it is recorded in the deployment timeline and the audit log";
    setErrors(found);
    setFailure(undefined);
    if (found.share || found.reason) return;
    setPending(true);
    try {
      await onConfirm({ reason: text.trim(), ...(askShare ? { canaryPercent: percent } : {}) });
      setPending(false);
      change(false);
    } catch (error) {
      setPending(false);
      setFailure(error instanceof Error && error.message ? error.message : "The change failed. Try again.");
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={change}
      trigger={trigger}
      title={title}
      description={consequence}
      dismissible={!pending}
      onOpenAutoFocus={(event) => {
        event.preventDefault();
        firstRef.current?.focus();
      }}
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-3">
        {askShare ? (
          <Field id={shareId} label="Share of sessions (%)" description="1–50%. Each session keeps the version it was first served." error={errors.share} required>
            <Input
              ref={(element) => {
                firstRef.current = element;
              }}
              type="number"
              inputMode="numeric"
              min={1}
              max={50}
              step={1}
              value={share}
              onChange={(event) => setShare(event.target.value)}
              disabled={pending}
              className="w-28"
            />
          </Field>
        ) : null}
        {reason !== "none" ? (
          <Field id={reasonId} label={reasonLabel ?? (reason === "required" ? "Reason (recorded in the timeline and audit log)" : "Note (optional)")} error={errors.reason} required={reason === "required"}>
            <Textarea
              ref={(element) => {
                if (!askShare) firstRef.current = element;
              }}
              value={text}
              onChange={(event) => setText(event.target.value)}
              disabled={pending}
              maxLength={1000}
            />
          </Field>
        ) : null}
        {failure ? (
          <p role="alert" className="rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger-fg">
            {failure}
          </p>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button
            ref={(element) => {
              if (reason === "none" && !askShare) firstRef.current = element;
            }}
            variant="secondary"
            onClick={() => change(false)}
            disabled={pending}
          >
            Cancel
          </Button>
          <Button type="submit" variant={variant} loading={pending}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
