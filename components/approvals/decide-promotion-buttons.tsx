"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Check, X } from "lucide-react";
import { decidePromotionAction } from "@/app/(dashboard)/approvals/actions";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toaster";
import { StageDialog } from "@/components/versions/stage-dialog";
import { approvalQueryKeys } from "@/lib/approvals/queries";

export type DecidePromotionButtonsProps = {
  requestId: string;
  /** e.g. "claims-agent v5 to production". */
  summary: string;
  ungated: boolean;
};

// Approve or reject a production request; lib/versions refuses the requester's own and a version that
// left canary since, and its message stays in the dialog.
export function DecidePromotionButtons({ requestId, summary, ungated }: DecidePromotionButtonsProps) {
  const queryClient = useQueryClient();

  async function decide(verdict: "approve" | "reject", note: string) {
    const result = await decidePromotionAction(requestId, verdict, note);
    if (!result.ok) throw new Error(result.error.message);
    toast.success(`${verdict === "approve" ? "Approved" : "Rejected"}: ${summary}`);
    void queryClient.invalidateQueries({ queryKey: approvalQueryKeys.all });
  }

  return (
    <div className="flex flex-col items-stretch gap-1">
      <StageDialog
        trigger={
          <Button size="sm" variant="primary">
            <Check aria-hidden="true" />
            Approve
          </Button>
        }
        title="Approve this production request?"
        consequence={`${summary}: it replaces the production version for the next config call of every session, and any canary ends.${ungated ? " Ungated: no passed evaluation vouches for it." : ""}`}
        confirmLabel="Approve"
        reason="optional"
        reasonLabel="Note (optional, recorded in the timeline and audit log)"
        onConfirm={({ reason }) => decide("approve", reason)}
      />
      <StageDialog
        trigger={
          <Button size="sm" variant="danger">
            <X aria-hidden="true" />
            Reject
          </Button>
        }
        title="Reject this production request?"
        consequence={`${summary}: nothing changes in production; the developer sees your reason in the timeline.`}
        confirmLabel="Reject"
        variant="danger"
        reason="required"
        onConfirm={({ reason }) => decide("reject", reason)}
      />
    </div>
  );
}
