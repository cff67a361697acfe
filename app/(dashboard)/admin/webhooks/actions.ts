"use server";

import { revalidatePath } from "next/cache";
import { createWebhook, deleteWebhook } from "@/lib/webhooks/manage-webhooks";
import { runAction } from "@/lib/http/action";
import type { CreateWebhookInput } from "@/lib/webhooks/schemas";

// Thin callers: lib/webhooks enforces the admin permission and validates the URL.

export async function createWebhookAction(input: CreateWebhookInput) {
  const result = await runAction(async (principal) => ({ id: (await createWebhook(principal, input)).id }));
  revalidatePath("/admin/webhooks");
  return result;
}

export async function deleteWebhookAction(webhookId: string) {
  const result = await runAction(async (principal) => ({ id: (await deleteWebhook(principal, webhookId)).id }));
  revalidatePath("/admin/webhooks");
  return result;
}
