"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/http/action";
import { createSuite } from "@/lib/evals/suites/create-suite";
import { updateSuite } from "@/lib/evals/suites/update-suite";
import { startRun } from "@/lib/evals/runs/start-run";
import { completeRun } from "@/lib/evals/runs/complete-run";

// Thin callers: lib/evals enforces permissions, team scoping and validation.

const revalidate = () => revalidatePath("/agents/[slug]/evaluations", "layout");

export async function createSuiteAction(slug: string, input: unknown) {
  const result = await runAction(async (principal) => ({ id: (await createSuite(principal, slug, input)).id }));
  if (result.ok) revalidate();
  return result;
}

export async function setGateAction(slug: string, suiteId: string, gating: boolean) {
  const result = await runAction(async (principal) => ({ id: (await updateSuite(principal, suiteId, { gating }, slug)).id }));
  if (result.ok) revalidate();
  return result;
}

export async function startRunAction(input: { suite: string; version: string }) {
  const result = await runAction(async (principal) => ({ id: (await startRun(principal, input)).id }));
  if (result.ok) revalidate();
  return result;
}

export async function completeRunAction(runId: string) {
  const result = await runAction(async (principal) => {
    const run = await completeRun(principal, runId);
    return { status: run.status, passRate: run.passRate };
  });
  if (result.ok) revalidate();
  return result;
}
