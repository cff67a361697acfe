import { ControlRoomError } from "./errors.js";
import type { Transport } from "./http.js";
import type { AgentConfig } from "./types.js";

export type ConfigCacheOptions = {
  /** Sessions whose config is kept (least recently used dropped first). Default 1,000. */
  maxSessions?: number;
  /** Called when a kept config is served because Control Room could not be reached. */
  onStale?: (sessionId: string | undefined, error: ControlRoomError) => void;
};

export type ConfigSource = "server" | "not_modified" | "stale";

// GET /api/v1/agents/self/config?sessionId=, cached as the README advises: the server keeps the session
// on its version (sticky) and answers ETag = the version id with Cache-Control: no-cache, so every call
// revalidates its copy with If-None-Match (a 304 costs no body) and a rollback reaches the very next call.
// When Control Room cannot be reached, the session's last config is served (stale) rather than failing
// the task; with nothing kept, the error is thrown.
export function createConfig(transport: Transport, cacheOptions: ConfigCacheOptions = {}) {
  const maxSessions = Math.max(1, cacheOptions.maxSessions ?? 1000);
  const kept = new Map<string, { etag: string | null; config: AgentConfig }>();

  function keep(key: string, entry: { etag: string | null; config: AgentConfig }) {
    kept.delete(key);
    kept.set(key, entry);
    while (kept.size > maxSessions) kept.delete(kept.keys().next().value as string);
  }

  async function getConfigWithSource(sessionId?: string): Promise<{ config: AgentConfig; source: ConfigSource }> {
    const key = sessionId ?? "";
    const cached = kept.get(key);
    let response: Response;
    try {
      response = await transport.send("GET", "/api/v1/agents/self/config", {
        query: { sessionId },
        headers: cached?.etag ? { "If-None-Match": cached.etag } : {},
        idempotent: true,
      });
    } catch (error) {
      if (cached && error instanceof ControlRoomError && error.unavailable) {
        cacheOptions.onStale?.(sessionId, error);
        keep(key, cached);
        return { config: cached.config, source: "stale" };
      }
      throw error;
    }
    if (response.status === 304 && cached) {
      keep(key, cached);
      return { config: cached.config, source: "not_modified" };
    }
    if (response.status === 304) throw new ControlRoomError({ status: 304, code: "not_modified", message: "Control Room answered 304 to a request that sent no ETag" });
    const config = (await response.json()) as AgentConfig;
    keep(key, { etag: response.headers.get("etag"), config });
    return { config, source: "server" };
  }

  return {
    /** The version this session must run (sticky per session), revalidated on every call; the kept copy when Control Room is unreachable. */
    getConfig: async (sessionId?: string): Promise<AgentConfig> => (await getConfigWithSource(sessionId)).config,
    /** getConfig, saying where the answer came from: the server, the kept copy after a 304, or the kept copy because Control Room was unreachable. */
    getConfigWithSource,
    /** Forget the kept config of one session (or of all). */
    forgetConfig(sessionId?: string | null) {
      if (sessionId === null) kept.clear();
      else kept.delete(sessionId ?? "");
    },
  };
}
