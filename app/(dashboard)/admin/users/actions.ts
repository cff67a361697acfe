"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/http/action";
import { createUser } from "@/lib/users/create-user";
import { updateUser } from "@/lib/users/update-user";
import type { CreateUserInput, UpdateUserInput } from "@/lib/users/schemas";
import type { UserView } from "@/lib/users/user-view";

export async function createUserAction(input: CreateUserInput): Promise<ActionResult<UserView>> {
  const result = await runAction((principal) => createUser(principal, input));
  if (result.ok) revalidatePath("/admin/users");
  return result;
}

// Also (de)activates: pass { active: false } or { active: true }.
export async function updateUserAction(userId: string, input: UpdateUserInput): Promise<ActionResult<UserView>> {
  const result = await runAction((principal) => updateUser(principal, userId, input));
  if (result.ok) revalidatePath("/admin/users");
  return result;
}
