"use server";

import type { z } from "zod";
import { createFirstAdmin } from "@/lib/users/create-first-admin";
import type { firstAdminSchema } from "@/lib/users/schemas";
import { toActionError, type ActionResult } from "@/lib/http/action";

// The bootstrap path: there is no principal yet, so runAction (which requires one) does not fit;
// createFirstAdmin refuses once any user exists.
export async function createFirstAdminAction(input: z.input<typeof firstAdminSchema>): Promise<ActionResult<{ email: string }>> {
  try {
    const admin = await createFirstAdmin(input);
    return { ok: true, data: { email: admin.email } };
  } catch (error) {
    return toActionError(error);
  }
}
