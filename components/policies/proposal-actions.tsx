"use client";

import { useRouter } from "next/navigation";
import { approveProposalAction, rejectProposalAction, withdrawProposalAction } from "@/app/(dashboard)/agents/[slug]/policies/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toaster";
import type { ActionResult } from "@/lib/http/action";
import type { ProposalView } from "@/lib/policies/policy-view";

type ProposalActionsProps = {
  slug: string;
  proposal: ProposalView;
  canDecide: boolean;
  isProposer: boolean;
  onEdit: () => void;
};

// Approve, edit & approve (re-base), reject (admins) and withdraw (the proposer) of one pending proposal.
export function ProposalActions({ slug, proposal, canDecide, isProposer, onEdit }: ProposalActionsProps) {
  const router = useRouter();
  const what = `${proposal.scopeLabel.toLowerCase()} policy`;
  const settle = (result: ActionResult<unknown>, message: string) => {
    if (!result.ok) throw new Error(result.error.message);
    toast.success(message);
    router.refresh();
  };
  const nextVersion = (proposal.currentVersion ?? 0) + 1;
  return (
    <div className="flex flex-wrap gap-2">
      {canDecide && !proposal.stale ? (
        <ConfirmDialog
          trigger={
            <Button size="sm" variant="primary">
              Approve
            </Button>
          }
          variant="primary"
          title="Approve this proposal?"
          consequence={`It becomes version ${nextVersion} of the ${what}, with the proposal's note, and the guard applies it at once.`}
          confirmLabel="Approve"
          onConfirm={async () => settle(await approveProposalAction(slug, proposal.id, {}), `Approved: version ${nextVersion} of the ${what}`)}
        />
      ) : null}
      {canDecide ? (
        <Button size="sm" variant={proposal.stale ? "primary" : "secondary"} onClick={onEdit}>
          {proposal.stale ? "Re-base and approve" : "Edit and approve"}
        </Button>
      ) : null}
      {canDecide ? (
        <ConfirmDialog
          trigger={
            <Button size="sm" variant="danger">
              Reject
            </Button>
          }
          title="Reject this proposal?"
          consequence={`The ${what} stays as it is; the proposer sees your reason.`}
          confirmLabel="Reject"
          requireReason
          onConfirm={async (reason) => settle(await rejectProposalAction(slug, proposal.id, reason ?? ""), "Proposal rejected")}
        />
      ) : null}
      {isProposer ? (
        <ConfirmDialog
          trigger={<Button size="sm">Withdraw</Button>}
          title="Withdraw your proposal?"
          consequence={`It leaves the queue; the ${what} stays as it is.`}
          confirmLabel="Withdraw"
          onConfirm={async () => settle(await withdrawProposalAction(slug, proposal.id), "Proposal withdrawn")}
        />
      ) : null}
    </div>
  );
}
