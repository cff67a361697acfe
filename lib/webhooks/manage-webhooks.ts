import { db } from "../db/client";
import { transaction } from "../db/transaction";
import { actorOf, assertCan, type Principal } from "../auth/principal";
import { assertVisible, notVisible, teamAccess } from "../auth/team-access";
import { isUuid } from "../db/ids";
import { recordAudit } from "../audit/record-audit";
import { resolveTeam } from "../teams/resolve-team";
import { createWebhookSchema, listDeliveriesQuerySchema, type DeliveryView, type WebhookView } from "./schemas";

type WebhookRow = { id: string; teamId: string; url: string; events: string[]; secret: string | null; createdBy: string; createdAt: Date };

async function toViews(rows: WebhookRow[]): Promise<WebhookView[]> {
  const teams = new Map((await db().team.findMany({ where: { id: { in: [...new Set(rows.map((row) => row.teamId))] } }, select: { id: true, name: true } })).map((team) => [team.id, team]));
  return rows.map((row) => ({
    id: row.id,
    team: teams.get(row.teamId) ?? { id: row.teamId, name: "(deleted team)" },
    url: row.url,
    events: row.events,
    signed: row.secret !== null,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  }));
}

// Admins only (alerts:manage). The secret is stored to sign with and never shown again.
export async function createWebhook(principal: Principal, rawInput: unknown): Promise<WebhookView> {
  assertCan(principal, "alerts:manage");
  const input = createWebhookSchema.parse(rawInput);
  const row = await transaction(async (tx) => {
    const team = await resolveTeam(tx, input.team);
    assertVisible(principal, team.id, "Team");
    const created = await tx.webhook.create({
      data: { teamId: team.id, url: input.url, events: input.events, secret: input.secret ?? null, createdBy: actorOf(principal).actorLabel ?? "unknown" },
    });
    await recordAudit(tx, principal, {
      action: "webhook.create",
      targetType: "webhook",
      targetId: created.id,
      teamId: team.id,
      after: { url: created.url, events: created.events, signed: created.secret !== null },
    });
    return created;
  });
  return (await toViews([row]))[0];
}

export async function listWebhooks(principal: Principal): Promise<WebhookView[]> {
  assertCan(principal, "alerts:manage");
  const rows = await db().webhook.findMany({ where: teamAccess(principal).where(), orderBy: { createdAt: "desc" } });
  return toViews(rows);
}

async function findVisible(principal: Principal, webhookId: string) {
  const webhook = isUuid(webhookId) ? await db().webhook.findUnique({ where: { id: webhookId } }) : null;
  if (!webhook) throw notVisible("Webhook");
  assertVisible(principal, webhook.teamId, "Webhook");
  return webhook;
}

// Deleting drops its queued deliveries and their log with it (nothing more will be sent).
export async function deleteWebhook(principal: Principal, webhookId: string): Promise<WebhookView> {
  assertCan(principal, "alerts:manage");
  const webhook = await findVisible(principal, webhookId);
  const [view] = await toViews([webhook]);
  await transaction(async (tx) => {
    await tx.webhook.delete({ where: { id: webhook.id } });
    await recordAudit(tx, principal, {
      action: "webhook.delete",
      targetType: "webhook",
      targetId: webhook.id,
      teamId: webhook.teamId,
      before: { url: webhook.url, events: webhook.events, signed: webhook.secret !== null },
    });
  });
  return view;
}

// The webhook's deliveries, newest first, each with every attempt (status code, error, duration).
export async function listDeliveries(principal: Principal, webhookId: string, rawQuery: unknown = {}): Promise<DeliveryView[]> {
  assertCan(principal, "alerts:manage");
  const { limit } = listDeliveriesQuerySchema.parse(rawQuery ?? {});
  const webhook = await findVisible(principal, webhookId);
  const deliveries = await db().webhookDelivery.findMany({
    where: { webhookId: webhook.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    include: { attemptsLog: { orderBy: { attempt: "asc" } } },
  });
  return deliveries.map((delivery) => ({
    id: delivery.id,
    event: delivery.event,
    alertId: delivery.alertId,
    status: delivery.status as DeliveryView["status"],
    attempts: delivery.attempts,
    nextAttemptAt: delivery.status === "pending" ? delivery.nextAttemptAt : null,
    createdAt: delivery.createdAt,
    deliveredAt: delivery.deliveredAt,
    attemptLog: delivery.attemptsLog.map(({ attempt, at, statusCode, error, durationMs }) => ({ attempt, at, statusCode, error, durationMs })),
  }));
}
