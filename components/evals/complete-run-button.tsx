"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toaster";
import { completeRunAction } from "@/app/(dashboard)/agents/[slug]/evaluations/actions";
import { percent } from "./run-status-badge";

// Scores a running run now: items the harness has not reported fail.
export function CompleteRunButton({ runId, missing }: { runId: string; missing: number }) {
  const [pending, setPending] = useState(false);
  const complete = async () => {
    setPending(true);
    const result = await completeRunAction(runId);
    setPending(false);
    if (!result.ok) throw new Error(result.error.message);
    toast.success(`Run ${result.data.status}: ${percent(result.data.passRate)} of items passed`);
  };
  return (
    <ConfirmDialog
      trigger={<Button loading={pending}>Complete and score</Button>}
      title="Complete this run?"
      variant="primary"
      consequence={missing > 0 ? `${missing} item(s) have no result yet: they will fail. A completed run takes no more results.` : "Every item has a result. The run is scored with the suite's evaluators."}
      confirmLabel="Complete run"
      onConfirm={complete}
    />
  );
}
