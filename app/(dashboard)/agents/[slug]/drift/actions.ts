"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/http/action";
import { createOnlineEvaluator } from "@/lib/evals/online/create-online-evaluator";
import { updateOnlineEvaluator } from "@/lib/evals/online/update-online-evaluator";
import { deleteOnlineEvaluator } from "@/lib/evals/online/delete-online-evaluator";

type Summary = { id: string; name: string };

// The online-evaluators panel's writes; lib parses the inputs with the same schemas the form used.
export async function createOnlineEvaluatorAction(slug: string, input: unknown): Promise<ActionResult<Summary>> {
  const result = await runAction(async (principal) => {
    const evaluator = await createOnlineEvaluator(principal, slug, input);
    return { id: evaluator.id, name: evaluator.name };
  });
  if (result.ok) revalidatePath(`/agents/${slug}/drift`);
  return result;
}

export async function updateOnlineEvaluatorAction(slug: string, id: string, input: unknown): Promise<ActionResult<Summary>> {
  const result = await runAction(async (principal) => {
    const evaluator = await updateOnlineEvaluator(principal, slug, id, input);
    return { id: evaluator.id, name: evaluator.name };
  });
  if (result.ok) revalidatePath(`/agents/${slug}/drift`);
  return result;
}

export async function deleteOnlineEvaluatorAction(slug: string, id: string): Promise<ActionResult<{ id: string }>> {
  const result = await runAction((principal) => deleteOnlineEvaluator(principal, slug, id));
  if (result.ok) revalidatePath(`/agents/${slug}/drift`);
  return result;
}
