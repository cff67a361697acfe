import { ZodError, z } from "zod";
import { isUnstorableInput, sqlMessageOf, sqlStateOf } from "../db/sql-state";
import { cutWithEllipsis } from "../text/cut-text";
import { AppError } from "../errors/app-error";

// Any thrown value → { status, body, headers } of the one error model. Unexpected errors are logged
// and shown generically.
export function toErrorResponse(error: unknown) {
  const appError = toAppError(error);
  const headers: Record<string, string> = {};
  if (appError.retryAfterSeconds !== undefined) headers["Retry-After"] = String(appError.retryAfterSeconds);
  const body = {
    error: {
      code: appError.code,
      message: appError.message,
      ...(appError.details !== undefined ? { details: appError.details } : {}),
    },
  };
  return { status: appError.status, body, headers };
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    const flat = z.flattenError(error);
    const first = error.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    return new AppError("validation_failed", `Invalid input — ${where}${first?.message ?? "check the fields"}`, {
      details: { fieldErrors: flat.fieldErrors, formErrors: flat.formErrors },
    });
  }
  console.error("[control-room] unexpected error", error);
  // Retrying cannot help input the database refuses for what it is: a 4xx, never "retry" (a 5xx). Its
  // own words say which value; the input rules before it (lib/http/json-body.ts) should have caught it.
  if (isUnstorableInput(error)) {
    return new AppError("validation_failed", `Invalid input — the database cannot store a value of this request: ${cutWithEllipsis(sqlMessageOf(error) ?? "a value is out of range or not valid text", 200)}`, {
      details: { sqlState: sqlStateOf(error) },
    });
  }
  if (isDatabaseDown(error)) return new AppError("unavailable", "The database is unavailable; try again shortly", { retryAfterSeconds: 5 });
  return new AppError("unavailable", "Something went wrong on our side; it has been logged", { retryAfterSeconds: 1 });
}

function isDatabaseDown(error: unknown): boolean {
  const message = (error as Error | null)?.message ?? "";
  return /ECONNREFUSED|connect|terminat|Can't reach database/i.test(message);
}
