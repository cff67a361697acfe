"use client";

import { useCallback, useEffect, useId, useState, type ReactNode } from "react";
import { Dialog } from "./dialog";
import { DialogFormFooter } from "./dialog-form-footer";

export type FormDialogBody = {
  /** The id the form element takes: the footer's submit button targets it. */
  formId: string;
  /** The form reports its submitting state here (useSubmittingReport), which locks the dialog open. */
  onSubmitting: (submitting: boolean) => void;
  close: () => void;
};

type FormDialogProps = {
  trigger: ReactNode;
  title: string;
  description?: ReactNode;
  submitLabel: ReactNode;
  /** The form, rendered only while the dialog is open. */
  children: (body: FormDialogBody) => ReactNode;
};

// A dialog around a form that exists only while the dialog is open: a table with an Edit button on
// every row keeps no idle form (react-hook-form and its resolver) per row, and each opening starts from
// the row's current values.
export function FormDialog({ trigger, title, description, submitLabel, children }: FormDialogProps) {
  const [open, setOpen] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const formId = useId();
  const close = useCallback(() => setOpen(false), []);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        // A form closed by its own submit unmounts before it reports the end of that submit.
        if (next) setSubmitting(false);
        setOpen(next);
      }}
      dismissible={!submitting}
      trigger={trigger}
      title={title}
      description={description}
      footer={<DialogFormFooter formId={formId} submitting={submitting} onCancel={close} submitLabel={submitLabel} />}
    >
      {open ? children({ formId, onSubmitting: setSubmitting, close }) : null}
    </Dialog>
  );
}

/** Reports a form's submitting state to its FormDialog. */
export function useSubmittingReport(isSubmitting: boolean, onSubmitting: (submitting: boolean) => void) {
  useEffect(() => onSubmitting(isSubmitting), [isSubmitting, onSubmitting]);
}
