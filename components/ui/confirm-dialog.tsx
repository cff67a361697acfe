"use client";

import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "./button";
import { Dialog } from "./dialog";
import { Field } from "./field";
import { Textarea } from "./textarea";

const minReasonLength = 3;

export type ConfirmDialogProps = {
  /** The element that opens the dialog (a Button); omit when controlling `open` yourself. */
  trigger?: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  title: ReactNode;
  /** Spell out what will happen, e.g. "The agent stops at its next guard check." */
  consequence: ReactNode;
  confirmLabel?: string;
  cancelLabel?: string;
  variant?: "danger" | "primary";
  /** Ask for a reason (at least 3 characters) that is passed to onConfirm for the audit log. */
  requireReason?: boolean;
  /** Offer the reason box without requiring it (an urgent stop must not wait on typing). */
  askReason?: boolean;
  reasonLabel?: string;
  reasonPlaceholder?: string;
  /** Throw to keep the dialog open and show the error's message. */
  onConfirm: (reason?: string) => Promise<void> | void;
};

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : "The action failed. Try again.";
}

export function ConfirmDialog({
  trigger,
  open: controlledOpen,
  onOpenChange,
  title,
  consequence,
  confirmLabel = "Confirm",
  cancelLabel = "Cancel",
  variant = "danger",
  requireReason = false,
  askReason = false,
  reasonLabel,
  reasonPlaceholder,
  onConfirm,
}: ConfirmDialogProps) {
  const [uncontrolledOpen, setUncontrolledOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const reasonId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);

  const open = controlledOpen ?? uncontrolledOpen;
  const showReason = requireReason || askReason;
  const label = reasonLabel ?? (requireReason ? "Reason (recorded in the audit log)" : "Reason (optional, recorded in the audit log)");

  function resetForm() {
    setReason("");
    setReasonError(undefined);
    setFailure(undefined);
  }

  function setOpen(next: boolean) {
    if (pending) return;
    if (!next) resetForm();
    setUncontrolledOpen(next);
    onOpenChange?.(next);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = reason.trim();
    if (requireReason && trimmed.length < minReasonLength) {
      setReasonError(`Give a reason of at least ${minReasonLength} characters.`);
      reasonRef.current?.focus();
      return;
    }
    setReasonError(undefined);
    setFailure(undefined);
    setPending(true);
    try {
      await onConfirm(requireReason ? trimmed : trimmed || undefined);
      setPending(false);
      resetForm();
      setUncontrolledOpen(false);
      onOpenChange?.(false);
    } catch (error) {
      setPending(false);
      setFailure(messageOf(error));
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      trigger={trigger}
      title={title}
      description={consequence}
      dismissible={!pending}
      onOpenAutoFocus={(event) => {
        // Land on the reason box, or on Cancel — never on the destructive button. The reset covers
        // a parent that closed the dialog through `open` without going through setOpen.
        event.preventDefault();
        resetForm();
        (showReason ? reasonRef.current : cancelRef.current)?.focus();
      }}
    >
      <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-3">
        {showReason ? (
          <Field id={reasonId} label={label} error={reasonError} required={requireReason}>
            <Textarea
              ref={reasonRef}
              name="reason"
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              placeholder={reasonPlaceholder}
              minLength={requireReason ? minReasonLength : undefined}
              disabled={pending}
            />
          </Field>
        ) : null}
        {failure ? (
          <p role="alert" className="rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger-fg">
            {failure}
          </p>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button ref={cancelRef} variant="secondary" onClick={() => setOpen(false)} disabled={pending}>
            {cancelLabel}
          </Button>
          <Button type="submit" variant={variant} loading={pending}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
