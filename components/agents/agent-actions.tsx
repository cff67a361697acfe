"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Ban, Pause, Pencil, Play } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { pauseAgentAction, resumeAgentAction, terminateAgentAction } from "@/app/(dashboard)/agents/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toaster";
import { agentQueryKeys } from "@/lib/agents/queries";

export type AgentActionsProps = {
  slug: string;
  name: string;
  status: string;
  /** From the permission table, only to hide controls; lib/ enforces every action. */
  can: { update: boolean; pause: boolean; resume: boolean; terminate: boolean };
};

type ActionOutcome = { ok: true } | { ok: false; error: { message: string } };

export function AgentActions({ slug, name, status, can }: AgentActionsProps) {
  const router = useRouter();
  const queryClient = useQueryClient();

  // Throwing keeps the dialog open with the message; success closes it, toasts and refreshes.
  async function run(action: Promise<ActionOutcome>, success: string) {
    const result = await action;
    if (!result.ok) throw new Error(result.error.message);
    toast.success(success);
    void queryClient.invalidateQueries({ queryKey: agentQueryKeys.fleet });
    router.refresh();
  }

  const live = status !== "terminated";
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="agent-actions">
      {can.update && live ? (
        <Button asChild>
          <Link href={`/agents/${slug}/edit`}>
            <Pencil aria-hidden="true" />
            Edit
          </Link>
        </Button>
      ) : null}
      {can.pause && status === "active" ? (
        <ConfirmDialog
          trigger={
            <Button>
              <Pause aria-hidden="true" />
              Pause
            </Button>
          }
          title={`Pause ${name}?`}
          consequence="Every guard check of this agent will be denied (agent_paused) from its next call until it is resumed."
          confirmLabel="Pause agent"
          variant="primary"
          askReason
          reasonPlaceholder="e.g. Denying every claim since the budget ran out"
          onConfirm={(reason) => run(pauseAgentAction(slug, reason), `${name} is paused`)}
        />
      ) : null}
      {can.resume && status === "paused" ? (
        <ConfirmDialog
          trigger={
            <Button>
              <Play aria-hidden="true" />
              Resume
            </Button>
          }
          title={`Resume ${name}?`}
          consequence="Guard checks of this agent are evaluated normally again from its next call."
          confirmLabel="Resume agent"
          variant="primary"
          askReason
          onConfirm={(reason) => run(resumeAgentAction(slug, reason), `${name} is resumed`)}
        />
      ) : null}
      {can.terminate && live ? (
        <ConfirmDialog
          trigger={
            <Button variant="danger">
              <Ban aria-hidden="true" />
              Terminate
            </Button>
          }
          title={`Terminate ${name}?`}
          consequence="Terminating is final: the agent's keys stop working and it cannot be resumed."
          confirmLabel="Terminate agent"
          requireReason
          reasonPlaceholder="e.g. Replaced by claims-agent-v2"
          onConfirm={(reason) => run(terminateAgentAction(slug, reason ?? ""), `${name} is terminated`)}
        />
      ) : null}
    </div>
  );
}
