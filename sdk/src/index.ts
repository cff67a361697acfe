import { createConfig, type ConfigCacheOptions } from "./config.js";
import { createEvaluations } from "./evaluations.js";
import { createGuard } from "./guard.js";
import { createTransport, type ClientOptions } from "./http.js";

export { ControlRoomError, isControlRoomError } from "./errors.js";
export { parseRetryAfter, type ClientOptions, type FetchLike } from "./http.js";
export type { WaitOptions } from "./guard.js";
export type { ConfigCacheOptions, ConfigSource } from "./config.js";
export { EVAL_ITEM_ID_ATTRIBUTE, EVAL_RUN_ID_ATTRIBUTE, type EvaluationOptions, type EvaluationOutcome } from "./evaluations.js";
export type * from "./types.js";

export type ControlRoomOptions = ClientOptions & { config?: ConfigCacheOptions };
export type ControlRoom = ReturnType<typeof createControlRoom>;

/** One client per agent process: the guard, the config call and the evaluation harness over one key. */
export function createControlRoom(options: ControlRoomOptions) {
  const transport = createTransport(options);
  return {
    ...createGuard(transport),
    ...createConfig(transport, options.config),
    ...createEvaluations(transport),
    /** Any other call of the API with the same key, retries and error model (e.g. GET /api/v1/traces/{id} with an admin key). */
    request: <T = unknown>(method: string, path: string, body?: unknown): Promise<T> =>
      transport.json<T>(method, path, { body, idempotent: method === "GET" }),
  };
}
