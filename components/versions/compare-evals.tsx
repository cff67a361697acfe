import { ClipboardCheck } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { CompareRunsResult } from "@/lib/versions/schemas";
import { DifferenceCells } from "./difference-cells";
import { formatValue } from "./metric-format";
import { RegressedItems } from "./regressed-items";

type Evals = CompareRunsResult["evals"];
type Props = { slug: string; labels: { a: string; b: string }; evals: Evals };

// Each version's latest completed run of the gating suite: the runs, each evaluator's pass rate on
// both with B − A, and the items that passed on A but failed on B.
export function CompareEvals({ slug, labels, evals }: Props) {
  if (!evals.suite) {
    return (
      <EmptyState
        icon={<ClipboardCheck />}
        title="This agent has no gating suite"
        description={
          <>
            Create one on the <EvaluationsLink slug={slug} /> tab, make it the gate and run it on {labels.a} and {labels.b}; their results are compared here.
          </>
        }
      />
    );
  }
  const suite = evals.suite;
  const missing = (["a", "b"] as const).filter((side) => !evals[side].runId).map((side) => labels[side]);
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm">
        Suite <span className="font-medium">“{suite.name}”</span> {suite.gating ? <Badge tone="info">gating</Badge> : null}
      </p>
      <ul className="grid gap-2 text-sm md:grid-cols-2" aria-label="Runs compared">
        <RunSummary slug={slug} side="A" label={labels.a} run={evals.a} />
        <RunSummary slug={slug} side="B" label={labels.b} run={evals.b} />
      </ul>
      {missing.length > 0 ? (
        <EmptyState
          icon={<ClipboardCheck />}
          title={`No completed run of the ${suite.gating ? "gating " : ""}suite for ${missing.join(" or ")} — run it`}
          description={
            <>
              Start a run of {missing[0]} on the <EvaluationsLink slug={slug} /> tab (or POST /api/v1/evals/runs {`{ "suite": "${suite.id}", "version": "${missing[0]}" }`}), report each item&apos;s result and complete it; the runs are then compared item by item here.
            </>
          }
        />
      ) : (
        <>
          <Table label={`Evaluators, ${labels.a} against ${labels.b}`} data-testid="compare-evaluators">
            <THead>
              <TR>
                <TH>Evaluator</TH>
                <TH className="text-right">{labels.a} (A)</TH>
                <TH className="text-right">{labels.b} (B)</TH>
                <TH className="text-right">B − A</TH>
                <TH>95% interval</TH>
                <TH>Significance</TH>
              </TR>
            </THead>
            <TBody>
              {evals.overall ? (
                <TR className="font-medium">
                  <TD>All evaluators (items passed)</TD>
                  <TD className="text-right tabular-nums">{formatValue("pass_rate", evals.a.passRate)}</TD>
                  <TD className="text-right tabular-nums">{formatValue("pass_rate", evals.b.passRate)}</TD>
                  <DifferenceCells formatAs="pass_rate" compared={evals.overall} direction="higher-is-better" />
                </TR>
              ) : null}
              {evals.evaluators.map((evaluator) => (
                <TR key={evaluator.name}>
                  <TD className="font-mono text-xs">{evaluator.name}</TD>
                  <TD className="text-right tabular-nums">{formatValue("pass_rate", evaluator.a)}</TD>
                  <TD className="text-right tabular-nums">{formatValue("pass_rate", evaluator.b)}</TD>
                  <DifferenceCells formatAs="pass_rate" compared={evaluator} direction="higher-is-better" />
                </TR>
              ))}
            </TBody>
          </Table>
          <RegressedItems slug={slug} labels={labels} runs={{ a: evals.a.runId!, b: evals.b.runId! }} count={evals.regressedCount} items={evals.regressed} />
        </>
      )}
    </div>
  );
}

function EvaluationsLink({ slug }: { slug: string }) {
  return (
    <Link href={`/agents/${slug}/evaluations`} className="font-medium text-accent underline-offset-2 hover:underline">
      Evaluations
    </Link>
  );
}

function RunSummary({ slug, side, label, run }: { slug: string; side: string; label: string; run: Evals["a"] }) {
  return (
    <li className="rounded-md border border-border bg-surface p-3" data-testid={`compare-run-${side.toLowerCase()}`}>
      <span className="font-medium">
        {side}: <span className="font-mono">{label}</span>
      </span>{" "}
      {run.runId ? (
        <>
          <Badge tone={run.status === "passed" ? "ok" : "danger"} dot>
            {run.status === "passed" ? "Passed" : "Failed"} {formatValue("pass_rate", run.passRate)}
          </Badge>
          <span className="mt-1 block text-xs text-fg-muted">
            {run.items.toLocaleString("en-US")} items · completed {run.completedAt ? <RelativeTime value={run.completedAt} /> : "—"} · run{" "}
            <Link href={`/agents/${slug}/evaluations/runs/${run.runId}`} className="font-mono text-accent underline-offset-2 hover:underline">
              {run.runId.slice(0, 8)}
            </Link>
          </span>
        </>
      ) : (
        <Badge tone="muted">No completed run</Badge>
      )}
    </li>
  );
}
