import { transaction } from "../../db/transaction";
import { actorOf, assertCan, type Principal } from "../../auth/principal";
import { recordAudit } from "../../audit/record-audit";
import { AppError } from "../../errors/app-error";
import { notVisible } from "../../auth/team-access";
import { findSuiteForPrincipal } from "../suites/suite-view";
import { MAX_RUN_ITEMS, startRunSchema } from "./schemas";
import { runInclude, toRunView } from "./run-view";

// A run of one version on one suite. The dataset's items, the suite's evaluators and its threshold are
// copied into the run, so editing the dataset or the suite later does not change what this run means.
// The caller's harness then runs the version on each item and reports (OTLP or the results call).
export async function startRun(principal: Principal, rawInput: unknown) {
  assertCan(principal, "evals:run");
  const input = startRunSchema.parse(rawInput);
  return transaction(async (tx) => {
    const suite = await findSuiteForPrincipal(tx, principal, input.suite);
    const version = await tx.agentVersion.findUnique({ where: { agentId_label: { agentId: suite.agentId, label: input.version } } });
    if (!version) throw notVisible(`Version "${input.version}" of ${suite.agent.slug}`);
    const items = await tx.datasetItem.findMany({
      where: { datasetId: suite.datasetId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: MAX_RUN_ITEMS + 1,
      select: { id: true, input: true, expected: true },
    });
    if (items.length === 0) {
      throw new AppError("conflict", `Dataset "${suite.dataset.name}" has no items: add some before running the suite`);
    }
    if (items.length > MAX_RUN_ITEMS) {
      throw new AppError("conflict", `Dataset "${suite.dataset.name}" has more than ${MAX_RUN_ITEMS} items: a run evaluates at most ${MAX_RUN_ITEMS}; split the dataset`);
    }
    const run = await tx.evalRun.create({
      data: {
        suiteId: suite.id,
        agentId: suite.agentId,
        teamId: suite.teamId,
        versionId: version.id,
        versionLabel: version.label,
        gating: suite.gating,
        evaluators: suite.evaluators as object,
        threshold: suite.passRate,
        createdBy: actorOf(principal).actorLabel ?? "unknown",
      },
      include: runInclude,
    });
    await tx.evalRunItem.createMany({
      data: items.map((item, position) => ({ runId: run.id, itemId: item.id, position, input: item.input, expected: item.expected as object })),
    });
    await recordAudit(tx, principal, {
      action: "eval.run.start",
      targetType: "eval_run",
      targetId: run.id,
      teamId: run.teamId,
      after: { agent: suite.agent.slug, suite: suite.name, version: version.label, items: items.length, gating: suite.gating },
    });
    return {
      ...toRunView(run, { items: items.length, reported: 0, passed: null }),
      items: items.map((item) => ({ itemId: item.id, input: item.input })),
    };
  });
}
