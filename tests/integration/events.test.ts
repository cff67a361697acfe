import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db, databaseTarget } from "../../lib/db/client";
import { transaction } from "../../lib/db/transaction";
import { listenForNotifications, type NotifyListener } from "../../lib/db/notify-listener";
import { cache } from "../../lib/cache/cache";
import { emit, EVENT_CHANNEL, type EventMessage } from "../../lib/events/emit";
import { on, onTransaction, subscriptions } from "../../lib/events/registry";
import { startEventListener, stopEventListener } from "../../lib/events/listen-for-events";
import { makeAgent, makeTeam } from "./helpers";
import { testPromoted } from "./fixtures/test-events";

// The change-event seam (lib/events): an event emitted in a transaction reaches this process's
// subscribers after commit and other replicas through NOTIFY, and nobody when the transaction rolls back.

const heardHere: Array<{ agentId: string; label: string }> = [];
on(testPromoted, "record what this process heard", (payload) => void heardHere.push(payload));

// Every NOTIFY on the events channel, whoever sent it (what another replica would receive).
const onChannel: EventMessage[] = [];
let channel: NotifyListener;

beforeAll(async () => {
  await startEventListener();
  channel = await listenForNotifications({ channel: EVENT_CHANNEL, onConnected: () => {}, onMessage: (raw) => void onChannel.push(JSON.parse(raw)) });
});

afterAll(async () => {
  await channel.stop();
  await stopEventListener();
});

const sent = (agentId: string) => onChannel.filter((message) => (message.payload as { agentId?: string }).agentId === agentId);

describe("an event emitted in a transaction", () => {
  it("reaches nobody when the transaction rolls back", async () => {
    const agentId = crypto.randomUUID();
    await expect(
      transaction(async (tx) => {
        await emit(tx, testPromoted, { agentId, label: "v2" });
        throw new Error("the change fails after emitting");
      }),
    ).rejects.toThrow("the change fails");
    // A later committed event arrives: anything the rolled-back one sent would have arrived before it.
    const marker = crypto.randomUUID();
    await transaction((tx) => emit(tx, testPromoted, { agentId: marker, label: "marker" }));
    await expect.poll(() => sent(marker).length, { timeout: 5000 }).toBe(1);
    expect(sent(agentId)).toEqual([]);
    expect(heardHere.filter((payload) => payload.agentId === agentId)).toEqual([]);
  });

  it("reaches this process's subscribers once it commits, before the writer returns", async () => {
    const agentId = crypto.randomUUID();
    let heardInside = -1;
    await transaction(async (tx) => {
      await emit(tx, testPromoted, { agentId, label: "v3" });
      heardInside = heardHere.filter((payload) => payload.agentId === agentId).length;
    });
    expect(heardInside).toBe(0);
    expect(heardHere.filter((payload) => payload.agentId === agentId)).toEqual([{ agentId, label: "v3" }]);
    // And NOTIFY carries it to the other replicas, marked with this process's id (its own listener skips it).
    await expect.poll(() => sent(agentId).length, { timeout: 5000 }).toBe(1);
    expect(heardHere.filter((payload) => payload.agentId === agentId)).toHaveLength(1);
  });

  it("runs in-transaction reactions whose writes commit or roll back with the change", async () => {
    const team = await makeTeam("events");
    const agent = await makeAgent(team);
    onTransaction(testPromoted, "rename the agent in the same transaction", async (tx, { agentId, label }) => {
      await tx.agent.updateMany({ where: { id: agentId }, data: { description: `promoted to ${label}` } });
    });
    await expect(
      transaction(async (tx) => {
        await emit(tx, testPromoted, { agentId: agent.id, label: "v4" });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect((await db().agent.findUniqueOrThrow({ where: { id: agent.id } })).description).not.toBe("promoted to v4");
    await transaction((tx) => emit(tx, testPromoted, { agentId: agent.id, label: "v5" }));
    expect((await db().agent.findUniqueOrThrow({ where: { id: agent.id } })).description).toBe("promoted to v5");
    expect(subscriptions()).toContainEqual({ event: "test.promoted", reaction: "rename the agent in the same transaction", when: "in transaction" });
  });

  // Next.js loads a module more than once in a process: a route's copy opens the transaction and the
  // start-up copy's in-transaction reactions emit inside it.
  it("is delivered when the transaction and the emit come from different copies of the modules", async () => {
    vi.resetModules();
    const copy = await import("../../lib/events/emit");
    expect(copy.emit).not.toBe(emit);
    const agentId = crypto.randomUUID();
    await transaction((tx) => copy.emit(tx, testPromoted, { agentId, label: "copy" }));
    expect(heardHere.filter((payload) => payload.agentId === agentId)).toEqual([{ agentId, label: "copy" }]);
  });

  it("refuses to emit in a transaction whose commit it cannot see", async () => {
    await expect(db().$transaction((tx) => emit(tx, testPromoted, { agentId: crypto.randomUUID(), label: "x" }))).rejects.toThrow(/afterCommit/);
  });
});

describe("a promotion-like change", () => {
  const names = cache<string>({ name: "test-agent-names", ttlMs: 600_000 });
  on(testPromoted, "forget this process's cached name", ({ agentId }) => names.forget(agentId));
  const readName = (agentId: string) => names.get(agentId, async () => (await db().agent.findUniqueOrThrow({ where: { id: agentId } })).name);

  async function promote(agentId: string, name: string) {
    await transaction(async (tx) => {
      await tx.agent.update({ where: { id: agentId }, data: { name } });
      await emit(tx, testPromoted, { agentId, label: name });
    });
  }

  it("invalidates the cached value in this process", async () => {
    const agent = await makeAgent(await makeTeam("events-cache"), { name: "before" });
    expect(await readName(agent.id)).toBe("before");
    await db().agent.update({ where: { id: agent.id }, data: { name: "changed without an event" } });
    expect(await readName(agent.id)).toBe("before"); // cached: only an event makes it read again
    await promote(agent.id, "after");
    expect(await readName(agent.id)).toBe("after");
  });

  // A second replica needs a database two processes share: PostgreSQL (PGlite here is in memory).
  it.skipIf(databaseTarget().kind !== "postgres")("invalidates it on a second replica (its own process and Prisma client)", async () => {
    const agent = await makeAgent(await makeTeam("events-replica"), { name: "replica-before" });
    const replica = startReplica(agent.id);
    try {
      expect(await replica.next()).toEqual({ ready: true, name: "replica-before" });
      await promote(agent.id, "replica-after");
      expect(await replica.next()).toEqual({ heard: { agentId: agent.id, label: "replica-after" }, name: "replica-after" });
      expect(await readName(agent.id)).toBe("replica-after");
    } finally {
      replica.child.stdin.end();
    }
  }, 120_000);
});

function startReplica(agentId: string) {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "tests/integration/fixtures/event-replica.ts", agentId],
    { cwd: process.cwd(), env: { ...process.env, DATABASE_POOL_SIZE: "2" } },
  );
  let errors = "";
  child.stderr.on("data", (chunk) => (errors += chunk));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    child,
    next: async () => {
      const line = await lines.next();
      if (line.done) throw new Error(`the replica stopped: ${errors}`);
      return JSON.parse(line.value) as object;
    },
  };
}
