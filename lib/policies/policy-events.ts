import { Client } from "pg";
import { databaseTarget, embeddedDatabase, type Tx } from "../db/client";
import { invalidateAllPolicies, invalidatePolicies } from "../guard/load-policies";

// Policy changes reach every replica's guard cache through Postgres LISTEN/NOTIFY (PGlite has it too),
// so N replicas behave like one. The NOTIFY is sent inside the change's transaction: Postgres delivers
// it on commit, never for a rolled-back change.

export const POLICY_CHANNEL = "controlroom_policies";
const MAX_RETRY_MS = 30_000;

export async function publishPolicyChange(tx: Tx, agentId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${POLICY_CHANNEL}, ${agentId})`;
}

type Listener = { stop: () => Promise<void> };
const globalForListener = globalThis as unknown as { controlRoomPolicyListener?: Listener };

const onNotification = (payload: string | undefined) => {
  if (payload) invalidatePolicies(payload);
  else invalidateAllPolicies();
};

// Started once per process (lib/db/startup.ts); later calls return the running listener.
export async function startPolicyListener(log: (line: string) => void = () => {}): Promise<Listener> {
  if (globalForListener.controlRoomPolicyListener) return globalForListener.controlRoomPolicyListener;
  const target = databaseTarget();
  let listener: Listener;
  if (target.kind === "pglite") {
    const pglite = embeddedDatabase();
    if (!pglite) throw new Error("The embedded database is not open");
    const unlisten = await pglite.listen(POLICY_CHANNEL, onNotification);
    listener = { stop: () => unlisten() };
  } else {
    listener = listenOnPostgres(target.url, log);
  }
  globalForListener.controlRoomPolicyListener = listener;
  return listener;
}

export async function stopPolicyListener(): Promise<void> {
  const listener = globalForListener.controlRoomPolicyListener;
  globalForListener.controlRoomPolicyListener = undefined;
  await listener?.stop();
}

// A dedicated connection (LISTEN does not survive a pooled one), reconnected with backoff. Each
// (re)connection clears the whole cache: anything sent while it was down is lost.
function listenOnPostgres(url: string, log: (line: string) => void): Listener {
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
    log(`policy change listener lost its connection (${(error as Error)?.message ?? error}); retrying in ${delay / 1000} s`);
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
      if (message.channel === POLICY_CHANNEL) onNotification(message.payload);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${POLICY_CHANNEL}`);
      if (failures > 0) log("policy change listener reconnected");
      failures = 0;
      invalidateAllPolicies();
    } catch (error) {
      if (client === next) retry(error);
    }
  };

  void connect();
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
