import { Client } from "pg";
import { databaseTarget, embeddedDatabase } from "./client";

// LISTEN on one channel, on PostgreSQL or the embedded PGlite: the transport that carries changes to
// every replica (lib/events uses it; nothing here knows what the messages mean). On PostgreSQL a
// dedicated connection (LISTEN does not survive a pooled one) is reconnected with backoff; onConnected
// runs after every (re)connection, because anything sent while the connection was down is lost.

export type NotifyListener = { stop: () => Promise<void> };
export type ListenOptions = {
  channel: string;
  onMessage: (payload: string) => void;
  onConnected: () => void;
  log?: (line: string) => void;
};

const MAX_RETRY_MS = 30_000;

// Resolves once the first LISTEN is in place (or its first attempt failed and retries have begun).
export async function listenForNotifications(options: ListenOptions): Promise<NotifyListener> {
  const target = databaseTarget();
  if (target.kind === "pglite") {
    const pglite = embeddedDatabase();
    if (!pglite) throw new Error("The embedded database is not open");
    const unlisten = await pglite.listen(options.channel, (payload) => options.onMessage(payload));
    options.onConnected();
    return { stop: () => unlisten() };
  }
  return listenOnPostgres(target.url, options);
}

async function listenOnPostgres(url: string, { channel, onMessage, onConnected, log = () => {} }: ListenOptions): Promise<NotifyListener> {
  let client: Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;
  let stopped = false;

  const retry = (error: unknown) => {
    if (stopped || retryTimer) return;
    const current = client;
    client = undefined;
    current?.removeAllListeners();
    current?.on("error", () => {});
    void current?.end().catch(() => {});
    const delay = Math.min(MAX_RETRY_MS, 1000 * 2 ** failures);
    failures += 1;
    log(`listener on ${channel} lost its connection (${(error as Error)?.message ?? error}); retrying in ${delay / 1000} s`);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, delay);
    retryTimer.unref();
  };

  const connect = async () => {
    const next = new Client({ connectionString: url });
    client = next;
    next.on("error", retry);
    next.on("end", () => retry(new Error("connection ended")));
    next.on("notification", (message) => {
      if (message.channel === channel && message.payload !== undefined) onMessage(message.payload);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
      if (failures > 0) log(`listener on ${channel} reconnected`);
      failures = 0;
      onConnected();
    } catch (error) {
      if (client === next) retry(error);
    }
  };

  await connect();
  return {
    stop: async () => {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = undefined;
      current?.removeAllListeners();
      current?.on("error", () => {});
      await current?.end().catch(() => {});
    },
  };
}
