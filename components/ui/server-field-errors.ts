import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

export type ServerError = { message: string; fieldErrors?: Record<string, string[] | undefined> };

// Puts the server's field errors (from the same zod schema) on the form's inputs, focusing the first.
// Returns whether any landed on a field, so the caller can show the message elsewhere when none did.
export function applyServerFieldErrors<T extends FieldValues>(
  error: ServerError,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): boolean {
  let shown = false;
  for (const field of fields) {
    const message = error.fieldErrors?.[field]?.[0];
    if (!message) continue;
    setError(field, { type: "server", message }, { shouldFocus: !shown });
    shown = true;
  }
  return shown;
}
