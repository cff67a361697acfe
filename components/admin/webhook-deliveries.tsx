import { Badge, type Tone } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { DeliveryView } from "@/lib/webhooks/schemas";

const statusTone: Record<DeliveryView["status"], Tone> = { delivered: "ok", pending: "warn", failed: "danger" };
const statusText: Record<DeliveryView["status"], string> = { delivered: "Delivered", pending: "Retrying", failed: "Failed" };

// A webhook's last deliveries, each with every attempt: what an admin needs to see why a receiver
// gets nothing (status codes, errors, durations, when the next retry is due).
export function WebhookDeliveries({ deliveries, label }: { deliveries: DeliveryView[]; label: string }) {
  if (deliveries.length === 0) return <p className="text-sm text-fg-muted">No deliveries yet: the team&apos;s next alert is sent here.</p>;
  return (
    <Table label={label}>
      <THead>
        <TR>
          <TH>Created</TH>
          <TH>Event</TH>
          <TH>Status</TH>
          <TH>Attempts</TH>
          <TH>Next retry</TH>
        </TR>
      </THead>
      <TBody>
        {deliveries.map((delivery) => (
          <TR key={delivery.id}>
            <TD>
              <RelativeTime value={delivery.createdAt} />
            </TD>
            <TD>{delivery.event}</TD>
            <TD>
              <Badge tone={delivery.status === "pending" && delivery.attempts === 0 ? "info" : statusTone[delivery.status]} dot>
                {delivery.status === "pending" && delivery.attempts === 0 ? "Queued" : statusText[delivery.status]}
              </Badge>
            </TD>
            <TD>
              <ol className="flex flex-col gap-0.5 text-xs">
                {delivery.attemptLog.map((attempt) => (
                  <li key={attempt.attempt}>
                    #{attempt.attempt} {attempt.statusCode ?? "no answer"} {attempt.error ? `— ${attempt.error}` : ""} ({attempt.durationMs} ms,{" "}
                    <RelativeTime value={attempt.at} />)
                  </li>
                ))}
              </ol>
            </TD>
            <TD>{delivery.nextAttemptAt ? <RelativeTime value={delivery.nextAttemptAt} /> : "—"}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
