"use server";

import { revalidatePath } from "next/cache";
import { changeAgentStatus } from "@/lib/agents/change-agent-status";
import { createAgent } from "@/lib/agents/create-agent";
import type { CreateAgentInput, UpdateAgentInput } from "@/lib/agents/schemas";
import { updateAgent } from "@/lib/agents/update-agent";
import { runAction } from "@/lib/http/action";

// Thin callers: lib/agents enforces permissions and team scoping, and validates the input.

function revalidateAgentPages() {
  revalidatePath("/");
  revalidatePath("/agents");
  revalidatePath("/agents/[slug]", "layout");
}

export async function createAgentAction(input: CreateAgentInput) {
  const result = await runAction((principal) => createAgent(principal, input));
  if (result.ok) revalidateAgentPages();
  return result;
}

export async function updateAgentAction(slug: string, input: UpdateAgentInput) {
  const result = await runAction((principal) => updateAgent(principal, slug, input));
  if (result.ok) revalidateAgentPages();
  return result;
}

export async function pauseAgentAction(slug: string, reason?: string) {
  const result = await runAction((principal) => changeAgentStatus(principal, slug, "pause", { reason }));
  if (result.ok) revalidateAgentPages();
  return result;
}

export async function resumeAgentAction(slug: string, reason?: string) {
  const result = await runAction((principal) => changeAgentStatus(principal, slug, "resume", { reason }));
  if (result.ok) revalidateAgentPages();
  return result;
}

export async function terminateAgentAction(slug: string, reason: string) {
  const result = await runAction((principal) => changeAgentStatus(principal, slug, "terminate", { reason }));
  if (result.ok) revalidateAgentPages();
  return result;
}
