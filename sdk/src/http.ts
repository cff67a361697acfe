import { ControlRoomError } from "./errors.js";

// The one way the SDK talks to Control Room: bearer key, JSON, a timeout per attempt, and retries with
// backoff. 429 and 503 are retried after the server's Retry-After; other 5xx and network failures after an
// exponential backoff, but only for calls that are safe to repeat (a guard check that reached the server
// and failed is not asked twice: a second call would record a second decision).

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type ClientOptions = {
  /** Control Room's base URL, e.g. https://controlroom.example.com (no trailing /api). */
  baseUrl: string;
  /** An agent API key (guard, config, reporting eval results) or an admin key (starting eval runs). */
  apiKey: string;
  /** What a guard check answers when Control Room cannot be reached: "closed" (deny, the default) or "open" (allow). */
  failMode?: "closed" | "open";
  /** Time allowed for one attempt of a call, in ms (a long-poll gets its wait on top). Default 10,000. */
  timeoutMs?: number;
  /** Further attempts after a failed one (network, 429, 5xx). Default 3. */
  retries?: number;
  /** Longest pause between two attempts, in ms, whatever Retry-After says. Default 30,000. */
  maxRetryDelayMs?: number;
  /** The fetch to use (default: the global fetch of Node 20+). */
  fetch?: FetchLike;
};

export type RequestOptions = {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  /** Whether a call that may have reached the server may be sent again (GET, idempotent POSTs). */
  idempotent: boolean;
  /** Extra time for this call's attempts (a long-poll's wait). */
  extraTimeoutMs?: number;
  signal?: AbortSignal;
};

export type Transport = {
  readonly options: Required<Omit<ClientOptions, "fetch">> & { fetch: FetchLike };
  /** The response of a 2xx or 304; anything else throws ControlRoomError. */
  send(method: string, path: string, options: RequestOptions): Promise<Response>;
  json<T>(method: string, path: string, options: RequestOptions): Promise<T>;
};

// Network errors that prove the request never reached the server: safe to retry even when not idempotent.
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
const BASE_DELAY_MS = 200;

export function createTransport(clientOptions: ClientOptions): Transport {
  if (!clientOptions.baseUrl) throw new TypeError("baseUrl is required");
  if (!clientOptions.apiKey) throw new TypeError("apiKey is required");
  const options = {
    baseUrl: clientOptions.baseUrl.replace(/\/+$/, ""),
    apiKey: clientOptions.apiKey,
    failMode: clientOptions.failMode ?? "closed",
    timeoutMs: clientOptions.timeoutMs ?? 10_000,
    retries: clientOptions.retries ?? 3,
    maxRetryDelayMs: clientOptions.maxRetryDelayMs ?? 30_000,
    fetch: clientOptions.fetch ?? ((input: string, init?: RequestInit) => globalThis.fetch(input, init)),
  };
  if (options.failMode !== "closed" && options.failMode !== "open") throw new TypeError('failMode must be "closed" or "open"');

  async function send(method: string, path: string, request: RequestOptions): Promise<Response> {
    const url = new URL(options.baseUrl + path);
    for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    const headers: Record<string, string> = { Authorization: `Bearer ${options.apiKey}`, Accept: "application/json", ...request.headers };
    if (request.body !== undefined) headers["Content-Type"] = "application/json";
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);

    for (let attempt = 0; ; attempt++) {
      const last = attempt >= options.retries;
      let failure: ControlRoomError;
      let retryable: boolean;
      const timeout = AbortSignal.timeout(options.timeoutMs + (request.extraTimeoutMs ?? 0));
      const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
      try {
        const response = await options.fetch(url.toString(), { method, headers, body, signal });
        if (response.ok || response.status === 304) return response;
        failure = await errorOf(response);
        retryable = response.status === 429 || response.status === 503 || (request.idempotent && response.status >= 500);
      } catch (error) {
        if (request.signal?.aborted) throw request.signal.reason ?? error;
        const timedOut = timeout.aborted;
        const code = networkCode(error);
        failure = new ControlRoomError({
          status: 0,
          code: timedOut ? "timeout" : "unreachable",
          message: timedOut ? `Control Room did not answer ${method} ${path} in time` : `Control Room could not be reached (${code ?? String(error)})`,
          cause: error,
        });
        retryable = request.idempotent || (code !== undefined && NOT_SENT.has(code));
      }
      if (!retryable || last) throw failure;
      await sleep(delayFor(attempt, failure.retryAfterMs), request.signal);
    }
  }

  function delayFor(attempt: number, retryAfterMs: number | undefined): number {
    const backoff = BASE_DELAY_MS * 2 ** attempt * (0.5 + Math.random() / 2);
    return Math.min(options.maxRetryDelayMs, retryAfterMs ?? backoff);
  }

  return {
    options,
    send,
    async json<T>(method: string, path: string, request: RequestOptions): Promise<T> {
      const response = await send(method, path, request);
      return (await response.json()) as T;
    },
  };
}

async function errorOf(response: Response): Promise<ControlRoomError> {
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  return new ControlRoomError({
    status: response.status,
    code: typeof error?.code === "string" ? error.code : `http_${response.status}`,
    message: typeof error?.message === "string" ? error.message : `Control Room answered ${response.status} ${response.statusText}`.trim(),
    details: error?.details,
    retryAfterMs,
  });
}

/** Retry-After as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function networkCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
