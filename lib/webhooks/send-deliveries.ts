import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client";
import { transaction } from "../db/transaction";
import { signatureOf } from "./delivery-body";

// After the first attempt, retries wait 5 s, 25 s, 2 min and 10 min; the fifth failure gives up.
export const RETRY_DELAYS_MS = [5_000, 25_000, 120_000, 600_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
export const SEND_TIMEOUT_MS = 5_000;
// A claimed delivery is not claimed again for this long: a replica that dies mid-send leaves it to be
// retried after the lease, and one that lives records the outcome long before.
const LEASE_MS = 60_000;
const MAX_ERROR_CHARS = 500;

type Claimed = { id: string; webhook_id: string; body: string; attempts: number; event: string; url: string; secret: string | null };

// Claims due deliveries: FOR UPDATE SKIP LOCKED so two replicas never take the same row, and the
// lease (next_attempt_at moved on, attempts counted) so none takes it again while it is being sent.
export async function claimDueDeliveries(options: { at?: Date; limit?: number; webhookIds?: string[] } = {}): Promise<Claimed[]> {
  const at = options.at ?? new Date();
  const onlyThese = options.webhookIds ? Prisma.sql`AND webhook_id IN (${Prisma.join(options.webhookIds.map((id) => Prisma.sql`${id}::uuid`))})` : Prisma.empty;
  return db().$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT id FROM webhook_deliveries
      WHERE status = 'pending' AND next_attempt_at <= ${at} ${onlyThese}
      ORDER BY next_attempt_at
      LIMIT ${options.limit ?? 20}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE webhook_deliveries AS d
    SET attempts = d.attempts + 1, next_attempt_at = ${new Date(at.getTime() + LEASE_MS)}
    FROM due, webhooks AS w
    WHERE d.id = due.id AND w.id = d.webhook_id
    RETURNING d.id, d.webhook_id, d.body, d.attempts, d.event, w.url, w.secret`;
}

type Outcome = { statusCode: number | null; error: string | null; durationMs: number };

async function send(delivery: Claimed): Promise<Outcome> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "ControlRoom-Webhooks/1",
    "x-controlroom-event": delivery.event,
    "x-controlroom-delivery": delivery.id,
  };
  if (delivery.secret) headers["x-controlroom-signature"] = signatureOf(delivery.body, delivery.secret);
  const started = performance.now();
  try {
    // No redirects: the admin chose this URL, not whoever answers it.
    const response = await fetch(delivery.url, { method: "POST", headers, body: delivery.body, redirect: "manual", signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
    // The answer is not read: only its status counts.
    await response.body?.cancel().catch(() => {});
    const ok = response.status >= 200 && response.status < 300;
    return { statusCode: response.status, error: ok ? null : `HTTP ${response.status}`, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    const message = (error as Error).name === "TimeoutError" ? `No answer within ${SEND_TIMEOUT_MS / 1000} s` : `${(error as Error).message}${cause ? `: ${cause}` : ""}`;
    return { statusCode: null, error: message.slice(0, MAX_ERROR_CHARS), durationMs: Math.round(performance.now() - started) };
  }
}

async function record(delivery: Claimed, outcome: Outcome, at: Date): Promise<"delivered" | "retry" | "failed"> {
  const result = outcome.error === null ? "delivered" : delivery.attempts >= MAX_ATTEMPTS ? "failed" : "retry";
  await transaction(async (tx) => {
    // The webhook may have been deleted meanwhile (its deliveries with it): nothing to record.
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: delivery.id },
      data:
        result === "delivered"
          ? { status: "delivered", deliveredAt: new Date() }
          : result === "failed"
            ? { status: "failed" }
            : { nextAttemptAt: new Date(at.getTime() + RETRY_DELAYS_MS[delivery.attempts - 1]) },
    });
    if (count === 0) return;
    await tx.webhookAttempt.create({ data: { deliveryId: delivery.id, attempt: delivery.attempts, ...outcome } });
  });
  return result;
}

// One pass of the queue: claim what is due and send it (concurrently, each bounded by the timeout).
export async function deliverDueWebhooks(options: { at?: Date; webhookIds?: string[] } = {}) {
  const at = options.at ?? new Date();
  const claimed = await claimDueDeliveries({ at, webhookIds: options.webhookIds });
  const results = await Promise.all(claimed.map(async (delivery) => record(delivery, await send(delivery), at)));
  return {
    claimed: claimed.length,
    delivered: results.filter((result) => result === "delivered").length,
    retrying: results.filter((result) => result === "retry").length,
    failed: results.filter((result) => result === "failed").length,
  };
}
