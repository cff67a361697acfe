import { ArrowRight, ShieldCheck, ShieldEllipsis, ShieldX, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { Badge, type Tone } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { BacktestResult } from "@/lib/policies/backtest-policy";
import { backtestCaveats, backtestHeadline } from "@/lib/policies/backtest-summary";

type Verdict = BacktestResult["changed"][number]["from"];
type Example = BacktestResult["examples"][number];

const verdictDisplay: Record<Verdict, { tone: Tone; label: string; icon: LucideIcon }> = {
  allow: { tone: "ok", label: "Allow", icon: ShieldCheck },
  hold: { tone: "warn", label: "Hold", icon: ShieldEllipsis },
  deny: { tone: "danger", label: "Deny", icon: ShieldX },
};

function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const display = verdictDisplay[verdict];
  return (
    <Badge tone={display.tone} data-verdict={verdict}>
      <display.icon aria-hidden="true" className="size-3" />
      {display.label}
    </Badge>
  );
}

function VerdictChange({ from, to }: { from: Verdict; to: Verdict }) {
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap">
      <VerdictBadge verdict={from} />
      <ArrowRight role="img" aria-label="becomes" className="size-3.5 text-fg-muted" />
      <VerdictBadge verdict={to} />
    </span>
  );
}

const linkClasses = "text-accent underline-offset-2 hover:underline";

// The decision's trace when the agent sent one, else its session: there is no page per decision.
function DecisionLink({ example }: { example: Example }) {
  return example.traceId ? (
    <Link href={`/traces/${encodeURIComponent(example.traceId)}`} className={`block max-w-36 truncate font-mono text-xs ${linkClasses}`} title={`Trace ${example.traceId}`}>
      {example.traceId}
    </Link>
  ) : (
    <Link href={`/sessions/${encodeURIComponent(example.sessionId)}`} className={`block max-w-36 truncate text-xs ${linkClasses}`} title={`Session ${example.sessionId}`}>
      session {example.sessionId}
    </Link>
  );
}

function asked(example: Example): string {
  if (!example.tool) return `${example.check} check`;
  return example.amount === null ? example.tool : `${example.tool} · amount ${example.amount.toLocaleString("en-US")}`;
}

// What the backtest found: the headline, what it could not replay, each changed pair and its examples.
export function BacktestResultView({ result }: { result: BacktestResult }) {
  const caveats = backtestCaveats(result);
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm font-medium" data-testid="backtest-summary">
        {backtestHeadline(result)}
      </p>
      {caveats.length ? (
        <ul className="flex flex-col gap-0.5 text-xs text-fg-muted">
          {caveats.map((caveat) => (
            <li key={caveat}>{caveat}</li>
          ))}
        </ul>
      ) : null}
      {result.changed.length ? (
        <>
          <Table label="Changed verdicts" containerClassName="max-w-sm">
            <THead>
              <tr>
                <TH>Recorded → draft</TH>
                <TH numeric>Decisions</TH>
              </tr>
            </THead>
            <TBody>
              {result.changed.map((change) => (
                <TR key={`${change.from}-${change.to}`}>
                  <TD>
                    <VerdictChange from={change.from} to={change.to} />
                  </TD>
                  <TD numeric>{change.count.toLocaleString("en-US")}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
          <Table label="Examples of changed decisions" data-testid="backtest-examples" containerClassName="max-h-[28rem]">
            <THead>
              <tr>
                <TH>When</TH>
                <TH>Asked</TH>
                <TH>Recorded → draft</TH>
                <TH>Why the draft decides so</TH>
                <TH>Trace</TH>
              </tr>
            </THead>
            <TBody>
              {result.examples.map((example) => (
                <TR key={example.decisionId} className="align-top">
                  <TD className="whitespace-nowrap">
                    <RelativeTime value={example.at} />
                  </TD>
                  <TD>
                    <code className="font-mono text-xs">{asked(example)}</code>
                  </TD>
                  <TD>
                    <VerdictChange from={example.before} to={example.after} />
                  </TD>
                  <TD>
                    {example.reasons.length ? (
                      <ul className="flex min-w-48 flex-col gap-0.5 text-xs">
                        {example.reasons.map((reason, index) => (
                          <li key={`${reason.code}-${index}`}>
                            <code className="font-mono text-fg-muted">{reason.code}</code> {reason.message}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="text-xs text-fg-muted">No rule applies: allowed</span>
                    )}
                  </TD>
                  <TD>
                    <DecisionLink example={example} />
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
          {result.examples.length < result.changed.reduce((sum, change) => sum + change.count, 0) ? (
            <p className="text-xs text-fg-muted">Only the oldest examples of each change are listed.</p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
