import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { toAppError, toErrorResponse } from "./error-response";
import { AppError, errorStatus, type ErrorCode } from "../errors/app-error";

describe("toErrorResponse", () => {
  let consoleError: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
  });
  afterEach(() => consoleError.mockRestore());

  it("turns a ZodError into 422 validation_failed with field errors", () => {
    const schema = z.object({ slug: z.string().min(2, "At least 2 characters"), name: z.string() });
    const result = schema.safeParse({ slug: "a" });
    expect(result.success).toBe(false);
    const { status, body } = toErrorResponse(result.error);
    expect(status).toBe(422);
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.message).toBe("Invalid input — slug: At least 2 characters");
    expect(body.error.details).toMatchObject({ fieldErrors: { slug: ["At least 2 characters"], name: [expect.any(String)] } });
    expect(consoleError).not.toHaveBeenCalled();
  });

  const cases: [ErrorCode, number][] = [
    ["bad_request", 400],
    ["unauthenticated", 401],
    ["forbidden", 403],
    ["not_found", 404],
    ["conflict", 409],
    ["evaluation_required", 409],
    ["version_immutable", 405],
    ["no_production_version", 404],
    ["payload_too_large", 413],
    ["unsupported_media_type", 415],
    ["validation_failed", 422],
    ["rate_limited", 429],
    ["unavailable", 503],
  ];

  it("covers every error code", () => {
    expect(cases.map(([code]) => code).sort()).toEqual(Object.keys(errorStatus).sort());
  });

  it.each(cases)("maps AppError %s to %i with its message", (code, expected) => {
    const { status, body, headers } = toErrorResponse(new AppError(code, `about ${code}`));
    expect(status).toBe(expected);
    expect(body).toEqual({ error: { code, message: `about ${code}` } });
    expect(headers).toEqual({});
  });

  it("passes details and Retry-After through", () => {
    const error = new AppError("rate_limited", "slow down", { retryAfterSeconds: 3, details: { limit: 5 } });
    const { status, body, headers } = toErrorResponse(error);
    expect(status).toBe(429);
    expect(body.error.details).toEqual({ limit: 5 });
    expect(headers).toEqual({ "Retry-After": "3" });
  });

  it("shows unexpected errors as a generic 503 without leaking their text, and logs them", () => {
    const secret = new Error("relation users: password_hash=$argon2id$v=19$leaked at /srv/app/lib/x.ts:12");
    const { status, body, headers } = toErrorResponse(secret);
    expect(status).toBe(503);
    expect(body.error.code).toBe("unavailable");
    expect(JSON.stringify(body)).not.toContain("argon2");
    expect(JSON.stringify(body)).not.toContain("/srv/app");
    expect(body.error.message).toMatch(/Something went wrong/);
    expect(headers["Retry-After"]).toBe("1");
    expect(consoleError).toHaveBeenCalledWith(expect.any(String), secret);
  });

  it("says so when the database is down", () => {
    const appError = toAppError(new Error("connect ECONNREFUSED 127.0.0.1:5432"));
    expect(appError.status).toBe(503);
    expect(appError.message).toMatch(/database is unavailable/);
    expect(appError.message).not.toContain("127.0.0.1");
    expect(appError.retryAfterSeconds).toBe(5);
  });

  // As node-postgres and Prisma's driver adapters surface a refused statement.
  const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: "ERROR" });
  const prismaError = (code: string, message: string) =>
    Object.assign(new Error(`Raw query failed. Code: \`${code}\``), { code: "P2010", meta: { driverAdapterError: { name: "DriverAdapterError", cause: { originalCode: code, originalMessage: message, kind: "postgres" } } } });

  it.each([
    ["pg", pgError("22P05", "unsupported Unicode escape sequence")],
    ["pg", pgError("22021", 'invalid byte sequence for encoding "UTF8": 0x00')],
    ["Prisma", prismaError("22009", 'time zone displacement out of range: "+010000-01-01T00:00:00Z"')],
    ["Prisma", prismaError("22P02", "invalid input syntax for type json")],
    ["Prisma", prismaError("54001", "stack depth limit exceeded")],
  ])("answers input the database refuses for what it is (%s) with 422, never 'retry'", (_driver, error) => {
    const appError = toAppError(error);
    expect(appError.status).toBe(422);
    expect(appError.code).toBe("validation_failed");
    expect(appError.retryAfterSeconds).toBeUndefined();
    expect(appError.message).toContain((error as { meta?: { driverAdapterError: { cause: { originalMessage: string } } } }).meta?.driverAdapterError.cause.originalMessage ?? error.message);
  });

  it.each([
    ["a lost connection", pgError("08006", "connection failure")],
    ["a shutdown", prismaError("57P01", "terminating connection due to administrator command")],
    ["a serialization failure", pgError("40001", "could not serialize access")],
    ["a trigger's exception", prismaError("P0001", "refused")],
  ])("keeps %s a 503 (temporary)", (_name, error) => {
    expect(toAppError(error).status).toBe(503);
  });

  it("handles thrown non-errors", () => {
    expect(toErrorResponse("boom").status).toBe(503);
    expect(toErrorResponse(null).status).toBe(503);
  });

  it("returns AppErrors unchanged", () => {
    const error = new AppError("not_found", "Agent not found");
    expect(toAppError(error)).toBe(error);
  });
});
