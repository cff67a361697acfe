"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/http/action";
import { createAdminKey, createAgentKey } from "@/lib/keys/create-key";
import { revokeKey } from "@/lib/keys/revoke-key";
import type { CreateKeyInput } from "@/lib/keys/schemas";
import type { KeyView } from "@/lib/keys/key-view";

// The secret comes back exactly once, in this result; only its hash is stored.
export type CreatedKey = { key: string; apiKey: KeyView };

export async function createAgentKeyAction(agentSlug: string, input: CreateKeyInput): Promise<ActionResult<CreatedKey>> {
  const result = await runAction((principal) => createAgentKey(principal, agentSlug, input));
  if (result.ok) revalidatePath("/admin/keys");
  return result;
}

export async function createAdminKeyAction(input: CreateKeyInput): Promise<ActionResult<CreatedKey>> {
  const result = await runAction((principal) => createAdminKey(principal, input));
  if (result.ok) revalidatePath("/admin/keys");
  return result;
}

export async function revokeKeyAction(keyId: string): Promise<ActionResult<KeyView>> {
  const result = await runAction((principal) => revokeKey(principal, keyId));
  if (result.ok) revalidatePath("/admin/keys");
  return result;
}
