import { Client } from "pg";
import { databaseTarget, embeddedDatabase, type Tx } from "./client";
import { invalidateAllPolicies, invalidatePolicies } from "../policies/load-policies";
import { forgetCachedAgents } from "../agents/cached-agents";
import { announceDecision } from "../guard/decision-events";

// Changes that other replicas' caches must hear about go through Postgres LISTEN/NOTIFY (PGlite has it
// too), so N replicas behave like one: policy changes (the guard's policy cache), agent changes
// (revoked keys, paused, terminated or moved agents, renamed teams and their budgets: what
// lib/agents/cached-agents.ts keeps) and reviewers' decisions (which wake the agents long-polling for
// them on any replica). The NOTIFY is sent inside the change's transaction: Postgres delivers it on
// commit, never for a rolled-back change.

export const POLICY_CHANNEL = "controlroom_policies";
export const AGENT_CHANNEL = "controlroom_agents";
export const DECISION_CHANNEL = "controlroom_decisions";
const CHANNELS = [POLICY_CHANNEL, AGENT_CHANNEL, DECISION_CHANNEL];
const MAX_RETRY_MS = 30_000;

export async function publishPolicyChange(tx: Tx, agentId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${POLICY_CHANNEL}, ${agentId})`;
}

export async function publishDecision(tx: Tx, decisionId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${DECISION_CHANNEL}, ${decisionId})`;
}

export async function publishAgentChange(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${AGENT_CHANNEL}, '')`;
}

type Listener = { stop: () => Promise<void> };
const globalForListener = globalThis as unknown as { controlRoomChangeListener?: Listener };

function onNotification(channel: string, payload: string | undefined) {
  if (channel === AGENT_CHANNEL) forgetCachedAgents();
  else if (channel === DECISION_CHANNEL) {
    if (payload) announceDecision(payload);
  } else if (payload) invalidatePolicies(payload);
  else invalidateAllPolicies();
}

// What a (re)connected listener may have missed: everything.
function forgetEverything() {
  invalidateAllPolicies();
  forgetCachedAgents();
}

// Started once per process (lib/db/startup.ts); later calls return the running listener.
export async function startChangeListener(log: (line: string) => void = () => {}): Promise<Listener> {
  if (globalForListener.controlRoomChangeListener) return globalForListener.controlRoomChangeListener;
  const target = databaseTarget();
  let listener: Listener;
  if (target.kind === "pglite") {
    const pglite = embeddedDatabase();
    if (!pglite) throw new Error("The embedded database is not open");
    const unlistens = await Promise.all(CHANNELS.map((channel) => pglite.listen(channel, (payload) => onNotification(channel, payload))));
    listener = { stop: async () => void (await Promise.all(unlistens.map((unlisten) => unlisten()))) };
  } else {
    listener = listenOnPostgres(target.url, log);
  }
  globalForListener.controlRoomChangeListener = listener;
  return listener;
}

export async function stopChangeListener(): Promise<void> {
  const listener = globalForListener.controlRoomChangeListener;
  globalForListener.controlRoomChangeListener = undefined;
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
    log(`change listener lost its connection (${(error as Error)?.message ?? error}); retrying in ${delay / 1000} s`);
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
      if (CHANNELS.includes(message.channel)) onNotification(message.channel, message.payload);
    });
    try {
      await next.connect();
      for (const channel of CHANNELS) await next.query(`LISTEN ${channel}`);
      if (failures > 0) log("change listener reconnected");
      failures = 0;
      forgetEverything();
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
