"use server";

import { revalidatePath } from "next/cache";
import { acknowledgeAlert, resolveAlert } from "@/lib/alerts/change-alert-status";
import { runAction } from "@/lib/http/action";

// Thin callers: lib/alerts enforces the operator permission, team scoping and the allowed transitions.

export async function acknowledgeAlertAction(alertId: string, note?: string) {
  const result = await runAction(async (principal) => ({ status: (await acknowledgeAlert(principal, alertId, { note })).status }));
  revalidatePath("/alerts");
  return result;
}

export async function resolveAlertAction(alertId: string, note: string) {
  const result = await runAction(async (principal) => ({ status: (await resolveAlert(principal, alertId, { note })).status }));
  revalidatePath("/alerts");
  return result;
}
