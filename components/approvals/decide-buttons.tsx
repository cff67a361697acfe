"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Check, X } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { approveHeldAction, rejectHeldAction } from "@/app/(dashboard)/approvals/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";
import type { ActionResult } from "@/lib/http/action";
import type { HeldDecision } from "@/lib/approvals/list-held";
import { approvalQueryKeys } from "@/lib/approvals/queries";
import { budgetExtensionSchema, type BudgetExtensionInput } from "@/lib/guard/schemas";
import { budgetQueryKeys } from "@/lib/budgets/queries";
import { BudgetExtensionFields, type ExtensionErrors, type ExtensionValues } from "./budget-extension-fields";

export type DecideButtonsProps = {
  decisionId: string;
  /** Shown in the dialogs, e.g. "procurement-agent: purchase.create". */
  summary: string;
  onDecided: (decisionId: string, outcome: "Approved" | "Rejected") => void;
  /** Lets the queue keep its rows still while a dialog is open. */
  onDialogOpenChange: (open: boolean) => void;
  /** The budgets that held the action, when the reviewer may extend them (else empty). */
  extendableBudgets?: HeldDecision["budgets"];
  /** Set when approving is refused (the agent is paused or terminated): shown instead of Approve. */
  approveRefusal?: string;
};

const noExtension: ExtensionValues = { usd: "", tokens: "" };
const numberOrText = (text: string) => (text.trim() === "" ? undefined : Number.isFinite(Number(text)) ? Number(text) : text);

// Empty fields: no extension. Otherwise the shared schema decides, and its messages go under the fields.
function readExtension(values: ExtensionValues): { extension?: BudgetExtensionInput; errors?: ExtensionErrors } {
  const usd = numberOrText(values.usd);
  const tokens = numberOrText(values.tokens);
  if (usd === undefined && tokens === undefined) return {};
  const parsed = budgetExtensionSchema.safeParse({ ...(usd !== undefined ? { usd } : {}), ...(tokens !== undefined ? { tokens } : {}) });
  if (parsed.success) return { extension: parsed.data };
  const errors: ExtensionErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] === "usd" || issue.path[0] === "tokens" ? issue.path[0] : "form";
    errors[field] ??= issue.message;
  }
  return { errors };
}

export function DecideButtons({ decisionId, summary, onDecided, onDialogOpenChange, extendableBudgets = [], approveRefusal }: DecideButtonsProps) {
  const queryClient = useQueryClient();
  const [approveOpen, setApproveOpen] = useState(false);
  const [note, setNote] = useState("");
  const [extension, setExtension] = useState<ExtensionValues>(noExtension);
  const [extensionErrors, setExtensionErrors] = useState<ExtensionErrors>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const noteId = useId();

  // A conflict (someone else decided, or the hold expired) is not the reviewer's error to fix:
  // say what happened, close the dialog and refresh the queue. Other failures keep the dialog open.
  async function settle(result: ActionResult<unknown>, outcome: "Approved" | "Rejected"): Promise<boolean> {
    void queryClient.invalidateQueries({ queryKey: approvalQueryKeys.all });
    if (result.ok) {
      toast.success(`${outcome}: ${summary}`);
      onDecided(decisionId, outcome);
      return true;
    }
    if (result.error.code === "conflict" || result.error.code === "not_found") {
      toast.error(result.error.message);
      return true;
    }
    throw new Error(result.error.message);
  }

  function setApproveDialog(open: boolean) {
    if (pending) return;
    setApproveOpen(open);
    if (!open) {
      setNote("");
      setExtension(noExtension);
      setExtensionErrors({});
      setFailure(undefined);
    }
    onDialogOpenChange(open);
  }

  async function approve(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(undefined);
    const { extension: extendBudget, errors } = extendableBudgets.length ? readExtension(extension) : {};
    setExtensionErrors(errors ?? {});
    if (errors) return;
    setPending(true);
    try {
      await settle(await approveHeldAction(decisionId, note.trim() || undefined, extendBudget), "Approved");
      if (extendBudget) void queryClient.invalidateQueries({ queryKey: budgetQueryKeys.all });
      setPending(false);
      setApproveOpen(false);
      setNote("");
      setExtension(noExtension);
      onDialogOpenChange(false);
    } catch (error) {
      setPending(false);
      setFailure(error instanceof Error ? error.message : "The action failed. Try again.");
    }
  }

  return (
    <div className="flex flex-col items-stretch gap-1">
      {approveRefusal ? (
        <p className="max-w-40 text-xs text-warn-fg">{approveRefusal}</p>
      ) : (
        <Dialog
          open={approveOpen}
          onOpenChange={setApproveDialog}
          dismissible={!pending}
          trigger={
            <Button size="sm" variant="primary">
              <Check aria-hidden="true" />
              Approve
            </Button>
          }
          title="Approve this held action?"
          description={`${summary}. The agent's action is allowed; it gets allow from its long-poll.`}
        >
          <form onSubmit={approve} noValidate className="flex flex-col gap-3">
            {extendableBudgets.length ? (
              <BudgetExtensionFields budgets={extendableBudgets} values={extension} errors={extensionErrors} disabled={pending} onChange={setExtension} />
            ) : null}
            <Field id={noteId} label="Note (optional, recorded in the audit log)">
              <Textarea name="note" value={note} onChange={(event) => setNote(event.target.value)} disabled={pending} maxLength={2000} />
            </Field>
            {failure ? (
              <p role="alert" className="rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger-fg">
                {failure}
              </p>
            ) : null}
            <div className="flex flex-wrap justify-end gap-2">
              <Button variant="secondary" onClick={() => setApproveDialog(false)} disabled={pending}>
                Cancel
              </Button>
              <Button type="submit" variant="primary" loading={pending}>
                Approve
              </Button>
            </div>
          </form>
        </Dialog>
      )}
      <ConfirmDialog
        trigger={
          <Button size="sm" variant="danger">
            <X aria-hidden="true" />
            Reject
          </Button>
        }
        onOpenChange={onDialogOpenChange}
        title="Reject this held action?"
        consequence={`${summary}. The agent's action is denied; it gets deny from its long-poll.`}
        confirmLabel="Reject"
        requireReason
        onConfirm={async (reason) => {
          await settle(await rejectHeldAction(decisionId, reason ?? ""), "Rejected");
        }}
      />
    </div>
  );
}
