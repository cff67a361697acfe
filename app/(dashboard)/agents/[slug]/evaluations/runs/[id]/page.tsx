import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { CompleteRunButton } from "@/components/evals/complete-run-button";
import { RunStatusBadge, percent } from "@/components/evals/run-status-badge";
import { requirePrincipal } from "@/lib/auth/session";
import { roleCan } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors/app-error";
import { getRun } from "@/lib/evals/runs/list-runs";

export const metadata = { title: "Evaluation run" };

type RunPageProps = { params: Promise<{ slug: string; id: string }> };

const expectedText = (expected: unknown) => {
  const value = (expected ?? {}) as { outcome?: string; output?: string; tools?: { name: string }[] };
  const parts = [value.outcome ? `outcome ${value.outcome}` : null, value.output ? `output "${value.output.slice(0, 60)}"` : null, value.tools?.length ? `tools ${value.tools.map((tool) => tool.name).join(", ")}` : null];
  return parts.filter(Boolean).join(" · ") || "—";
};

// One run: its result against the threshold, the pass rate per evaluator, and each item with what the
// version did and why it passed or failed. Live while the run is running.
export default async function RunPage({ params }: RunPageProps) {
  const principal = await requirePrincipal();
  const { slug, id } = await params;
  const run = await getRun(principal, id).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  if (run.agent.slug !== slug) notFound();
  const missing = run.counts.items - run.counts.reported;
  const running = run.status === "running";

  return (
    <section aria-label="Evaluation run" className="flex flex-col gap-4">
      <Card>
        <CardHeader>
          <div>
            <CardTitle>
              Run of {run.version} on &ldquo;{run.suite.name}&rdquo; {run.gating ? <Badge tone="info">Gate</Badge> : null}
            </CardTitle>
            <CardDescription>
              Started <RelativeTime value={run.createdAt} /> by {run.createdBy}
              {run.completedAt ? (
                <>
                  {" "}· completed <RelativeTime value={run.completedAt} />
                </>
              ) : null}{" "}
              · <Link href={`/agents/${slug}/evaluations`} className="text-accent underline-offset-2 hover:underline">all runs</Link>
            </CardDescription>
          </div>
          <div className="flex items-center gap-3">
            {running ? <AutoRefresh intervalMs={3_000} label="Run" /> : null}
            {running && roleCan(principal.role, "evals:run") ? <CompleteRunButton runId={run.id} missing={missing} /> : null}
          </div>
        </CardHeader>
        <CardContent className="flex flex-wrap items-center gap-x-8 gap-y-2 text-sm">
          <div>
            <RunStatusBadge status={run.status} />
          </div>
          <div data-testid="run-pass-rate">
            <span className="text-2xl font-semibold tabular-nums">{percent(run.passRate)}</span> <span className="text-fg-muted">passed · needs {percent(run.threshold.passRate)}</span>
          </div>
          <div className="text-fg-muted">
            {run.counts.reported} of {run.counts.items} items reported{run.counts.passed !== null ? ` · ${run.counts.passed} passed` : ""}
          </div>
          {run.scores ? (
            <ul className="flex flex-wrap gap-2" aria-label="Pass rate per evaluator">
              {Object.entries(run.scores).map(([type, rate]) => (
                <li key={type}>
                  <Badge tone={rate >= run.threshold.passRate ? "ok" : "danger"}>
                    {type} {percent(rate)}
                  </Badge>
                </li>
              ))}
            </ul>
          ) : null}
        </CardContent>
      </Card>
      <Table label="Items">
        <THead>
          <tr>
            <TH>#</TH>
            <TH>Input</TH>
            <TH>Expected</TH>
            <TH>Result</TH>
            <TH>Verdict</TH>
            <TH>Trace</TH>
          </tr>
        </THead>
        <TBody>
          {run.items.map((item, index) => {
            const failedScores = (item.scores ?? []).filter((score) => !score.passed);
            return (
              <TR key={item.itemId} data-testid="run-item" data-passed={item.passed === null ? "" : String(item.passed)}>
                <TD numeric className="text-fg-muted">{index + 1}</TD>
                <TD className="max-w-sm">
                  <span className="line-clamp-2" title={item.input}>{item.input}</span>
                </TD>
                <TD className="text-xs">{expectedText(item.expected)}</TD>
                <TD className="text-xs">
                  {item.outcome ? <span className="font-medium">{item.outcome}</span> : null}
                  {item.output ? <span className="line-clamp-2 text-fg-muted" title={item.output}>{item.output}</span> : null}
                  {!item.outcome && !item.output ? <span className="text-fg-muted">{running ? "waiting for the harness" : "no result"}</span> : null}
                </TD>
                <TD className="text-xs">
                  {item.passed === null ? (
                    <span className="text-fg-muted">{running ? "not scored yet" : "—"}</span>
                  ) : item.passed ? (
                    <Badge tone="ok">Pass</Badge>
                  ) : (
                    <div className="flex flex-col gap-0.5">
                      <Badge tone="danger">Fail</Badge>
                      {item.scores === null ? <span>No result was reported</span> : failedScores.map((score) => <span key={score.type}>{score.reason}</span>)}
                    </div>
                  )}
                </TD>
                <TD>
                  {item.traceId ? (
                    <Link href={`/traces/${item.traceId}`} className="font-mono text-xs text-accent underline-offset-2 hover:underline">
                      {item.traceId.slice(0, 8)}
                    </Link>
                  ) : (
                    <span className="text-fg-muted">—</span>
                  )}
                </TD>
              </TR>
            );
          })}
        </TBody>
      </Table>
    </section>
  );
}
