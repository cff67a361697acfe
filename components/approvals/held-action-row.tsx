"use client";

import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { TD, TR } from "@/components/ui/table";
import type { HeldDecision } from "@/lib/approvals/list-held";
import { formatActionAmount } from "@/lib/approvals/action-display";
import { ActionParams } from "./action-params";
import { DecideButtons } from "./decide-buttons";
import { HeldBudgets, heldByBudget } from "./held-budgets";
import { TimeLeft } from "./time-left";

export type HeldActionRowProps = {
  heldDecision: HeldDecision;
  /** Set when the row left the queue while the reviewer was pointing at it ("Approved", "No longer waiting"). */
  settledLabel?: string;
  canDecide: boolean;
  /** May grant a one-off budget extension when approving a budget hold (budgets:extend). */
  canExtendBudgets: boolean;
  onDecided: (decisionId: string, outcome: "Approved" | "Rejected") => void;
  onDialogOpenChange: (open: boolean) => void;
};

const settledTone = (label: string) => (/^approved$/i.test(label) ? "ok" : /^(rejected|denied)/i.test(label) ? "danger" : "muted");

export function describeAction(heldDecision: HeldDecision): string {
  return heldDecision.action?.tool ?? heldDecision.decisionType ?? "an action";
}

export function HeldActionRow({ heldDecision, settledLabel, canDecide, canExtendBudgets, onDecided, onDialogOpenChange }: HeldActionRowProps) {
  const tool = describeAction(heldDecision);
  const agentStopped = heldDecision.agent.status !== "active";
  // A dialog the reviewer has open stays open when the row settles meanwhile (another reviewer, a
  // pause): submitting it then says what happened, instead of the dialog vanishing under them.
  const [dialogOpen, setDialogOpen] = useState(false);
  const budgetHold = heldByBudget(heldDecision);
  const amount = heldDecision.amount === null ? null : formatActionAmount(heldDecision.amount, heldDecision.action);
  const sessionHref = heldDecision.traceId
    ? `/traces/${encodeURIComponent(heldDecision.traceId)}`
    : `/sessions/${encodeURIComponent(heldDecision.sessionId)}`;
  return (
    <TR data-decision-id={heldDecision.decisionId} className={settledLabel ? "opacity-60" : undefined}>
      <TD>
        <div className="flex flex-col gap-0.5">
          <Link href={`/agents/${heldDecision.agent.slug}`} className="font-medium whitespace-nowrap text-accent underline-offset-2 hover:underline">
            {heldDecision.agent.slug}
          </Link>
          {agentStopped ? (
            <Badge tone="warn" className="self-start">
              agent {heldDecision.agent.status}
            </Badge>
          ) : null}
          <span className="flex items-baseline gap-1 text-xs text-fg-muted">
            {heldDecision.traceId ? "trace" : "session"}
            <Link
              href={sessionHref}
              title={heldDecision.traceId ? `Trace ${heldDecision.traceId} of session ${heldDecision.sessionId}` : `Session ${heldDecision.sessionId}`}
              className="max-w-32 truncate font-mono text-accent underline-offset-2 hover:underline"
            >
              {heldDecision.sessionId}
            </Link>
          </span>
          {heldDecision.version ? (
            <span className="text-xs text-fg-muted">
              version <code className="font-mono">{heldDecision.version}</code>
            </span>
          ) : null}
        </div>
      </TD>
      <TD>
        <div className="flex flex-col gap-0.5">
          <code className="font-mono text-xs whitespace-nowrap text-fg">{tool}</code>
          <ActionParams action={heldDecision.action} />
        </div>
      </TD>
      <TD numeric className="whitespace-nowrap" data-testid="held-amount">
        {amount ?? <span className="text-fg-muted">—</span>}
      </TD>
      <TD>
        <ul className="flex min-w-48 flex-col gap-0.5 text-xs">
          {heldDecision.reasons.map((reason, index) => (
            <li key={`${reason.code}-${index}`} title={reason.code}>
              {reason.message}
            </li>
          ))}
        </ul>
        {budgetHold ? <HeldBudgets budgets={heldDecision.budgets} /> : null}
      </TD>
      <TD>
        <RelativeTime value={heldDecision.createdAt} />
      </TD>
      <TD className="whitespace-nowrap">{settledLabel ? <Badge tone={settledTone(settledLabel)}>{settledLabel}</Badge> : <TimeLeft expiresAt={heldDecision.expiresAt} />}</TD>
      {canDecide ? (
        <TD>
          {settledLabel && !dialogOpen ? null : (
            <DecideButtons
              decisionId={heldDecision.decisionId}
              summary={`${heldDecision.agent.slug}: ${tool}${amount === null ? "" : ` (${amount})`}`}
              onDecided={onDecided}
              onDialogOpenChange={(open) => {
                setDialogOpen(open);
                onDialogOpenChange(open);
              }}
              extendableBudgets={budgetHold && canExtendBudgets ? heldDecision.budgets : []}
              approveRefusal={agentStopped ? `${heldDecision.agent.slug} is ${heldDecision.agent.status}: only rejecting is possible` : undefined}
            />
          )}
        </TD>
      ) : null}
    </TR>
  );
}
