"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/http/action";
import { createVersion } from "@/lib/versions/create-version";
import { promoteVersion } from "@/lib/versions/promote-version";
import { rollbackVersion } from "@/lib/versions/rollback-version";
import type { CreateVersionInput, PromoteInput, RollbackInput } from "@/lib/versions/schemas";

// Thin callers: lib/versions enforces permissions, team scoping, the stage rules and validation.

// A deploy changes the agent's header, the agents list, the overview and the approvals queue.
function revalidateDeployment() {
  revalidatePath("/");
  revalidatePath("/agents");
  revalidatePath("/approvals");
  revalidatePath("/agents/[slug]", "layout");
}

export async function createVersionAction(slug: string, input: CreateVersionInput) {
  const result = await runAction(async (principal) => {
    const version = await createVersion(principal, slug, input);
    return { label: version.label };
  });
  if (result.ok) revalidatePath("/agents/[slug]", "layout");
  return result;
}

export async function promoteVersionAction(slug: string, label: string, input: PromoteInput) {
  const result = await runAction(async (principal) => {
    const done = await promoteVersion(principal, slug, label, input);
    return done.kind === "moved" ? { kind: "moved" as const, stage: done.version.stage } : { kind: "requested" as const, requestId: done.promotion.id };
  });
  if (result.ok) revalidateDeployment();
  return result;
}

export async function rollbackVersionAction(slug: string, input: RollbackInput) {
  const result = await runAction((principal) => rollbackVersion(principal, slug, input));
  if (result.ok) revalidateDeployment();
  return result;
}
