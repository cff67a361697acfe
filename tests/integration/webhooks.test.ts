import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { transaction } from "../../lib/db/transaction";
import { raiseAlert } from "../../lib/alerts/raise-alert";
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks } from "../../lib/webhooks/manage-webhooks";
import { claimDueDeliveries, deliverDueWebhooks, MAX_ATTEMPTS } from "../../lib/webhooks/send-deliveries";
import { webhookPassesSettled } from "../../lib/webhooks/subscriptions";
import { auditOf, expectAppError, makeAgent, makeTeam, makeUser, onPostgres, unique, type TestTeam } from "./helpers";

// A local receiver: answers each request with the next status in `answers` (then 200) and keeps what it got.
type Received = { headers: IncomingHttpHeaders; body: string };
let server: Server;
let baseUrl: string;
const inbox = new Map<string, { answers: number[]; received: Received[] }>();

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const box = inbox.get(request.url ?? "");
      box?.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.statusCode = box?.answers.shift() ?? (box ? 200 : 404);
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function receiver(answers: number[] = []) {
  const path = `/hook-${unique()}`;
  const box = { answers, received: [] as Received[] };
  inbox.set(path, box);
  return { url: `${baseUrl}${path}`, box };
}

async function raiseFor(team: TestTeam) {
  const agent = await makeAgent(team);
  const id = await raiseAlert({ kind: "drift", severity: "critical", agentId: agent.id, teamId: team.id, title: "Approval rate drifted", metric: "outcome_rate:approved", dedupeKey: `test:${unique()}` });
  // The after-commit pass (lib/webhooks/subscriptions.ts) sends the first attempt.
  await webhookPassesSettled();
  return { id: id!, agent };
}

describe("webhook management", () => {
  it("admins create, list (without the secret), and delete webhooks; each is audited", async () => {
    const team = await makeTeam();
    const admin = await makeUser("admin");
    const webhook = await createWebhook(admin, { team: team.name, url: "https://hooks.example.test/x", events: ["alert.raised"], secret: "s".repeat(20) });
    expect(webhook).toMatchObject({ team: { id: team.id }, signed: true, events: ["alert.raised"] });
    expect(JSON.stringify(await listWebhooks(admin))).not.toContain("s".repeat(20));
    await deleteWebhook(admin, webhook.id);
    expect((await listWebhooks(admin)).map((row) => row.id)).not.toContain(webhook.id);
    expect((await auditOf(webhook.id)).map((entry) => entry.action)).toEqual(["webhook.create", "webhook.delete"]);
  });

  it("refuses URLs that are not http(s), and roles other than admin", async () => {
    const team = await makeTeam();
    const admin = await makeUser("admin");
    for (const url of ["ftp://example.test/x", "javascript:alert(1)", "file:///etc/passwd", "not a url"]) {
      await expect(createWebhook(admin, { team: team.id, url, events: ["alert.raised"] })).rejects.toThrow(/http/);
    }
    for (const role of ["viewer", "operator", "developer", "reviewer"] as const) {
      const user = await makeUser(role, [team.id]);
      await expectAppError(createWebhook(user, { team: team.id, url: "https://example.test", events: ["alert.raised"] }), "forbidden");
      await expectAppError(listWebhooks(user), "forbidden");
    }
  });
});

