import Link from "next/link";
import { GuardOutcomeBadge } from "@/components/traces/guard-outcome";
import { ActionParams } from "@/components/approvals/action-params";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatActionAmount } from "@/lib/approvals/action-display";
import type { TraceDecision } from "@/lib/guard/guard-decision-view";

const linkClasses = "text-accent underline-offset-2 hover:underline";

// The guard's decision log, newest first: each row says what was asked, what the guard answered and
// why, and leads to the trace it gated (or its session when the agent sent no trace id).
export function DecisionsTable({ decisions }: { decisions: TraceDecision[] }) {
  return (
    <Table label="Guard decisions" data-testid="decisions-table">
      <THead>
        <tr>
          <TH>When</TH>
          <TH>Agent</TH>
          <TH>Asked</TH>
          <TH numeric>Amount</TH>
          <TH>Verdict</TH>
          <TH>Why</TH>
          <TH>Trace</TH>
        </tr>
      </THead>
      <TBody>
        {decisions.map((decision) => {
          const action = decision.request.action;
          const reasons = decision.reasons;
          return (
            <TR key={decision.decisionId} data-testid="decision-row" data-decision-id={decision.decisionId} className="align-top">
              <TD className="align-top">
                <RelativeTime value={decision.createdAt} />
              </TD>
              <TD className="align-top">
                <Link href={`/agents/${decision.agent.slug}`} className={`font-mono text-xs whitespace-nowrap ${linkClasses}`}>
                  {decision.agent.slug}
                </Link>
                {decision.version ? <span className="block text-xs text-fg-muted">version {decision.version}</span> : null}
              </TD>
              <TD className="align-top">
                <code className="font-mono text-xs whitespace-nowrap">{action?.tool ?? `${decision.check} check`}</code>
                <ActionParams action={action} className="mt-0.5" />
              </TD>
              <TD numeric className="align-top whitespace-nowrap">
                {typeof action?.amount === "number" ? formatActionAmount(action.amount, action) : <span className="text-fg-muted">—</span>}
              </TD>
              <TD className="align-top">
                <GuardOutcomeBadge outcome={decision.outcome} />
              </TD>
              <TD className="align-top">
                {reasons.length === 0 ? (
                  <span className="text-xs text-fg-muted">—</span>
                ) : (
                  <ul className="flex min-w-48 flex-col gap-0.5 text-xs">
                    {reasons.map((reason, index) => (
                      <li key={`${reason.code}-${index}`}>
                        <code className="font-mono text-fg-muted">{reason.code}</code> {reason.message}
                      </li>
                    ))}
                  </ul>
                )}
              </TD>
              <TD className="align-top">
                {decision.traceId ? (
                  <Link href={`/traces/${encodeURIComponent(decision.traceId)}`} className={`block max-w-36 truncate font-mono text-xs ${linkClasses}`} title={`Trace ${decision.traceId}`}>
                    {decision.traceId}
                  </Link>
                ) : (
                  <Link href={`/sessions/${encodeURIComponent(decision.sessionId)}`} className={`block max-w-36 truncate text-xs ${linkClasses}`} title={`Session ${decision.sessionId}`}>
                    session {decision.sessionId}
                  </Link>
                )}
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
