import { z } from "../zod";

// Pieces the response schemas share. A time is an ISO 8601 string on the wire; lib may hand over a Date
// (JSON.stringify writes it as that string), so a response schema takes either and describes the string.
export const timestamp = z
  .custom<Date | string>((value) => value instanceof Date || (typeof value === "string" && !Number.isNaN(Date.parse(value))), "Not a time")
  .meta({ type: "string", format: "date-time" });

// The one error model (lib/http/error-response.ts).
export const errorResponseSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

// A JSON value as stored (audit before/after, policy documents): any JSON.
export const jsonValue = z.unknown();