describe("webhook delivery", () => {
  it("POSTs a Slack-compatible body with the event and the alert, signed with the secret", async () => {
    const team = await makeTeam();
    const admin = await makeUser("admin");
    const secret = `secret-${unique()}`;
    const { url, box } = receiver();
    const webhook = await createWebhook(admin, { team: team.id, url, events: ["alert.raised"], secret });
    const { id, agent } = await raiseFor(team);

    expect(box.received).toHaveLength(1);
    const [request] = box.received;
    const expected = `sha256=${createHmac("sha256", secret).update(request.body).digest("hex")}`;
    expect(request.headers["x-controlroom-signature"]).toBe(expected);
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({ event: "alert.raised", alert: { id, kind: "drift", severity: "critical", agent: { slug: agent.slug }, status: "open" } });
    expect(body.text).toContain("Approval rate drifted");
    expect(Array.isArray(body.blocks)).toBe(true);

    const [delivery] = await listDeliveries(admin, webhook.id);
    expect(delivery).toMatchObject({ status: "delivered", attempts: 1, alertId: id, attemptLog: [{ attempt: 1, statusCode: 200, error: null }] });
  });

  it("an unsigned webhook gets no signature header; another team's alert is not sent to it", async () => {
    const team = await makeTeam();
    const other = await makeTeam();
    const admin = await makeUser("admin");
    const { url, box } = receiver();
    await createWebhook(admin, { team: team.id, url, events: ["alert.raised"] });
    await raiseFor(other);
    expect(box.received).toHaveLength(0);
    await raiseFor(team);
    expect(box.received).toHaveLength(1);
    expect(box.received[0].headers["x-controlroom-signature"]).toBeUndefined();
  });

  it("a 500 is retried after the backoff and then succeeds; every attempt is logged", async () => {
    const team = await makeTeam();
    const admin = await makeUser("admin");
    const { url, box } = receiver([500]);
    const webhook = await createWebhook(admin, { team: team.id, url, events: ["alert.raised"] });
    const raisedAt = Date.now();
    await raiseFor(team);
    expect(box.received).toHaveLength(1);
    let [delivery] = await listDeliveries(admin, webhook.id);
    expect(delivery).toMatchObject({ status: "pending", attempts: 1, attemptLog: [{ statusCode: 500, error: "HTTP 500" }] });
    // The first retry is due within 30 s of the first attempt.
    expect(new Date(delivery.nextAttemptAt!).getTime() - raisedAt).toBeLessThanOrEqual(30_000);

    // Not due yet: nothing is sent.
    expect((await deliverDueWebhooks({ webhookIds: [webhook.id] })).claimed).toBe(0);
    const result = await deliverDueWebhooks({ at: new Date(raisedAt + 30_000), webhookIds: [webhook.id] });
    expect(result).toMatchObject({ claimed: 1, delivered: 1 });
    expect(box.received).toHaveLength(2);
    expect(box.received[1].body).toBe(box.received[0].body);
    [delivery] = await listDeliveries(admin, webhook.id);
    expect(delivery.status).toBe("delivered");
    expect(delivery.attemptLog.map((attempt) => [attempt.attempt, attempt.statusCode])).toEqual([
      [1, 500],
      [2, 200],
    ]);
  });

  it(`gives up after ${MAX_ATTEMPTS} failed attempts, with an error logged for an unreachable URL`, async () => {
    const team = await makeTeam();
    const admin = await makeUser("admin");
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const webhook = await createWebhook(admin, { team: team.id, url: `http://127.0.0.1:${port}/gone`, events: ["alert.raised"] });
    await raiseFor(team);
    for (let hour = 1; hour < MAX_ATTEMPTS + 2; hour += 1) {
      await deliverDueWebhooks({ at: new Date(Date.now() + hour * 3600_000), webhookIds: [webhook.id] });
    }
    const [delivery] = await listDeliveries(admin, webhook.id);
    expect(delivery.status).toBe("failed");
    expect(delivery.attemptLog).toHaveLength(MAX_ATTEMPTS);
    expect(delivery.attemptLog.every((attempt) => attempt.statusCode === null && attempt.error)).toBe(true);
  });

  it("a claimed delivery is not claimed again while it is being sent (the lease)", async () => {
    const team = await makeTeam();
    const admin = await makeUser("admin");
    const webhook = await createWebhook(admin, { team: team.id, url: "http://127.0.0.1:9/never", events: ["alert.raised"] });
    const alert = await db().alert.create({ data: { kind: "drift", teamId: team.id, title: "x", dedupeKey: `test:${unique()}` } });
    await db().webhookDelivery.create({ data: { webhookId: webhook.id, event: "alert.raised", alertId: alert.id, body: "{}" } });
    expect(await claimDueDeliveries({ webhookIds: [webhook.id] })).toHaveLength(1);
    expect(await claimDueDeliveries({ webhookIds: [webhook.id] })).toHaveLength(0);
  });

  it.skipIf(!onPostgres)("a delivery locked by another replica's claim is skipped, not waited for (FOR UPDATE SKIP LOCKED)", async () => {
    const team = await makeTeam();
    const admin = await makeUser("admin");
    const webhook = await createWebhook(admin, { team: team.id, url: "http://127.0.0.1:9/never", events: ["alert.raised"] });
    const [first, second] = await Promise.all(
      [1, 2].map(() => db().webhookDelivery.create({ data: { webhookId: webhook.id, event: "alert.raised", body: "{}" } })),
    );
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM webhook_deliveries WHERE id = ${first.id}::uuid FOR UPDATE`;
      locked();
      await released;
    });
    await isLocked;
    const claimed = await claimDueDeliveries({ webhookIds: [webhook.id] });
    release();
    await holder;
    expect(claimed.map((row) => row.id)).toEqual([second.id]);
  });
});
