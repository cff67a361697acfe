import Link from "next/link";
import { FlaskConical } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { RunStatusBadge, percent } from "@/components/evals/run-status-badge";
import { StartRunForm } from "@/components/evals/start-run-form";
import { SuiteForm } from "@/components/evals/suite-form";
import { SuiteGateButton } from "@/components/evals/suite-gate-button";
import { requirePrincipal } from "@/lib/auth/session";
import { roleCan } from "@/lib/auth/permissions";
import { listSuites } from "@/lib/evals/suites/list-suites";
import { listRuns } from "@/lib/evals/runs/list-runs";
import { listDatasets } from "@/lib/evals/datasets/list-datasets";
import { listVersions } from "@/lib/versions/list-versions";
import { describeEvaluator } from "@/lib/evals/suites/evaluator-rows";

export const metadata = { title: "Evaluations" };

type EvaluationsPageProps = { params: Promise<{ slug: string }> };

// The agent's suites (one of them its gate) and its runs, newest first.
export default async function EvaluationsPage({ params }: EvaluationsPageProps) {
  const principal = await requirePrincipal();
  const { slug } = await params;
  const [suites, runs, datasets, versions] = await Promise.all([
    listSuites(principal, slug),
    listRuns(principal, { agent: slug, limit: 50 }),
    listDatasets(principal, { agent: slug }),
    listVersions(principal, slug),
  ]);
  const canManage = roleCan(principal.role, "evals:manage");
  const canRun = roleCan(principal.role, "evals:run");
  const gate = suites.find((suite) => suite.gating);

  return (
    <section aria-label="Evaluations" className="flex flex-col gap-4">
      <h2 className="sr-only">Evaluations</h2>
      <Card>
        <CardHeader>
          <div>
            <CardTitle as="h3">Suites</CardTitle>
            <CardDescription>
              {gate ? (
                <>Canary and production need a passed run of &ldquo;{gate.name}&rdquo; on that exact version.</>
              ) : (
                <>No suite gates promotions yet: until one does, only an admin deploys to canary or production (marked ungated).</>
              )}
            </CardDescription>
          </div>
          {canManage ? <SuiteForm slug={slug} datasets={datasets.map((dataset) => ({ id: dataset.id, name: dataset.name, items: dataset.items }))} hasGate={Boolean(gate)} /> : null}
        </CardHeader>
        <CardContent>
          {suites.length === 0 ? (
            <EmptyState
              icon={<FlaskConical />}
              title="No suites yet"
              description={
                datasets.length === 0 ? (
                  <>
                    Build a dataset first on the{" "}
                    <Link href={`/agents/${slug}/datasets`} className="font-medium text-accent underline-offset-2 hover:underline">
                      Datasets
                    </Link>{" "}
                    tab (from traces, an incident, or by hand), then create a suite on it.
                  </>
                ) : (
                  "Create a suite on one of this agent's datasets and make it the gate."
                )
              }
            />
          ) : (
            <Table label="Suites">
              <THead>
                <tr>
                  <TH>Name</TH>
                  <TH>Dataset</TH>
                  <TH>Evaluators</TH>
                  <TH numeric>Threshold</TH>
                  <TH>Gate</TH>
                  {canManage ? <TH>
                    <span className="sr-only">Actions</span>
                  </TH> : null}
                </tr>
              </THead>
              <TBody>
                {suites.map((suite) => (
                  <TR key={suite.id} data-testid="suite-row">
                    <TD className="font-medium">{suite.name}</TD>
                    <TD>
                      {suite.dataset.name} <span className="text-fg-muted">({suite.dataset.items} items)</span>
                    </TD>
                    <TD className="text-xs">{suite.evaluators.map((evaluator) => describeEvaluator(evaluator as never)).join(", ")}</TD>
                    <TD numeric>{percent(suite.threshold.passRate)}</TD>
                    <TD>{suite.gating ? <Badge tone="info">Gate</Badge> : <span className="text-fg-muted">—</span>}</TD>
                    {canManage ? (
                      <TD>
                        <SuiteGateButton slug={slug} suite={suite} />
                      </TD>
                    ) : null}
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <div>
            <CardTitle as="h3">Runs</CardTitle>
            <CardDescription>
              A run gives each item to the version through the agent&apos;s own harness, which reports over OTLP or the results call (see the README). Demo agents:{" "}
              <code className="text-xs">npm run eval -- --agent {slug} --version v4</code>
            </CardDescription>
          </div>
          <AutoRefresh intervalMs={5_000} label="Runs" />
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          {canRun && suites.length > 0 && versions.length > 0 ? <StartRunForm slug={slug} suites={suites} versions={versions.map((version) => ({ label: version.label, stage: version.stage }))} /> : null}
          {runs.length === 0 ? (
            <EmptyState title="No runs yet" description={suites.length === 0 ? "Create a suite first." : "Start a run of a version, then run your harness on its items."} />
          ) : (
            <Table label="Runs">
              <THead>
                <tr>
                  <TH>Run</TH>
                  <TH>Version</TH>
                  <TH>Suite</TH>
                  <TH>Status</TH>
                  <TH numeric>Passed</TH>
                  <TH numeric>Reported</TH>
                  <TH>Started</TH>
                </tr>
              </THead>
              <TBody>
                {runs.map((run) => (
                  <TR key={run.id} data-testid="run-row">
                    <TD>
                      <Link href={`/agents/${slug}/evaluations/runs/${run.id}`} className="font-mono text-xs text-accent underline-offset-2 hover:underline">
                        {run.id.slice(0, 8)}
                      </Link>
                    </TD>
                    <TD className="font-medium">{run.version}</TD>
                    <TD>
                      {run.suite.name}
                      {run.gating ? <span className="text-fg-muted"> (gate)</span> : null}
                    </TD>
                    <TD>
                      <RunStatusBadge status={run.status} />
                    </TD>
                    <TD numeric>
                      {percent(run.passRate)} <span className="text-fg-muted">/ {percent(run.threshold.passRate)}</span>
                    </TD>
                    <TD numeric>
                      {run.counts.reported} / {run.counts.items}
                    </TD>
                    <TD>
                      <RelativeTime value={run.createdAt} /> <span className="text-fg-muted">by {run.createdBy}</span>
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </section>
  );
}
