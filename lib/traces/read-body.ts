import { AppError } from "../errors/app-error";

// The raw request body from its chunks (a node:http IncomingMessage or a fetch Request's body stream),
// refusing (413) as soon as it grows past the limit rather than after buffering all of it; a
// Content-Length that already says too much is refused before reading.
export async function readBodyBytes(
  chunks: AsyncIterable<Uint8Array> | null,
  contentLength: string | null | undefined,
  maxBytes: number,
): Promise<Uint8Array> {
  const tooLarge = () => new AppError("payload_too_large", `The request body is larger than ${maxBytes} bytes; send smaller batches`);
  if (Number(contentLength ?? NaN) > maxBytes) throw tooLarge();
  if (!chunks) return new Uint8Array();
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge(); // leaving the loop cancels the stream
    parts.push(chunk);
  }
  if (parts.length === 1) return parts[0];
  // A buffer of its own (never a slice of node's shared pool of small buffers), so it can move to
  // another thread (see ownsItsBuffer).
  const body = Buffer.allocUnsafeSlow(size);
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.byteLength;
  }
  assembled.add(body);
  return body;
}

const assembled = new WeakSet<Uint8Array>();

/** Whether `body` was assembled here from several chunks into a buffer nothing else references. */
export const ownsItsBuffer = (body: Uint8Array) => assembled.has(body);
