import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { isUuid } from "../db/ids";
import { evaluatorsSchema } from "../evals/evaluators/schemas";
import { compareRunItems, type ComparedRun, type ComparedScore } from "./compare-run-items";

// Each version's latest completed run of one suite (the agent's gating suite unless one is named), and
// the two compared item by item. A version without a completed run has an empty side; the page says
// what to run.

type RunSide = { runId: string | null; passRate: number | null; status: "passed" | "failed" | null; completedAt: Date | null; items: number };

const emptySide: RunSide = { runId: null, passRate: null, status: null, completedAt: null, items: 0 };

export async function compareEvals(agentId: string, labels: { a: string; b: string }, suiteId?: string) {
  if (suiteId !== undefined && !isUuid(suiteId)) throw new AppError("not_found", `Suite "${suiteId}" not found`);
  const suite = await db().evalSuite.findFirst({
    where: suiteId ? { id: suiteId, agentId } : { agentId, gating: true },
    select: { id: true, name: true, gating: true },
  });
  if (!suite && suiteId) throw new AppError("not_found", `Suite "${suiteId}" not found`);
  if (!suite) return { suite: null, a: emptySide, b: emptySide, evaluators: [], overall: null, regressedCount: 0, regressed: [] };

  const [runA, runB] = await Promise.all([latestRun(suite.id, agentId, labels.a), latestRun(suite.id, agentId, labels.b)]);
  const side = (run: LatestRun | null, items: number): RunSide =>
    run ? { runId: run.id, passRate: run.passRate, status: run.status as "passed" | "failed", completedAt: run.completedAt, items } : emptySide;
  if (!runA || !runB) {
    const [itemsA, itemsB] = await Promise.all([countItems(runA), countItems(runB)]);
    return { suite, a: side(runA, itemsA), b: side(runB, itemsB), evaluators: [], overall: null, regressedCount: 0, regressed: [] };
  }
  const [comparedA, comparedB] = await Promise.all([comparedRun(runA), comparedRun(runB)]);
  const compared = compareRunItems(comparedA, comparedB);
  return { suite, a: side(runA, comparedA.items.length), b: side(runB, comparedB.items.length), ...compared };
}

type LatestRun = NonNullable<Awaited<ReturnType<typeof latestRun>>>;

function latestRun(suiteId: string, agentId: string, label: string) {
  return db().evalRun.findFirst({
    where: { suiteId, agentId, versionLabel: label, status: { in: ["passed", "failed"] } },
    orderBy: [{ completedAt: "desc" }, { id: "desc" }],
    select: { id: true, passRate: true, status: true, completedAt: true, evaluators: true },
  });
}

const countItems = (run: LatestRun | null) => (run ? db().evalRunItem.count({ where: { runId: run.id } }) : Promise.resolve(0));

async function comparedRun(run: LatestRun): Promise<ComparedRun> {
  const items = await db().evalRunItem.findMany({
    where: { runId: run.id },
    orderBy: { position: "asc" },
    select: { itemId: true, input: true, traceId: true, passed: true, scores: true },
  });
  const evaluators = evaluatorsSchema.safeParse(run.evaluators);
  return {
    evaluatorTypes: evaluators.success ? evaluators.data.map((evaluator) => evaluator.type) : [],
    items: items.map((item) => ({ ...item, scores: (item.scores ?? null) as ComparedScore[] | null })),
  };
}
