import { promisify } from "node:util";
import zlib from "node:zlib";
import { AppError } from "../errors/app-error";
import { otlpFromJson } from "./otlp-from-json";
import { otlpFromProtobuf } from "./otlp-from-protobuf";
import type { OtlpTraceRequest } from "./otlp-types";

// An OTLP/HTTP trace export body → the plain request: content type, content encoding and size limits
// first (415 / 413 / 400 as JSON errors), then protobuf or JSON decoding.

export type OtlpFormat = "protobuf" | "json";

// A busy exporter batch is well under 4 MB; these bound memory per request. The decompressed limit
// also stops a small gzip bomb from inflating into gigabytes (zlib stops at maxOutputLength).
export const MAX_OTLP_BODY_BYTES = 16 * 1024 * 1024;
export const MAX_OTLP_DECODED_BYTES = 64 * 1024 * 1024;

export const otlpContentTypes: Record<OtlpFormat, string> = { protobuf: "application/x-protobuf", json: "application/json" };

export function otlpFormatOf(contentType: string | null | undefined): OtlpFormat {
  const mediaType = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (mediaType === "application/x-protobuf" || mediaType === "application/protobuf") return "protobuf";
  if (mediaType === "application/json") return "json";
  throw new AppError(
    "unsupported_media_type",
    `Content-Type must be application/x-protobuf or application/json for OTLP/HTTP, not "${mediaType || "(none)"}"`,
  );
}

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const brotli = promisify(zlib.brotliDecompress);

type Inflater = (body: Uint8Array, options: zlib.ZlibOptions) => Promise<Buffer>;
const inflaters: Record<string, Inflater> = {
  gzip: gunzip,
  "x-gzip": gunzip,
  deflate: inflate,
  br: (body, options) => brotli(body, { maxOutputLength: options.maxOutputLength }),
};

const isGzip = (body: Uint8Array) => body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b;

export async function decompressOtlpBody(body: Uint8Array, contentEncoding: string | null | undefined): Promise<Uint8Array> {
  if (body.byteLength > MAX_OTLP_BODY_BYTES) {
    throw new AppError("payload_too_large", `The request body is larger than ${MAX_OTLP_BODY_BYTES} bytes; send smaller batches`);
  }
  const encodings = (contentEncoding ?? "")
    .split(",")
    .map((encoding) => encoding.trim().toLowerCase())
    .filter((encoding) => encoding && encoding !== "identity");
  // Some senders gzip without saying so.
  if (encodings.length === 0 && isGzip(body)) encodings.push("gzip");
  let decoded = body;
  // Encodings are listed in the order they were applied.
  for (const encoding of encodings.reverse()) {
    const inflater = inflaters[encoding];
    if (!inflater) throw new AppError("unsupported_media_type", `Content-Encoding "${encoding}" is not supported; use gzip`);
    try {
      decoded = await inflater(decoded, { maxOutputLength: MAX_OTLP_DECODED_BYTES });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError) {
        throw new AppError("payload_too_large", `The decompressed body is larger than ${MAX_OTLP_DECODED_BYTES} bytes; send smaller batches`);
      }
      throw new AppError("bad_request", `The body is not valid ${encoding} data: ${(error as Error).message}`);
    }
  }
  return decoded;
}

export type DecodedOtlp = { format: OtlpFormat; request: OtlpTraceRequest };

export async function decodeOtlp(
  body: Uint8Array,
  contentType: string | null | undefined,
  contentEncoding?: string | null,
): Promise<DecodedOtlp> {
  const format = otlpFormatOf(contentType);
  const bytes = await decompressOtlpBody(body, contentEncoding);
  return { format, request: format === "protobuf" ? otlpFromProtobuf(bytes) : otlpFromJson(bytes) };
}
