import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { GateStatus } from "@/lib/evals/runs/gate-status";
import { percent } from "./run-status-badge";

// On a version's page: what the evaluation gate says of this version, and where to act on it.
export function GateStatusLine({ slug, status }: { slug: string; status: GateStatus }) {
  const evaluations = `/agents/${slug}/evaluations`;
  const link = (href: string, text: string) => (
    <Link href={href} className="font-medium text-accent underline-offset-2 hover:underline">
      {text}
    </Link>
  );
  if (!status.suite) {
    return <p className="text-xs text-fg-muted" data-testid="gate-status">No gating suite: only an admin deploys to canary or production (ungated). {link(evaluations, "Evaluations")}</p>;
  }
  const { run } = status;
  return (
    <div className="flex flex-col gap-1 text-xs" data-testid="gate-status">
      <span className="font-medium">Gate: &ldquo;{status.suite.name}&rdquo;</span>
      {run ? (
        <span className="flex flex-wrap items-center gap-1">
          <Badge tone={run.status === "passed" ? "ok" : "danger"}>{run.status === "passed" ? "Passed" : "Failed"}</Badge>
          {percent(run.passRate)} of items (needs {percent(run.threshold)}) · {link(`${evaluations}/runs/${run.id}`, "latest run")}
        </span>
      ) : (
        <span className="text-fg-muted">No completed run on this version yet: canary and production need a passed one. {link(evaluations, "Run the suite")}</span>
      )}
      {status.running > 0 ? <span className="text-fg-muted">{status.running} run(s) in progress</span> : null}
    </div>
  );
}
