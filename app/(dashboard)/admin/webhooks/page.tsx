import type { Metadata } from "next";
import { Webhook } from "lucide-react";
import { requirePrincipal } from "@/lib/auth/session";
import { toAppError } from "@/lib/http/error-response";
import { listDeliveries, listWebhooks } from "@/lib/webhooks/manage-webhooks";
import { listTeams } from "@/lib/teams/list-teams";
import { requirePagePermission } from "@/components/auth/page-gate";
import { CreateWebhookDialog } from "@/components/admin/create-webhook-dialog";
import { DeleteWebhookButton } from "@/components/admin/delete-webhook-button";
import { WebhookDeliveries } from "@/components/admin/webhook-deliveries";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";

export const metadata: Metadata = { title: "Webhooks" };

const description = "Each team's alerts, POSTed as Slack-compatible JSON (signed when a secret is set) and retried with backoff for about 13 minutes. Every attempt is logged below.";

export default async function WebhooksPage() {
  const principal = await requirePrincipal();
  requirePagePermission(principal, "alerts:manage");
  let data;
  try {
    const [webhooks, teams] = await Promise.all([listWebhooks(principal), listTeams(principal)]);
    const deliveries = await Promise.all(webhooks.map((webhook) => listDeliveries(principal, webhook.id, { limit: 10 })));
    data = { webhooks: webhooks.map((webhook, index) => ({ webhook, deliveries: deliveries[index] })), teams };
  } catch (error) {
    return (
      <>
        <PageHeader title="Webhooks" description={description} />
        <ErrorState title="Webhooks could not be loaded" message={toAppError(error).message} retryHref="/admin/webhooks" />
      </>
    );
  }
  return (
    <>
      <PageHeader title="Webhooks" description={description} actions={<CreateWebhookDialog teams={data.teams.map((team) => ({ id: team.id, name: team.name }))} />} />
      {data.webhooks.length === 0 ? (
        <EmptyState icon={<Webhook />} title="No webhooks yet" description="Add one to send a team's alerts to Slack or any HTTP receiver." />
      ) : (
        <div className="flex flex-col gap-6">
          {data.webhooks.map(({ webhook, deliveries }) => (
            <section key={webhook.id} aria-labelledby={`webhook-${webhook.id}`} className="rounded-lg border border-border bg-surface p-4">
              <div className="mb-3 flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0">
                  <h2 id={`webhook-${webhook.id}`} className="truncate text-base font-semibold break-all">
                    {webhook.url}
                  </h2>
                  <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-fg-muted">
                    <span>Team {webhook.team.name}</span>
                    <span aria-hidden="true">·</span>
                    <span>{webhook.events.join(", ")}</span>
                    <Badge tone={webhook.signed ? "ok" : "muted"}>{webhook.signed ? "Signed" : "Unsigned"}</Badge>
                    <span aria-hidden="true">·</span>
                    <span>
                      added by {webhook.createdBy} <RelativeTime value={webhook.createdAt} />
                    </span>
                  </p>
                </div>
                <DeleteWebhookButton webhookId={webhook.id} url={webhook.url} />
              </div>
              <WebhookDeliveries deliveries={deliveries} label={`Recent deliveries to ${webhook.url}`} />
            </section>
          ))}
        </div>
      )}
    </>
  );
}
