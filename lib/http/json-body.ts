import { AppError } from "./errors";

// The JSON body rules every endpoint shares, whichever server read the bytes (Next's Request or
// node:http): declared and actual size within the limit, an empty body reads as {}, anything else must
// be application/json (or +json) and parse.

export function checkDeclaredLength(contentLength: string | null | undefined, maxBytes: number): void {
  if (Number(contentLength ?? 0) > maxBytes) throw tooLarge(maxBytes);
}

export function parseJsonBody(text: string, contentType: string | null | undefined, maxBytes: number): unknown {
  if (!text.trim()) return {};
  if (!/^application\/(.+\+)?json\b/i.test(contentType ?? "")) {
    throw new AppError("unsupported_media_type", "Send the body as application/json");
  }
  if (Buffer.byteLength(text) > maxBytes) throw tooLarge(maxBytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Body is not valid JSON");
  }
}

export const tooLarge = (maxBytes: number) => new AppError("payload_too_large", `Body is larger than ${maxBytes} bytes`);
