import { cutWithEllipsis } from "../text/cut-text";
import { describeTextProblem, textProblem } from "../text/text-problem";
import { AppError } from "../errors/app-error";

// The JSON body rules every endpoint shares, whichever server read the bytes (Next's Request or
// node:http): declared and actual size within the limit, an empty body reads as {}, anything else must
// be application/json (or +json), parse, and hold only what can be stored: no string (key or value, at
// any depth) with a NUL or an unpaired surrogate, no nesting deeper than MAX_JSON_DEPTH. The database
// refuses such values (and its jsonb parser runs out of stack on deep nesting), so without this check
// they surface as a 503 that tells the caller to retry input that can only fail again.

export const MAX_JSON_DEPTH = 64;

export function checkDeclaredLength(contentLength: string | null | undefined, maxBytes: number): void {
  if (Number(contentLength ?? 0) > maxBytes) throw tooLarge(maxBytes);
}

export function parseJsonBody(text: string, contentType: string | null | undefined, maxBytes: number): unknown {
  if (!text.trim()) return {};
  if (!/^application\/(.+\+)?json\b/i.test(contentType ?? "")) {
    throw new AppError("unsupported_media_type", "Send the body as application/json");
  }
  if (Buffer.byteLength(text) > maxBytes) throw tooLarge(maxBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Body is not valid JSON");
  }
  assertStorableJson(body);
  return body;
}

// Reads a body stream up to maxBytes (stopping there: nothing past the limit is buffered) and applies
// the rules above. Both servers' streams (node:http's IncomingMessage, a fetch Request's body) yield bytes.
export async function readJsonStream(
  chunks: AsyncIterable<Uint8Array> | null,
  contentType: string | null | undefined,
  contentLength: string | null | undefined,
  maxBytes: number,
): Promise<unknown> {
  checkDeclaredLength(contentLength, maxBytes);
  if (!chunks) return parseJsonBody("", contentType, maxBytes);
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    parts.push(chunk);
  }
  const bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts);
  // node:http yields Buffers; a web stream's Uint8Array is viewed as one without copying.
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return parseJsonBody(buffer.toString("utf8"), contentType, maxBytes);
}

export const tooLarge = (maxBytes: number) => new AppError("payload_too_large", `Body is larger than ${maxBytes} bytes`);

type Segment = string | number;
type Unstorable = { path: Segment[]; problem: string };

// 422 naming the first value that cannot be stored (its JSON path) and why, so the caller knows what to fix.
export function assertStorableJson(value: unknown): void {
  const found = findUnstorable(value, 1);
  if (!found) return;
  const path = formatPath(found.path);
  throw new AppError("validation_failed", `Invalid input — ${path || "the body"}: ${found.problem}`, { details: { path, problem: found.problem } });
}

// Depth counts containers: the body object is 1. The path is built only on the way back from a find.
function findUnstorable(value: unknown, depth: number): Unstorable | null {
  if (typeof value === "string") {
    const problem = textProblem(value);
    return problem ? { path: [], problem: `contains ${describeTextProblem(problem)}, which cannot be stored` } : null;
  }
  if (typeof value !== "object" || value === null) return null;
  if (depth > MAX_JSON_DEPTH) return { path: [], problem: `nests deeper than ${MAX_JSON_DEPTH} levels` };
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findUnstorable(value[index], depth + 1);
      if (found) return within(index, found);
    }
    return null;
  }
  for (const key in value) {
    const keyProblem = textProblem(key);
    if (keyProblem) return { path: [], problem: `has a key that contains ${describeTextProblem(keyProblem)}, which cannot be stored` };
    const found = findUnstorable((value as Record<string, unknown>)[key], depth + 1);
    if (found) return within(key, found);
  }
  return null;
}

function within(segment: Segment, found: Unstorable): Unstorable {
  found.path.unshift(segment);
  return found;
}

const MAX_PATH_LENGTH = 200;
const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

// action.params.lines[1].note, with keys that are not plain names quoted: items["a b"].
function formatPath(path: Segment[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(segment)}]`;
    if (text.length > MAX_PATH_LENGTH) break;
  }
  return cutWithEllipsis(text, MAX_PATH_LENGTH);
}
