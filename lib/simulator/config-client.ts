// The config call as a simulated agent makes it (DESIGN.md): GET /api/v1/agents/self/config?sessionId=
// with the agent's own key, once per task. Nothing is cached: the server keeps a session on the version
// it first served (sticky), and a rollback or promotion is served to the very next task.
export type ServedConfig = {
  agent: string;
  version: { id: string; label: string; stage: "production" | "canary" };
  model: string;
  prompt: string;
  params: Record<string, unknown>;
  knowledgeBase: { id: string; version: string } | null;
  tools: { name: string; config?: Record<string, unknown> }[];
  policyVersion: string | null;
  sessionId: string | null;
};

// served: run the task with it. no_production_version: nothing is deployed, the agent has nothing to
// run (the task is skipped). unavailable: Control Room could not be asked or answered with an error; a
// guarded agent does not run on a configuration it could not fetch (the task is skipped too).
export type ConfigAnswer =
  | { kind: "served"; config: ServedConfig }
  | { kind: "no_production_version"; message: string }
  | { kind: "unavailable"; message: string };

export type ConfigClient = { fetch(sessionId: string): Promise<ConfigAnswer> };

const TIMEOUT_MS = 10_000;
const ATTEMPTS = 2;

export function httpConfigClient(baseUrl: string, agentKey: string): ConfigClient {
  const base = baseUrl.replace(/\/$/, "");
  const once = async (sessionId: string): Promise<{ answer: ConfigAnswer; retryAfterS?: number }> => {
    try {
      const response = await fetch(`${base}/api/v1/agents/self/config?sessionId=${encodeURIComponent(sessionId)}`, {
        headers: { Authorization: `Bearer ${agentKey}` },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = await response.text();
      const body = parseJson(text) as (ServedConfig & { error?: { code: string; message: string } }) | null;
      if (response.ok && body?.version?.label && body.model) return { answer: { kind: "served", config: body } };
      if (response.status === 404 && body?.error?.code === "no_production_version") return { answer: { kind: "no_production_version", message: body.error.message } };
      const message = body?.error ? `HTTP ${response.status} ${body.error.code}: ${body.error.message}` : `HTTP ${response.status}: ${text.slice(0, 160) || "empty body"}`;
      const transient = response.status === 429 || response.status === 503;
      return { answer: { kind: "unavailable", message }, retryAfterS: transient ? Number(response.headers.get("retry-after")) || 1 : undefined };
    } catch (error) {
      return { answer: { kind: "unavailable", message: (error as Error).message }, retryAfterS: 1 };
    }
  };
  return {
    async fetch(sessionId) {
      for (let attempt = 1; ; attempt++) {
        const { answer, retryAfterS } = await once(sessionId);
        if (retryAfterS === undefined || attempt >= ATTEMPTS) return answer;
        await new Promise((resolve) => setTimeout(resolve, retryAfterS * 1000));
      }
    },
  };
}

// Reading the bundle: a tool's configuration and a parameter, with the agent's own default when the
// bundle does not set it.
export function toolConfig(config: ServedConfig, tool: string): Record<string, unknown> {
  return config.tools.find((entry) => entry.name === tool)?.config ?? {};
}

export function param<T extends string | number>(config: ServedConfig, name: string, fallback: T): T {
  const value = config.params[name];
  return typeof value === typeof fallback ? (value as T) : fallback;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
