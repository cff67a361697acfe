import Link from "next/link";
import type { ReactNode } from "react";
import { RelativeTime } from "@/components/ui/relative-time";
import type { TraceDecision } from "@/lib/guard/guard-decision-view";
import { formatDuration } from "@/lib/traces/format";
import { GuardOutcomeBadge } from "./guard-outcome";

const checkLabels: Record<string, string> = { input: "Input check", action: "Action check", output: "Output check" };

// What was asked, in a few words: the tool and amount of an action, the channel and excerpt of screened text.
export function describeRequest(decision: TraceDecision): string {
  const { action, channel, textExcerpt } = decision.request;
  if (action) return [action.tool, typeof action.amount === "number" ? `amount ${action.amount.toLocaleString("en-US")}` : null, action.resource].filter(Boolean).join(" · ");
  if (textExcerpt !== undefined) return `${channel ? `${channel} text` : "text"}: “${textExcerpt}”`;
  return decision.decisionType ?? decision.workflow ?? "";
}

// One guard decision: what was asked, the outcome and why, and who reviewed it if it was held.
export function GuardDecisionItem({ decision }: { decision: TraceDecision }) {
  const request = describeRequest(decision);
  return (
    <li className="flex flex-col gap-1.5 rounded-md border border-border px-3 py-2 text-sm" data-decision-id={decision.decisionId} data-testid="guard-decision">
      <div className="flex flex-wrap items-center gap-2">
        <GuardOutcomeBadge outcome={decision.outcome} />
        <span className="font-medium text-fg">{checkLabels[decision.check] ?? decision.check}</span>
        <span className="text-xs text-fg-muted">
          <RelativeTime value={decision.createdAt} />
        </span>
      </div>
      {request ? <p className="font-mono text-xs break-words text-fg">{request}</p> : null}
      {decision.reasons.length > 0 ? (
        <ul className="flex flex-col gap-0.5 text-xs" aria-label="Reasons">
          {decision.reasons.map((reason, index) => (
            <li key={`${reason.code}-${index}`}>
              <code className="font-mono text-fg-muted">{reason.code}</code> {reason.message}
            </li>
          ))}
        </ul>
      ) : null}
      <dl className="flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-fg-muted">
        <Meta label="Policy">{decision.policyVersion ? <code className="font-mono">{decision.policyVersion}</code> : "none applied"}</Meta>
        {decision.version ? (
          <Meta label="Version">
            <code className="font-mono">{decision.version}</code>
          </Meta>
        ) : null}
        <Meta label="Decided in">{formatDuration(decision.latencyMs)}</Meta>
        {decision.decisionType ? <Meta label="Decision type">{decision.decisionType}</Meta> : null}
        {decision.spanId ? (
          <Meta label="Span">
            <code className="font-mono">{decision.spanId}</code>
          </Meta>
        ) : null}
      </dl>
      <Review decision={decision} />
    </li>
  );
}

export function Review({ decision }: { decision: TraceDecision }) {
  if (decision.outcome === "pending") {
    return (
      <p className="text-xs text-warn-fg">
        Waiting for a reviewer{decision.expiresAt ? <> (expires <RelativeTime value={decision.expiresAt} allowFuture />)</> : null} ·{" "}
        <Link href="/approvals" className="font-medium text-accent underline-offset-2 hover:underline">
          Open the approval queue
        </Link>
      </p>
    );
  }
  if (decision.outcome === "expired") return <p className="text-xs text-fg-muted">No reviewer decided before the hold expired.</p>;
  if (!decision.decidedBy) return null;
  return (
    <p className="text-xs text-fg-muted">
      {decision.outcome === "approved" ? "Approved" : "Rejected"} by <span className="text-fg">{decision.decidedBy.name || decision.decidedBy.email}</span>
      {decision.decidedAt ? (
        <>
          {" "}
          <RelativeTime value={decision.decidedAt} />
        </>
      ) : null}
      {decision.note ? <span className="mt-0.5 block text-fg">“{decision.note}”</span> : null}
    </p>
  );
}

function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex gap-1">
      <dt>{label}</dt>
      <dd className="text-fg">{children}</dd>
    </div>
  );
}
