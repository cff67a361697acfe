"use client";

import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { TD, TR } from "@/components/ui/table";
import type { HeldDecision } from "@/lib/approvals/list-held";
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

const MAX_PARAMS_SHOWN = 3;

const settledTone = (label: string) => (/^approved$/i.test(label) ? "ok" : /^(rejected|denied)/i.test(label) ? "danger" : "muted");

export function describeAction(heldDecision: HeldDecision): string {
  return heldDecision.action?.tool ?? heldDecision.decisionType ?? "an action";
}

function keyParams(heldDecision: HeldDecision): string[] {
  const params = Object.entries(heldDecision.action?.params ?? {})
    .filter(([name]) => name !== "amount")
    .slice(0, MAX_PARAMS_SHOWN)
    .map(([name, value]) => `${name}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  if (heldDecision.action?.resource) params.push(`resource: ${heldDecision.action.resource}`);
  return params;
}

export function HeldActionRow({ heldDecision, settledLabel, canDecide, canExtendBudgets, onDecided, onDialogOpenChange }: HeldActionRowProps) {
  const tool = describeAction(heldDecision);
  const agentStopped = heldDecision.agent.status !== "active";
  // A dialog the reviewer has open stays open when the row settles meanwhile (another reviewer, a
  // pause): submitting it then says what happened, instead of the dialog vanishing under them.
  const [dialogOpen, setDialogOpen] = useState(false);
  const budgetHold = heldByBudget(heldDecision);
  const params = keyParams(heldDecision);
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
          {params.length > 0 ? (
            <span className="max-w-56 truncate text-xs text-fg-muted" title={params.join(", ")}>
              {params.join(", ")}
            </span>
          ) : null}
        </div>
      </TD>
      <TD numeric>{heldDecision.amount === null ? <span className="text-fg-muted">—</span> : heldDecision.amount.toLocaleString("en-US")}</TD>
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
              summary={`${heldDecision.agent.slug}: ${tool}${heldDecision.amount === null ? "" : ` (${heldDecision.amount.toLocaleString("en-US")})`}`}
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
