import type { ReactNode } from "react";
import { Button } from "./button";

type DialogFormFooterProps = { formId: string; submitting: boolean; onCancel: () => void; submitLabel: ReactNode };

// Cancel and submit for a dialog whose form lives in its body (the submit button targets it by id).
export function DialogFormFooter({ formId, submitting, onCancel, submitLabel }: DialogFormFooterProps) {
  return (
    <>
      <Button onClick={onCancel} disabled={submitting}>
        Cancel
      </Button>
      <Button type="submit" form={formId} variant="primary" loading={submitting}>
        {submitLabel}
      </Button>
    </>
  );
}
