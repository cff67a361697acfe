import "server-only";
import { getPrincipal } from "../auth/session";
import { toAppError } from "./error-response";
import type { UserPrincipal } from "../auth/principal";

// Server actions return this instead of throwing, so forms can show field errors from the same zod
// schema the server used. Permissions are enforced by the lib function the action calls.
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; fieldErrors?: Record<string, string[] | undefined> } };

export async function runAction<T>(fn: (principal: UserPrincipal) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const principal = await getPrincipal();
    if (!principal) return { ok: false, error: { code: "unauthenticated", message: "Your session has ended: sign in again" } };
    return { ok: true, data: await fn(principal) };
  } catch (error) {
    return toActionError(error);
  }
}

export function toActionError(error: unknown): { ok: false; error: Extract<ActionResult<never>, { ok: false }>["error"] } {
  const appError = toAppError(error);
  const details = appError.details as { fieldErrors?: Record<string, string[] | undefined> } | undefined;
  return { ok: false, error: { code: appError.code, message: appError.message, fieldErrors: details?.fieldErrors } };
}
