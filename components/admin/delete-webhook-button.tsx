"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { deleteWebhookAction } from "@/app/(dashboard)/admin/webhooks/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toaster";

export function DeleteWebhookButton({ webhookId, url }: { webhookId: string; url: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={
        <Button size="sm" variant="danger">
          <Trash2 aria-hidden="true" />
          Delete
        </Button>
      }
      title="Delete this webhook?"
      consequence={`Nothing more is sent to ${url}; deliveries still waiting for a retry are dropped, with their log.`}
      confirmLabel="Delete webhook"
      variant="danger"
      onConfirm={async () => {
        const result = await deleteWebhookAction(webhookId);
        if (!result.ok) throw new Error(result.error.message);
        toast.success("Webhook deleted");
        router.refresh();
      }}
    />
  );
}
